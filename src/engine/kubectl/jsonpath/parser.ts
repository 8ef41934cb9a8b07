/** Parser for Kubernetes JSONPath templates, following k8s.io/client-go/util/jsonpath/parser.go and its errors. */
import { newList, type ListNode, type ParamsEntry } from './nodes';

export class JsonPathParseError extends Error {}

const dictKeyRex = /^'([^']*)'$/;
const sliceOperatorRex = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const filterRex = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

const isSpace = (r: string) => r === ' ' || r === '\t';
const isEndOfLine = (r: string) => r === '\r' || r === '\n';
const isDigit = (r: string) => /^\p{Nd}$/u.test(r);
const isAlphaNumeric = (r: string) => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
const isTerminator = (r: string) => r === '' || isSpace(r) || isEndOfLine(r) || '.,[]$@{}'.includes(r);

/** %#U of a rune: U+002A '*'. */
function runeName(r: string): string {
  return `U+${r.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${r}'`;
}

export function parse(text: string): ListNode {
  return new Parser(text).parse();
}

/** Parse the inside of an action, as parseAction does: returns the action's list node. */
function parseAction(text: string): ListNode {
  const root = parse(`{${text}}`);
  return root.nodes[0] as ListNode;
}

class Parser {
  private pos = 0;
  private start = 0;
  private width = 0;
  private root: ListNode = newList();

  constructor(private readonly input: string) {}

  parse(): ListNode {
    this.root = newList();
    this.parseText(this.root);
    return this.root;
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return '';
    }
    const cp = this.input.codePointAt(this.pos)!;
    const r = String.fromCodePoint(cp);
    this.width = r.length;
    this.pos += this.width;
    return r;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
        this.parseLeftDelim(cur);
        return;
      }
      if (this.next() === '') break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
  }

  private parseLeftDelim(cur: ListNode): void {
    this.pos += 1;
    this.consumeText();
    const node = newList();
    cur.nodes.push(node);
    this.parseInsideAction(node);
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) return this.parseRightDelim();
      if (rest.startsWith('[?(')) return this.parseFilter(cur);
      if (rest.startsWith('..')) return this.parseRecursive(cur);
      const r = this.next();
      if (r === '' || isEndOfLine(r)) throw new JsonPathParseError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') {
        this.consumeText();
        continue;
      }
      if (r === '[') return this.parseArray(cur);
      if (r === '"' || r === "'") return this.parseQuote(cur, r);
      if (r === '.') return this.parseField(cur);
      if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        return this.parseNumber(cur);
      }
      if (isAlphaNumeric(r)) {
        this.backup();
        return this.parseIdentifier(cur);
      }
      throw new JsonPathParseError(`unrecognized character in action: ${runeName(r)}`);
    }
  }

  private parseRightDelim(): void {
    this.pos += 1;
    this.consumeText();
    this.parseText(this.root);
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
    this.parseInsideAction(cur);
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'recursive') throw new JsonPathParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
    this.parseInsideAction(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      r = this.next();
      if (r !== '.' && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ type: 'int', value: parseInt(value, 10) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ type: 'float', value: parseFloat(value) });
    else throw new JsonPathParseError(`cannot parse number ${value}`);
    this.parseInsideAction(cur);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === '' || r === '\n') throw new JsonPathParseError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    const strs = text.split(',');
    if (strs.length > 1) {
      const union = strs.map((s) => parseAction(`[${s.trim()}]`));
      cur.nodes.push({ type: 'union', nodes: union });
      return this.parseInsideAction(cur);
    }

    const dict = dictKeyRex.exec(text);
    if (dict) {
      for (const node of parseAction(`.${dict[1]}`).nodes) cur.nodes.push(node);
      return this.parseInsideAction(cur);
    }

    const m = sliceOperatorRex.exec(text);
    if (!m) throw new JsonPathParseError(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: ParamsEntry[] = [];
    for (let i = 0; i < 3; i++) {
      const p: ParamsEntry = { value: 0, known: false, derived: false };
      if (value[i] !== '') {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === '') p.known = false;
        else {
          if (!/^[+-]?\d+$/.test(value[i])) throw new JsonPathParseError(`array index ${value[i]} is not a number`);
          p.known = true;
          p.value = parseInt(value[i], 10);
        }
      } else if (i === 1) {
        p.known = true;
        p.value = params[0].value + 1;
        p.derived = true;
      }
      params.push(p);
    }
    cur.nodes.push({ type: 'array', params: params as [ParamsEntry, ParamsEntry, ParamsEntry] });
    this.parseInsideAction(cur);
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === '' || r === '\n') throw new JsonPathParseError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JsonPathParseError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = filterRex.exec(text);
    if (!m) {
      cur.nodes.push({ type: 'filter', left: parseAction(text), right: newList(), operator: 'exists' });
    } else {
      cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] });
    }
    this.parseInsideAction(cur);
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === '' || r === '\n') throw new JsonPathParseError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    cur.nodes.push({ type: 'text', text: unquoteExtend(value) });
    this.parseInsideAction(cur);
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance()) {
      /* scan */
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replace(/\\/g, '') });
    this.parseInsideAction(cur);
  }

  private advance(): boolean {
    const r = this.next();
    if (r === '\\') this.next();
    else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** strconv.Unquote extended to single quotes, as UnquoteExtend does. */
function unquoteExtend(s: string): string {
  const quote = s[0];
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      if (c === quote) throw new JsonPathParseError(`unquote string ${s} error invalid syntax`);
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) throw new JsonPathParseError(`unquote string ${s} error invalid syntax`);
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === quote) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new JsonPathParseError(`unquote string ${s} error invalid syntax`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (/[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new JsonPathParseError(`unquote string ${s} error invalid syntax`);
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw new JsonPathParseError(`unquote string ${s} error invalid syntax`);
  }
  return out;
}
