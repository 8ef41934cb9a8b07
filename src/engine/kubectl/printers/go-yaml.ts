/**
 * YAML exactly as kubectl writes it (sigs.k8s.io/yaml over go-yaml v2's emitter) for JSON data: keys in go-yaml's
 * order, block style, sequences not indented under their key, strings plain when YAML 1.1 would read them back as
 * strings, else '...' or "..."; multi-line strings as literal blocks; long lines folded at spaces past column 80.
 */
import { goFloat } from './go-format';

const BEST_WIDTH = 80;

const YAML11_SPECIAL = new Set([
  '~', 'null', 'Null', 'NULL', 'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE',
  'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF',
  '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<',
]);

/** Whether go-yaml v2's resolve() reads the plain scalar as something other than a string. */
function resolvesNonString(s: string): boolean {
  if (s === '' || YAML11_SPECIAL.has(s)) return true;
  const c = s[0];
  if (!/[-+0-9.]/.test(c)) return false;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(plain)) return true;
  if (/^[-+]?0[0-7]+$/.test(plain) || /^[-+]?0[xX][0-9a-fA-F]+$/.test(plain) || /^[-+]?0b[01]+$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true;
  // Timestamps: 2006-1-2, 2006-1-2T15:4:5(.9)Z07:00, 2006-1-2 15:4:5
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(s)) return true;
  if (/^\d{4}-\d{1,2}-\d{1,2}([Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{2}:\d{2})|[ ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?)$/.test(s)) return true;
  return false;
}

const isPrintable = (c: number) =>
  c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || (c >= 0x10000 && c <= 0x10ffff);
const isBreak = (ch: string) => ch === '\n' || ch === '\r' || ch === '\x85' || ch === '\u2028' || ch === '\u2029';

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

