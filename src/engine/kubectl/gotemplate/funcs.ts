/** Go text/template builtin functions (and kubectl's base64decode and exists) over JSON-decoded values. */
import { goFloat, goQuote, goValue } from '../printers/go-format';

export class ExecError extends Error {}

/** A template value: JSON data, plus MISSING for Go's invalid reflect.Value (a map key that is not there). */
export const MISSING = undefined;

export function isTrue(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

type Kind = 'bool' | 'int' | 'float' | 'string' | undefined;
const kindOf = (v: unknown): Kind =>
  typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'string' ? 'string' : undefined;

function eq(a: unknown, ...bs: unknown[]): boolean {
  if (bs.length === 0) throw new ExecError('missing argument for comparison');
  for (const b of bs) {
    const ka = kindOf(a);
    const kb = kindOf(b);
    if (ka && kb && ka !== kb) throw new ExecError('incompatible types for comparison');
    if ((a === undefined || b === undefined) && a !== b) continue;
    if (!ka || !kb) {
      if (a === null && b === null) return true;
      if (a !== undefined && b !== undefined && (typeof a === 'object' || typeof b === 'object')) {
        throw new ExecError('non-comparable types');
      }
      continue;
    }
    if (a === b) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (!ka || !kb || ka === 'bool') throw new ExecError('invalid type for comparison');
  if (ka !== kb) throw new ExecError('incompatible types for comparison');
  return (a as number | string) < (b as number | string);
}

function length(v: unknown): number {
  if (typeof v === 'string') return new TextEncoder().encode(v).length;
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object') return Object.keys(v).length;
  throw new ExecError(`error calling len: len of type ${v === null || v === undefined ? '<nil>' : typeof v === 'number' ? (Number.isInteger(v) ? 'int64' : 'float64') : 'bool'}`);
}

function index(v: unknown, ...keys: unknown[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (cur === null || cur === undefined) throw new ExecError('error calling index: index of untyped nil');
    if (Array.isArray(cur)) {
      if (typeof k !== 'number') throw new ExecError(`error calling index: cannot index slice/array with type ${typeof k}`);
      if (k < 0 || k >= cur.length) throw new ExecError(`error calling index: index out of range: ${k}`);
      cur = cur[k];
    } else if (typeof cur === 'object') {
      if (typeof k !== 'string') throw new ExecError(`error calling index: value has type int; should be string`);
      cur = Object.prototype.hasOwnProperty.call(cur, k) ? (cur as Record<string, unknown>)[k] : MISSING;
    } else throw new ExecError(`error calling index: can't index item of type ${typeof cur}`);
  }
  return cur;
}

function base64decode(v: unknown): string {
  if (typeof v !== 'string') throw new ExecError(`wrong type for value; expected string; got ${goTypeOf(v)}`);
  const clean = v;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    throw new ExecError(`error calling base64decode: base64 decode failed: illegal base64 data at input byte ${firstBad(clean)}`);
  }
  const bin = atob(clean);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function firstBad(s: string): number {
  const i = s.search(/[^A-Za-z0-9+/=]/);
  return i >= 0 ? i : Math.floor(s.length / 4) * 4;
}

function goTypeOf(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** fmt.Sprint: spaces between operands when neither is a string. */
function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += printable(a);
  });
  return out;
}

export function printable(v: unknown): string {
  return v === undefined ? '<no value>' : v === null ? '<nil>' : goValue(v);
}

