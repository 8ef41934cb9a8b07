/** Lexer for the Go text/template subset kubectl's go-template output uses (delimiters {{ }}, trim markers). */
export type ItemType =
  | 'text' | 'left' | 'right' | 'field' | 'variable' | 'identifier' | 'string' | 'rawString' | 'number' | 'bool'
  | 'nil' | 'dot' | 'pipe' | 'leftParen' | 'rightParen' | 'char' | 'declare' | 'assign' | 'space' | 'eof';

export interface Item {
  type: ItemType;
  val: string;
  pos: number;
}

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string) => /^[\p{L}\p{Nd}_]$/u.test(c);

export function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  while (pos < input.length) {
    let open = input.indexOf('{{', pos);
    if (open < 0) {
      items.push({ type: 'text', val: input.slice(pos), pos });
      break;
    }
    let text = input.slice(pos, open);
    const trimLeft = input.startsWith('{{- ', open) || input.startsWith('{{-\t', open) || input.startsWith('{{-\n', open);
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
    if (text) items.push({ type: 'text', val: text, pos });
    // Comments: {{/* ... */}}
    const afterOpen = open + 2 + (trimLeft ? 2 : 0);
    if (input.startsWith('/*', afterOpen)) {
      const close = input.indexOf('*/', afterOpen);
      if (close < 0) throw new TemplateSyntaxError('unclosed comment', afterOpen);
      let end = close + 2;
      let trimRight = false;
      if (input.startsWith(' -}}', end)) {
        trimRight = true;
        end += 4;
      } else if (input.startsWith('}}', end)) end += 2;
      else throw new TemplateSyntaxError('comment ends before closing delimiter', close);
      pos = end;
      if (trimRight) while (pos < input.length && isSpace(input[pos])) pos++;
      continue;
    }
    items.push({ type: 'left', val: '{{', pos: open });
    open = afterOpen;
    pos = lexInside(input, open, items);
  }
  items.push({ type: 'eof', val: '', pos: input.length });
  return items;
}

/** Lex one action starting after `{{`; returns the position after `}}` (and trimmed space). */
function lexInside(input: string, pos: number, items: Item[]): number {
  let parens = 0;
  for (;;) {
    if (input.startsWith(' -}}', pos) || input.startsWith('\t-}}', pos) || input.startsWith('\n-}}', pos)) {
      if (parens) throw new TemplateSyntaxError('unclosed left paren', pos);
      items.push({ type: 'right', val: '}}', pos: pos + 2 });
      pos += 4;
      while (pos < input.length && isSpace(input[pos])) pos++;
      return pos;
    }
    if (input.startsWith('}}', pos)) {
      if (parens) throw new TemplateSyntaxError('unclosed left paren', pos);
      items.push({ type: 'right', val: '}}', pos });
      return pos + 2;
    }
    if (pos >= input.length) throw new TemplateSyntaxError('unclosed action', pos);
    const c = input[pos];
    const start = pos;
    if (isSpace(c)) {
      while (pos < input.length && isSpace(input[pos]) && !input.startsWith(' -}}', pos)) pos++;
      items.push({ type: 'space', val: input.slice(start, pos), pos: start });
    } else if (c === ':' && input[pos + 1] === '=') {
      items.push({ type: 'declare', val: ':=', pos });
      pos += 2;
    } else if (c === '=') {
      items.push({ type: 'assign', val: '=', pos: pos++ });
    } else if (c === '|') {
      items.push({ type: 'pipe', val: '|', pos: pos++ });
    } else if (c === '(') {
      parens++;
      items.push({ type: 'leftParen', val: '(', pos: pos++ });
    } else if (c === ')') {
      parens--;
      if (parens < 0) throw new TemplateSyntaxError(`unexpected right paren`, pos);
      items.push({ type: 'rightParen', val: ')', pos: pos++ });
    } else if (c === '"') {
      pos++;
      while (pos < input.length && input[pos] !== '"') {
        if (input[pos] === '\\') pos++;
        if (input[pos] === '\n') throw new TemplateSyntaxError('unterminated quoted string', start);
        pos++;
      }
      if (pos >= input.length) throw new TemplateSyntaxError('unterminated quoted string', start);
      pos++;
      items.push({ type: 'string', val: input.slice(start, pos), pos: start });
    } else if (c === '`') {
      const end = input.indexOf('`', pos + 1);
      if (end < 0) throw new TemplateSyntaxError('unterminated raw quoted string', start);
      pos = end + 1;
      items.push({ type: 'rawString', val: input.slice(start, pos), pos: start });
    } else if (c === '$') {
      pos++;
      while (pos < input.length && isAlnum(input[pos])) pos++;
      items.push({ type: 'variable', val: input.slice(start, pos), pos: start });
    } else if (c === '.' && !/[0-9]/.test(input[pos + 1] ?? '')) {
      pos++;
      if (pos < input.length && isAlnum(input[pos])) {
        while (pos < input.length && isAlnum(input[pos])) pos++;
        items.push({ type: 'field', val: input.slice(start, pos), pos: start });
      } else items.push({ type: 'dot', val: '.', pos: start });
    } else if (/[0-9+\-.]/.test(c)) {
      const m = /^[+-]?(0[xX][0-9a-fA-F_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/.exec(input.slice(pos));
      const val = m?.[0] ?? '';
      if (!val || val === '+' || val === '-') throw new TemplateSyntaxError(`bad number syntax: "${c}"`, start);
      pos += val.length;
      items.push({ type: 'number', val, pos: start });
    } else if (isAlnum(c)) {
      while (pos < input.length && isAlnum(input[pos])) pos++;
      const word = input.slice(start, pos);
      items.push({ type: word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'identifier', val: word, pos: start });
    } else if (c === ',') {
      items.push({ type: 'char', val: ',', pos: pos++ });
    } else {
      throw new TemplateSyntaxError(`unrecognized character in action: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`, pos);
    }
  }
}