/** yaml_emitter_analyze_scalar (block context). */
function analyze(value: string): Analysis {
  if (value === '') return { multiline: false, blockPlain: true, single: true, block: false };
  const chars = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let special = false, lineBreaks = false, leadingSpace = false, leadingBreak = false, trailingSpace = false;
  let trailingBreak = false, breakSpace = false, spaceBreak = false, prevSpace = false, prevBreak = false;
  let precededByWhitespace = true;
  chars.forEach((ch, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else if (ch === ':' && followedByWhitespace) blockIndicators = true;
    else if (ch === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(ch.codePointAt(0)!)) special = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(ch)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || isBreak(ch);
  });
  const a: Analysis = { multiline: lineBreaks, blockPlain: true, single: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.blockPlain = a.single = false;
  if (spaceBreak || special) a.blockPlain = a.single = a.block = false;
  if (lineBreaks) a.blockPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e', '"': '"',
  '\\': '\\', '\x85': 'N', '\xa0': '_', '\u2028': 'L', '\u2029': 'P',
};

class Emitter {
  out = '';
  private column = 0;

  write(s: string): void {
    this.out += s;
    const nl = s.lastIndexOf('\n');
    this.column = nl < 0 ? this.column + [...s].length : [...s.slice(nl + 1)].length;
  }

  private indentTo(indent: number): void {
    this.write('\n' + ' '.repeat(indent));
  }

  scalar(v: unknown, indent: number, key: boolean): void {
    if (v === null || v === undefined) return this.write('null');
    if (typeof v === 'boolean') return this.write(String(v));
    if (typeof v === 'number') return this.write(Number.isInteger(v) ? String(v) : goFloat(v));
    const s = String(v);
    const a = analyze(s);
    let style: 'plain' | 'single' | 'double' | 'literal';
    if (s.includes('\n')) style = 'literal';
    else style = resolvesNonString(s) ? 'double' : 'plain';
    if (style === 'plain' && !a.blockPlain) style = 'single';
    if (style === 'plain' && s === '' && key) style = 'single';
    if (style === 'single' && !a.single) style = 'double';
    if (style === 'literal' && (!a.block || key)) style = 'double';
    const allowBreaks = !key;
    if (style === 'plain') this.plain(s, indent, allowBreaks);
    else if (style === 'single') this.single(s, indent, allowBreaks);
    else if (style === 'double') this.double(s, indent, allowBreaks);
    else this.literal(s, indent);
  }

  private plain(s: string, indent: number, allowBreaks: boolean): void {
    const chars = [...s];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.indentTo(indent);
        else this.write(' ');
        spaces = true;
      } else {
        this.write(chars[i]);
        spaces = false;
      }
    }
  }

  private single(s: string, indent: number, allowBreaks: boolean): void {
    this.write("'");
    const chars = [...s];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') {
          this.indentTo(indent);
        } else this.write(' ');
        spaces = true;
      } else {
        this.write(ch === "'" ? "''" : ch);
        spaces = false;
      }
    }
    this.write("'");
  }

  private double(s: string, indent: number, allowBreaks: boolean): void {
    this.write('"');
    const chars = [...s];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const c = ch.codePointAt(0)!;
      if (!isPrintable(c) || ch === '"' || ch === '\\' || ch in DOUBLE_ESCAPES && ch !== ' ' && (isBreak(ch) || c < 0x20 || c === 0xa0)) {
        if (ch in DOUBLE_ESCAPES) this.write('\\' + DOUBLE_ESCAPES[ch]);
        else if (c <= 0xff) this.write('\\x' + c.toString(16).toUpperCase().padStart(2, '0'));
        else if (c <= 0xffff) this.write('\\u' + c.toString(16).toUpperCase().padStart(4, '0'));
        else this.write('\\U' + c.toString(16).toUpperCase().padStart(8, '0'));
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.indentTo(indent);
          if (chars[i + 1] === ' ') this.write('\\');
        } else this.write(' ');
        spaces = true;
      } else {
        this.write(ch);
        spaces = false;
      }
    }
    this.write('"');
  }

  private literal(s: string, indent: number): void {
    let hints = s.startsWith(' ') || isBreak(s[0]) ? '2' : '';
    const last = s[s.length - 1];
    if (!isBreak(last)) hints += '-';
    else if (s.length === 1 || isBreak(s[s.length - 2])) hints += '+';
    this.write('|' + hints);
    let breaks = true;
    this.write('\n');
    for (const ch of s) {
      if (isBreak(ch)) {
        this.write('\n');
        breaks = true;
      } else {
        if (breaks) this.write(' '.repeat(indent));
        this.write(ch);
        breaks = false;
      }
    }
    // A following node starts on a new line, as write_indent ensures.
    if (!breaks) this.pendingBreak = true;
  }

  pendingBreak = false;

  /** Start a line at `indent` (after a literal block the newline may already be there). */
  line(indent: number): void {
    if (this.out === '') {
      this.write(' '.repeat(indent));
      return;
    }
    if (this.column === 0 && !this.pendingBreak) this.write(' '.repeat(indent));
    else this.indentTo(indent);
    this.pendingBreak = false;
  }

  /** A node after `key:` or `-` at `indent`. */
  node(v: unknown, indent: number, inSequence: boolean): void {
    if (Array.isArray(v)) {
      if (v.length === 0) return this.write(' []');
      if (inSequence) {
        this.write(' ');
        return this.sequence(v, indent + 2, true);
      }
      return this.sequence(v, indent, false);
    }
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length === 0) return this.write(' {}');
      if (inSequence) {
        this.write(' ');
        return this.mapping(v as Record<string, unknown>, indent + 2, true);
      }
      return this.mapping(v as Record<string, unknown>, indent + 2, false);
    }
    this.write(' ');
    this.scalar(v, indent + 2, false);
  }

  mapping(m: Record<string, unknown>, indent: number, inline: boolean): void {
    sortKeys(Object.keys(m)).forEach((k, i) => {
      if (!(inline && i === 0)) this.line(indent);
      this.scalar(k, indent, true);
      this.write(':');
      this.node(m[k], indent, false);
    });
  }

  sequence(items: unknown[], indent: number, inline: boolean): void {
    items.forEach((item, i) => {
      if (!(inline && i === 0)) this.line(indent);
      this.write('-');
      this.node(item, indent, true);
    });
  }
}

/** go-yaml v2's keyList.Less: digit runs compare as numbers, non-letters sort before letters. */
function keyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

export function sortKeys(keys: string[]): string[] {
  return [...keys].sort((a, b) => (keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0));
}

/** yaml.Marshal of a JSON value, as kubectl -o yaml prints it. */
export function goYaml(v: unknown): string {
  const e = new Emitter();
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]\n';
    e.sequence(v, 0, false);
  } else if (v !== null && typeof v === 'object') {
    if (Object.keys(v).length === 0) return '{}\n';
    e.mapping(v as Record<string, unknown>, 0, false);
  } else e.scalar(v, 0, false);
  return e.out.endsWith('\n') ? e.out : e.out + '\n';
}
