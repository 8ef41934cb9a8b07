/**
 * A parser for the small sh subset container commands in tutorials use: simple commands with redirections,
 * `;` `&&` `||` `|` `!`, `while`/`until`/`for`/`if` compounds, `{ ...; }` and `( ... )` groups.
 * Words stay raw (quotes and `$` intact); the interpreter expands them when it runs them.
 */

export type Node =
  | { kind: 'simple'; words: string[]; redirs: Redir[] }
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'seq'; list: Node[] }
  | { kind: 'pipe'; list: Node[] }
  | { kind: 'not'; body: Node }
  | { kind: 'loop'; until: boolean; cond: Node; body: Node }
  | { kind: 'for'; name: string; items: string[] | undefined; body: Node }
  | { kind: 'if'; cond: Node; then: Node; else?: Node };

export interface Redir {
  op: '>' | '>>' | '<' | '2>' | '2>>' | '&>' | '2>&1' | '>&2';
  target: string;
}

export class ShellSyntaxError extends Error {}

const OPERATORS = ['2>&1', '>&2', '2>>', '&&', '||', '>>', '2>', '&>', ';', '|', '&', '(', ')', '>', '<', '\n'];

type Token = { op: string } | { word: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op && !op.startsWith('2')) {
      out.push({ op });
      i += op.length;
      continue;
    }
    if (op && (src[i - 1] === undefined || /\s/.test(src[i - 1]))) {
      out.push({ op });
      i += op.length;
      continue;
    }
    const start = i;
    i = scanWord(src, i);
    out.push({ word: src.slice(start, i) });
  }
  return out;
}

/** The end of a raw word starting at i: quotes, `$(...)`, `${...}` and backquotes are kept whole. */
function scanWord(src: string, i: number): number {
  while (i < src.length) {
    const ch = src[i];
    if (/[\s;&|()<>]/.test(ch)) break;
    if (ch === '\\') i += 2;
    else if (ch === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
      i = end + 1;
    } else if (ch === '"') i = scanDouble(src, i + 1);
    else if (ch === '$' && (src[i + 1] === '(' || src[i + 1] === '{')) i = scanBalanced(src, i + 1);
    else if (ch === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated backquote');
      i = end + 1;
    } else i++;
  }
  return i;
}

function scanDouble(src: string, i: number): number {
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else if (ch === '$' && (src[i + 1] === '(' || src[i + 1] === '{')) i = scanBalanced(src, i + 1);
    else i++;
  }
  throw new ShellSyntaxError('unterminated quoted string');
}

/** From an opening ( or {, the index after its matching closer. */
export function scanBalanced(src: string, i: number): number {
  const open = src[i];
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === "'" && open === '(') {
      const end = src.indexOf("'", i + 1);
      i = end < 0 ? src.length : end + 1;
      continue;
    }
    if (ch === '"' && open === '(') {
      i = scanDouble(src, i + 1);
      continue;
    }
    if (ch === open) depth++;
    else if (ch === close && --depth === 0) return i + 1;
    i++;
  }
  throw new ShellSyntaxError(`unexpected end of file (expecting "${close}")`);
}

const KEYWORDS = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', 'in', '}']);

