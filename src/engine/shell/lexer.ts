/**
 * The shell lexer: command text -> words (with their quoting and expansions kept apart) and operators.
 * It covers the POSIX-shell subset tutorials use; it also tells a caller when the text is unfinished
 * (open quote, open `$(`, trailing `\`, `&&` at the end) so that it can read another line.
 */

/** A piece of a word. `quoted` parts are not split into fields after expansion. */
export type Part =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'param'; name: string; quoted: boolean; fallback?: { text: string; ifEmpty: boolean } }
  | { kind: 'subst'; source: string; quoted: boolean };

export interface Word {
  parts: Part[];
  /** The word as written, quotes included. */
  raw: string;
}

export type Operator = '&&' | '||' | '|' | ';' | '&' | '(' | ')';
export type RedirOp = '<' | '>' | '>>' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-';

export type Token =
  | { type: 'word'; word: Word; offset: number }
  | { type: 'op'; op: Operator; offset: number }
  | { type: 'redir'; op: RedirOp; fd?: number; offset: number };

export type Unfinished = 'single quote' | 'double quote' | 'command substitution' | 'backquote' | 'parameter' | 'line';

export interface LexResult {
  tokens: Token[];
  /** Set when the text stops in the middle of a command; `offset` is where the open construct starts. */
  unfinished?: { what: Unfinished; offset: number };
}

export class Unclosed extends Error {
  constructor(
    readonly what: Unfinished,
    readonly offset: number,
  ) {
    super(what);
  }
}

const OPERATOR_CHARS = ' \t\n;&|<>()';
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  try {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t') {
        i++;
      } else if (c === '\\' && text[i + 1] === '\n') {
        i += 2;
      } else if (c === '\\' && i + 1 === text.length) {
        return { tokens, unfinished: { what: 'line', offset: i } };
      } else if (c === '\n') {
        // A newline ends a command, unless the line ended with an operator that needs more.
        const last = tokens[tokens.length - 1];
        if (last && !(last.type === 'op' && ['&&', '||', '|', ';'].includes(last.op))) tokens.push({ type: 'op', op: ';', offset: i });
        i++;
      } else if (c === '#') {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (OPERATOR_CHARS.includes(c) || (/[0-9]/.test(c) && /^[0-9]+[<>]/.test(text.slice(i, i + 12)))) {
        i = operator(text, i, tokens);
      } else {
        const start = i;
        const { word, end } = readWord(text, i);
        tokens.push({ type: 'word', word: { parts: word, raw: text.slice(start, end) }, offset: start });
        i = end;
      }
    }
  } catch (e) {
    if (e instanceof Unclosed) return { tokens, unfinished: { what: e.what, offset: e.offset } };
    throw e;
  }
  const last = tokens[tokens.length - 1];
  if (last?.type === 'op' && ['&&', '||', '|'].includes(last.op)) return { tokens, unfinished: { what: 'line', offset: last.offset } };
  return { tokens };
}

function operator(text: string, i: number, tokens: Token[]): number {
  const offset = i;
  let fd: number | undefined;
  const digits = /^[0-9]+/.exec(text.slice(i));
  if (digits) {
    fd = Number(digits[0]);
    i += digits[0].length;
  }
  const rest = text.slice(i, i + 3);
  const redirs: RedirOp[] = ['&>>', '<<-', '<<', '>>', '>&', '<&', '&>', '<', '>'];
  for (const op of redirs) {
    if (rest.startsWith(op)) {
      tokens.push({ type: 'redir', op, fd, offset });
      return i + op.length;
    }
  }
  for (const op of ['&&', '||', '|', ';', '&', '(', ')'] as Operator[]) {
    if (rest.startsWith(op)) {
      tokens.push({ type: 'op', op, offset });
      return i + op.length;
    }
  }
  throw new Error(`lexer: unexpected ${text[i]}`);
}

