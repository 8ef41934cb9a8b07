/** The busybox utilities the simulated shell knows, with busybox's messages. */
import type { Proc } from './run';

export interface Io {
  write(text: string): void;
  error(text: string): void;
  files: Map<string, string>;
  vars: Map<string, string>;
  hostname: string;
  epochMs(): number;
  exit(code: number): never;
}

export type Builtin = (args: string[], io: Io) => Proc;

/** A builtin that finishes at once: an iterator that is done on its first step. */
function done(code: number): Proc {
  const result: IteratorReturnResult<number> = { done: true, value: code };
  const it: Proc = {
    next: () => result,
    return: () => result,
    throw: (e) => {
      throw e;
    },
    [Symbol.iterator]: () => it,
  } as Proc;
  return it;
}

/** busybox sleep: seconds with optional s/m/h/d suffix, several summed, `infinity`. */
export function sleepMs(args: string[]): number | undefined {
  let total = 0;
  for (const a of args) {
    if (a === 'inf' || a === 'infinity') return Infinity;
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return undefined;
    total += parseFloat(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]]!;
  }
  return total;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** busybox `date`: `Thu Jan  1 00:00:05 UTC 2026`. */
export function busyboxDate(epochMs: number): string {
  const d = new Date(epochMs);
  const hh = d.toISOString().slice(11, 19);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hh} UTC ${d.getUTCFullYear()}`;
}

function echoText(args: string[]): string {
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    const f = args.shift()!;
    if (f.includes('n')) newline = false;
    if (f.includes('e')) escapes = true;
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  return newline ? `${text}\n` : text;
}

function printf(args: string[]): string {
  const [fmt = '', ...rest] = args;
  let i = 0;
  return fmt
    .replace(/%([sdi%])/g, (_, c) => (c === '%' ? '%' : c === 's' ? (rest[i++] ?? '') : String(parseInt(rest[i++] ?? '0', 10) || 0)))
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

function test(args: string[], io: Io): boolean {
  if (args[args.length - 1] === ']') args = args.slice(0, -1);
  if (args[0] === '!') return !test(args.slice(1), io);
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, v] = args;
    if (op === '-z') return v === '';
    if (op === '-n') return v !== '';
    if (op === '-f' || op === '-e' || op === '-s' || op === '-r') return io.files.has(v) && (op !== '-s' || io.files.get(v) !== '');
    if (op === '-d') return v === '/' || [...io.files.keys()].some((p) => p.startsWith(`${v.replace(/\/$/, '')}/`));
    return false;
  }
  const [a, op, b] = args;
  const n = (x: string) => parseInt(x, 10) || 0;
  switch (op) {
    case '=':
    case '==': return a === b;
    case '!=': return a !== b;
    case '-eq': return n(a) === n(b);
    case '-ne': return n(a) !== n(b);
    case '-lt': return n(a) < n(b);
    case '-le': return n(a) <= n(b);
    case '-gt': return n(a) > n(b);
    case '-ge': return n(a) >= n(b);
    default: return false;
  }
}

export const BUILTINS: Record<string, Builtin> = {
  *sleep(args, io) {
    const ms = sleepMs(args);
    if (ms === undefined || !args.length) {
      io.error(args.length ? `sleep: invalid number '${args[0]}'\n` : 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n');
      return 1;
    }
    if (ms > 0) yield ms;
    return 0;
  },
  exit: (args, io) => io.exit(parseInt(args[0] ?? '0', 10) & 255 || 0),
  true: () => done(0),
  ':': () => done(0),
  false: () => done(1),
  echo: (args, io) => (io.write(echoText([...args])), done(0)),
  printf: (args, io) => (io.write(printf(args)), done(0)),
  touch(args, io) {
    for (const f of args.filter((a) => !a.startsWith('-'))) if (!io.files.has(f)) io.files.set(f, '');
    return done(0);
  },
  rm(args, io) {
    const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
    let code = 0;
    for (const f of args.filter((a) => !a.startsWith('-'))) {
      if (!io.files.delete(f)) {
        const prefix = `${f.replace(/\/$/, '')}/`;
        const under = [...io.files.keys()].filter((p) => p.startsWith(prefix));
        under.forEach((p) => io.files.delete(p));
        if (!under.length && !force) {
          io.error(`rm: can't remove '${f}': No such file or directory\n`);
          code = 1;
        }
      }
    }
    return done(code);
  },
  cat(args, io) {
    let code = 0;
    for (const f of args.filter((a) => a !== '-')) {
      const text = io.files.get(f);
      if (text === undefined) {
        io.error(`cat: can't open '${f}': No such file or directory\n`);
        code = 1;
      } else io.write(text);
    }
    return done(code);
  },
  ls(args, io) {
    const dir = (args.find((a) => !a.startsWith('-')) ?? '.').replace(/\/$/, '');
    if (io.files.has(dir)) return (io.write(`${dir}\n`), done(0));
    const names = [...new Set([...io.files.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1).split('/')[0]))];
    if (names.length) io.write(`${names.sort().join('\n')}\n`);
    return done(0);
  },
  mkdir: () => done(0),
  cd: () => done(0),
  chmod: () => done(0),
  trap: () => done(0),
  set: () => done(0),
  kill: () => done(0),
  wait: () => done(0),
  read: () => done(1),
  test: (args, io) => done(test(args, io) ? 0 : 1),
  '[': (args, io) => done(test(args, io) ? 0 : 1),
  date: (_args, io) => (io.write(`${busyboxDate(io.epochMs())}\n`), done(0)),
  hostname: (_args, io) => (io.write(`${io.hostname}\n`), done(0)),
  whoami: (_args, io) => (io.write('root\n'), done(0)),
  env(_args, io) {
    io.write([...io.vars].filter(([k]) => !/^\d$/.test(k)).map(([k, v]) => `${k}=${v}\n`).join(''));
    return done(0);
  },
  printenv(args, io) {
    if (!args.length) return BUILTINS.env(args, io);
    // Each set variable's value on its own line; exit 1 if any was unset.
    let missing = false;
    for (const name of args) {
      const v = io.vars.get(name);
      if (v === undefined) missing = true;
      else io.write(`${v}\n`);
    }
    return done(missing ? 1 : 0);
  },
  export(args, io) {
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) io.vars.set(a.slice(0, eq), a.slice(eq + 1));
    }
    return done(0);
  },
  seq(args, io) {
    const [from, to] = args.length >= 2 ? [parseInt(args[0], 10), parseInt(args[1], 10)] : [1, parseInt(args[0] ?? '0', 10)];
    const out: string[] = [];
    for (let i = from; i <= to && out.length < 10_000; i++) out.push(String(i));
    if (out.length) io.write(`${out.join('\n')}\n`);
    return done(0);
  },
  *tail(args) {
    if (args.includes('-f') || args.includes('-F')) yield Infinity;
    return 0;
  },
  *wget(args, io) {
    yield 5;
    const url = args.find((a) => /^(https?:\/\/|[a-z0-9.-]+)/.test(a) && !a.startsWith('-')) ?? '';
    if (args.includes('-O-') || args.includes('-')) io.write(/php-apache/.test(url) ? 'OK!' : '');
    return 0;
  },
  *curl(args, io) {
    yield 5;
    const url = args.find((a) => !a.startsWith('-')) ?? '';
    io.write(/php-apache/.test(url) ? 'OK!' : '');
    return 0;
  },
  nslookup(args, io) {
    const name = args[0] ?? 'kubernetes';
    io.write(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\t${name}\n`);
    return done(0);
  },
};
