/** Word expansion for the container shell: quotes, $VAR / ${VAR:-x}, $((arithmetic)), $(command), `command`. */
import { scanBalanced } from './parse';

export interface ExpandEnv {
  get(name: string): string | undefined;
  /** Output of a command substitution. */
  substitute(script: string): string;
}

export function expandWord(raw: string, env: ExpandEnv): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === "'") {
      const end = raw.indexOf("'", i + 1);
      out += raw.slice(i + 1, end < 0 ? raw.length : end);
      i = end < 0 ? raw.length : end + 1;
    } else if (ch === '"') {
      i++;
      while (i < raw.length && raw[i] !== '"') {
        if (raw[i] === '\\' && '"\\$`'.includes(raw[i + 1] ?? '')) {
          out += raw[i + 1];
          i += 2;
        } else if (raw[i] === '$' || raw[i] === '`') {
          const [text, next] = dollar(raw, i, env);
          out += text;
          i = next;
        } else out += raw[i++];
      }
      i++;
    } else if (ch === '\\') {
      out += raw[i + 1] ?? '';
      i += 2;
    } else if (ch === '$' || ch === '`') {
      const [text, next] = dollar(raw, i, env);
      out += text;
      i = next;
    } else out += raw[i++];
  }
  return out;
}

function dollar(raw: string, i: number, env: ExpandEnv): [string, number] {
  if (raw[i] === '`') {
    const end = raw.indexOf('`', i + 1);
    const stop = end < 0 ? raw.length : end;
    return [env.substitute(raw.slice(i + 1, stop)).replace(/\n+$/, ''), stop + 1];
  }
  const next = raw[i + 1];
  if (raw.startsWith('$((', i)) {
    const end = scanBalanced(raw, i + 1);
    return [String(arithmetic(raw.slice(i + 3, end - 2), env)), end];
  }
  if (next === '(') {
    const end = scanBalanced(raw, i + 1);
    return [env.substitute(raw.slice(i + 2, end - 1)).replace(/\n+$/, ''), end];
  }
  if (next === '{') {
    const end = scanBalanced(raw, i + 1);
    const inner = raw.slice(i + 2, end - 1);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?([-=+])(.*))?$/.exec(inner);
    if (!m) return ['', end];
    const value = env.get(m[1]);
    if (m[2] === '-' || m[2] === '=') return [value ? value : expandWord(m[3], env), end];
    if (m[2] === '+') return [value ? expandWord(m[3], env) : '', end];
    return [value ?? '', end];
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])/.exec(raw.slice(i + 1));
  if (!m) return ['$', i + 1];
  return [env.get(m[1]) ?? '', i + 1 + m[1].length];
}

/** Integer arithmetic of $(( )): + - * / % comparisons, parentheses, variables. */
export function arithmetic(expr: string, env: ExpandEnv): number {
  const toks = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let pos = 0;
  const peek = () => toks[pos];
  const primary = (): number => {
    const t = toks[pos++];
    if (t === undefined) return 0;
    if (t === '(') {
      const v = binary(0);
      pos++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (/^\d/.test(t)) return parseInt(t, 10);
    const v = parseInt(env.get(t) ?? '0', 10);
    return Number.isNaN(v) ? 0 : v;
  };
  const PREC: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };
  const binary = (min: number): number => {
    let left = primary();
    while (peek() !== undefined && PREC[peek()] !== undefined && PREC[peek()] > min) {
      const op = toks[pos++];
      const right = binary(PREC[op]);
      left = apply(op, left, right);
    }
    return left;
  };
  return binary(0);
}

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? 0 : Math.trunc(a / b);
    case '%': return b === 0 ? 0 : a % b;
    case '<': return +(a < b);
    case '>': return +(a > b);
    case '<=': return +(a <= b);
    case '>=': return +(a >= b);
    case '==': return +(a === b);
    case '!=': return +(a !== b);
    case '&&': return +(!!a && !!b);
    default: return +(!!a || !!b);
  }
}