/** Read one word starting at `i`; returns its parts and the index just after it. */
function readWord(text: string, i: number): { word: Part[]; end: number } {
  const parts: Part[] = [];
  const lit = (s: string, quoted: boolean) => {
    const prev = parts[parts.length - 1];
    if (prev?.kind === 'lit' && prev.quoted === quoted) prev.text += s;
    else parts.push({ kind: 'lit', text: s, quoted });
  };
  while (i < text.length && !OPERATOR_CHARS.includes(text[i])) {
    const c = text[i];
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Unclosed('single quote', i);
      lit(text.slice(i + 1, end), true);
      i = end + 1;
    } else if (c === '"') {
      i = readDoubleQuoted(text, i, parts, lit);
    } else if (c === '\\') {
      if (text[i + 1] === '\n') i += 2;
      else if (i + 1 < text.length) {
        lit(text[i + 1], true);
        i += 2;
      } else throw new Unclosed('line', i);
    } else if (c === '$' || c === '`') {
      const r = readExpansion(text, i, false);
      if (r.part) parts.push(r.part);
      else lit('$', false);
      i = r.end;
    } else {
      lit(c, false);
      i++;
    }
  }
  return { word: parts, end: i };
}

function readDoubleQuoted(text: string, i: number, parts: Part[], lit: (s: string, quoted: boolean) => void): number {
  const open = i;
  i++;
  lit('', true); // "" is an empty field, not nothing
  while (i < text.length && text[i] !== '"') {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1])) {
      if (text[i + 1] !== '\n') lit(text[i + 1], true);
      i += 2;
    } else if (c === '$' || c === '`') {
      const r = readExpansion(text, i, true);
      if (r.part) parts.push(r.part);
      else lit('$', true);
      i = r.end;
    } else {
      lit(c, true);
      i++;
    }
  }
  if (i >= text.length) throw new Unclosed('double quote', open);
  return i + 1;
}

/**
 * `$NAME`, `${NAME}`, `${NAME:-word}`, `$?`, `$(...)` or a backquoted command at `i`.
 * Returns no part when the `$` is a plain character.
 */
export function readExpansion(text: string, i: number, quoted: boolean): { part?: Part; end: number } {
  if (text[i] === '`') {
    let j = i + 1;
    let source = '';
    while (j < text.length && text[j] !== '`') {
      if (text[j] === '\\' && '$`\\'.includes(text[j + 1] ?? '')) {
        source += text[j + 1];
        j += 2;
      } else source += text[j++];
    }
    if (j >= text.length) throw new Unclosed('backquote', i);
    return { part: { kind: 'subst', source, quoted }, end: j + 1 };
  }
  const next = text[i + 1];
  if (next === '(') {
    const end = matchParen(text, i + 2);
    return { part: { kind: 'subst', source: text.slice(i + 2, end), quoted }, end: end + 1 };
  }
  if (next === '{') {
    const close = text.indexOf('}', i + 2);
    if (close < 0) throw new Unclosed('parameter', i);
    const body = text.slice(i + 2, close);
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$])(?:(:?)-(.*))?$/s.exec(body);
    if (!m) return { part: { kind: 'param', name: `\0${body}`, quoted }, end: close + 1 };
    const fallback = m[3] !== undefined ? { text: m[3], ifEmpty: m[2] === ':' } : undefined;
    return { part: { kind: 'param', name: m[1], quoted, fallback }, end: close + 1 };
  }
  if (next !== undefined && NAME_START.test(next)) {
    let j = i + 1;
    while (j < text.length && NAME_CHAR.test(text[j])) j++;
    return { part: { kind: 'param', name: text.slice(i + 1, j), quoted }, end: j };
  }
  if (next !== undefined && /[0-9?#$]/.test(next)) return { part: { kind: 'param', name: next, quoted }, end: i + 2 };
  return { end: i + 1 };
}

/** Index of the `)` closing a `$(` whose body starts at `i`, skipping quoted text and nested parentheses. */
function matchParen(text: string, i: number): number {
  const open = i - 2;
  let depth = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Unclosed('single quote', i);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) throw new Unclosed('double quote', i);
      i++;
    } else if (c === '(') {
      depth++;
      i++;
    } else if (c === ')') {
      if (--depth === 0) return i;
      i++;
    } else i++;
  }
  throw new Unclosed('command substitution', open);
}