class Parser {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}

  parseAll(): Node {
    const node = this.list(new Set());
    if (this.pos < this.toks.length) throw new ShellSyntaxError(`syntax error: unexpected "${this.text(this.toks[this.pos])}"`);
    return node;
  }

  private text(t: Token): string {
    return 'op' in t ? (t.op === '\n' ? 'newline' : t.op) : t.word;
  }

  private peekWord(): string | undefined {
    const t = this.toks[this.pos];
    return t && 'word' in t ? t.word : undefined;
  }

  private peekOp(): string | undefined {
    const t = this.toks[this.pos];
    return t && 'op' in t ? t.op : undefined;
  }

  private skipSeparators(): void {
    while (this.peekOp() === ';' || this.peekOp() === '\n' || this.peekOp() === '&') this.pos++;
  }

  private expectWord(word: string): void {
    this.skipSeparators();
    if (this.peekWord() !== word) {
      const t = this.toks[this.pos];
      throw new ShellSyntaxError(`syntax error: unexpected ${t ? `"${this.text(t)}"` : 'end of file'} (expecting "${word}")`);
    }
    this.pos++;
  }

  /** A list up to one of the given keywords (not consumed). */
  private list(stop: Set<string>): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipSeparators();
      const w = this.peekWord();
      if (this.pos >= this.toks.length || (w !== undefined && stop.has(w)) || this.peekOp() === ')') break;
      items.push(this.andOr());
    }
    return items.length === 1 ? items[0] : { kind: 'seq', list: items };
  }

  private andOr(): Node {
    let left = this.pipeline();
    for (;;) {
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') return left;
      this.pos++;
      while (this.peekOp() === '\n') this.pos++;
      const right = this.pipeline();
      left = { kind: op === '&&' ? 'and' : 'or', left, right };
    }
  }

  private pipeline(): Node {
    if (this.peekWord() === '!') {
      this.pos++;
      return { kind: 'not', body: this.pipeline() };
    }
    const list = [this.command()];
    while (this.peekOp() === '|') {
      this.pos++;
      list.push(this.command());
    }
    return list.length === 1 ? list[0] : { kind: 'pipe', list };
  }

  private command(): Node {
    const w = this.peekWord();
    if (w === 'while' || w === 'until') {
      this.pos++;
      const cond = this.list(new Set(['do']));
      this.expectWord('do');
      const body = this.list(new Set(['done']));
      this.expectWord('done');
      return { kind: 'loop', until: w === 'until', cond, body };
    }
    if (w === 'for') {
      this.pos++;
      const name = this.peekWord();
      if (!name) throw new ShellSyntaxError('syntax error: bad for loop variable');
      this.pos++;
      let items: string[] | undefined;
      this.skipSeparators();
      if (this.peekWord() === 'in') {
        this.pos++;
        items = [];
        while (this.peekWord() !== undefined) items.push((this.toks[this.pos++] as { word: string }).word);
      }
      this.expectWord('do');
      const body = this.list(new Set(['done']));
      this.expectWord('done');
      return { kind: 'for', name, items, body };
    }
    if (w === 'if') {
      this.pos++;
      return this.ifRest();
    }
    if (w === '{') {
      this.pos++;
      const body = this.list(new Set(['}']));
      this.expectWord('}');
      return body;
    }
    if (this.peekOp() === '(') {
      this.pos++;
      const body = this.list(new Set());
      if (this.peekOp() !== ')') throw new ShellSyntaxError('syntax error: unexpected end of file (expecting ")")');
      this.pos++;
      return body;
    }
    return this.simple();
  }

  private ifRest(): Node {
    const cond = this.list(new Set(['then']));
    this.expectWord('then');
    const then = this.list(new Set(['elif', 'else', 'fi']));
    this.skipSeparators();
    const w = this.peekWord();
    this.pos++;
    if (w === 'elif') return { kind: 'if', cond, then, else: this.ifRest() };
    if (w === 'else') {
      const other = this.list(new Set(['fi']));
      this.expectWord('fi');
      return { kind: 'if', cond, then, else: other };
    }
    if (w !== 'fi') throw new ShellSyntaxError('syntax error: unexpected end of file (expecting "fi")');
    return { kind: 'if', cond, then };
  }

  private simple(): Node {
    const words: string[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.toks[this.pos];
      if (!t) break;
      if ('word' in t) {
        if (words.length === 0 && KEYWORDS.has(t.word)) break;
        words.push(t.word);
        this.pos++;
        continue;
      }
      if (['>', '>>', '<', '2>', '2>>', '&>'].includes(t.op)) {
        this.pos++;
        const target = this.peekWord();
        if (target === undefined) throw new ShellSyntaxError('syntax error: unexpected redirection');
        this.pos++;
        redirs.push({ op: t.op as Redir['op'], target });
        continue;
      }
      if (t.op === '2>&1' || t.op === '>&2') {
        this.pos++;
        redirs.push({ op: t.op, target: '' });
        continue;
      }
      break;
    }
    if (!words.length && !redirs.length) {
      const t = this.toks[this.pos];
      throw new ShellSyntaxError(`syntax error: unexpected ${t ? `"${this.text(t)}"` : 'end of file'}`);
    }
    return { kind: 'simple', words, redirs };
  }
}

export function parseScript(src: string): Node {
  return new Parser(tokenize(src)).parseAll();
}