/** fmt.Sprintf for the verbs templates use: %s %v %d %q %t %f %e %g %x %X %c %%, with flags, width, precision. */
export function sprintf(format: string, args: unknown[]): string {
  let argi = 0;
  return format.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (_m, flags: string, width?: string, prec?: string, verb?: string) => {
    if (verb === '%') return '%';
    if (argi >= args.length) return `%!${verb}(MISSING)`;
    const a = args[argi++];
    let s: string;
    switch (verb) {
      case 'd':
        s = typeof a === 'number' && Number.isInteger(a) ? String(a) : `%!d(${goTypeOf(a)}=${printable(a)})`;
        if (flags.includes('+') && typeof a === 'number' && a >= 0) s = '+' + s;
        break;
      case 'f':
      case 'F':
        s = typeof a === 'number' ? a.toFixed(prec === undefined ? 6 : parseInt(prec, 10)) : `%!f(${goTypeOf(a)}=${printable(a)})`;
        break;
      case 'e':
        s = typeof a === 'number' ? a.toExponential(prec === undefined ? 6 : parseInt(prec, 10)).replace(/e([+-])(\d)$/, 'e$10$2') : `%!e(${goTypeOf(a)}=${printable(a)})`;
        break;
      case 'g':
        s = typeof a === 'number' ? goFloat(a) : `%!g(${goTypeOf(a)}=${printable(a)})`;
        break;
      case 'q':
        s = typeof a === 'string' ? goQuote(a) : `%!q(${goTypeOf(a)}=${printable(a)})`;
        break;
      case 't':
        s = typeof a === 'boolean' ? String(a) : `%!t(${goTypeOf(a)}=${printable(a)})`;
        break;
      case 'x':
      case 'X': {
        const hex =
          typeof a === 'number' ? a.toString(16) : typeof a === 'string' ? [...new TextEncoder().encode(a)].map((b) => b.toString(16).padStart(2, '0')).join('') : printable(a);
        s = verb === 'X' ? hex.toUpperCase() : hex;
        break;
      }
      case 'c':
        s = typeof a === 'number' ? String.fromCodePoint(a) : `%!c(${goTypeOf(a)}=${printable(a)})`;
        break;
      case 's':
      case 'v':
        s = printable(a);
        if (prec !== undefined && verb === 's') s = [...s].slice(0, parseInt(prec, 10)).join('');
        break;
      default:
        s = `%!${verb}(${goTypeOf(a)}=${printable(a)})`;
    }
    const w = width ? parseInt(width, 10) : 0;
    const len = [...s].length;
    if (len < w) {
      if (flags.includes('-')) s = s + ' '.repeat(w - len);
      else if (flags.includes('0') && /[dfeg]/.test(verb!)) s = (s.startsWith('-') ? '-' : '') + '0'.repeat(w - len) + s.replace(/^-/, '');
      else s = ' '.repeat(w - len) + s;
    }
    return s;
  }) + (argi < args.length ? `%!(EXTRA ${args.slice(argi).map((a) => `${goTypeOf(a)}=${printable(a)}`).join(', ')})` : '');
}

const htmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/\0/g, '\uFFFD');

/** Builtins taking evaluated arguments (and, or are short-circuit and handled by the executor). */
export const BUILTINS: Record<string, (...args: unknown[]) => unknown> = {
  not: (a) => !isTrue(a),
  len: (a) => length(a),
  index: (v, ...k) => index(v, ...k),
  print: (...a) => sprint(a),
  println: (...a) => a.map(printable).join(' ') + '\n',
  printf: (f, ...a) => sprintf(String(f), a),
  eq: (a, ...b) => eq(a, ...b),
  ne: (a, b) => !eq(a, b),
  lt: (a, b) => lt(a, b),
  le: (a, b) => lt(a, b) || eq(a, b),
  gt: (a, b) => !(lt(a, b) || eq(a, b)),
  ge: (a, b) => !lt(a, b),
  html: (...a) => htmlEscape(sprint(a)),
  js: (...a) => sprint(a).replace(/[\\'"<>&=]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`),
  urlquery: (...a) => encodeURIComponent(sprint(a)).replace(/%20/g, '+'),
  base64decode: (a) => base64decode(a),
  exists: (v, ...k) => {
    try {
      const r = index(v, ...k);
      return r !== undefined && r !== null;
    } catch {
      return false;
    }
  },
  slice: (v, ...idx) => {
    const [i = 0, j] = idx as number[];
    if (typeof v === 'string') return v.slice(i, j);
    if (Array.isArray(v)) return v.slice(i, j);
    throw new ExecError(`error calling slice: can't slice item of type ${goTypeOf(v)}`);
  },
  call: () => {
    throw new ExecError('error calling call: non-function of type <nil>');
  },
};
