/**
 * The simulated container process for busybox-style commands. A process is a generator: it yields how long it
 * sleeps (virtual ms, Infinity = forever) and returns its exit code. Files live in the container's own map, so
 * `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy` and a `cat /tmp/healthy` probe see the same state.
 */
import { expandWord, type ExpandEnv } from './expand';
import { parseScript, ShellSyntaxError, type Node, type Redir } from './parse';
import { BUILTINS, type Builtin, type Io } from './builtins';

export type Proc = Generator<number, number, void>;

export interface ShellHost {
  files: Map<string, string>;
  vars: Map<string, string>;
  hostname: string;
  /** Virtual wall-clock ms now (for `date`). */
  epochMs(): number;
  write(text: string, stream: 'out' | 'err'): void;
  /**
   * Per-container command lookup (`kubectl exec`): a replacement utility, `null` when the image lacks the program,
   * undefined for the default.
   */
  command?(name: string): Builtin | null | undefined;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
/** Simple commands run this many times without sleeping are taken as a busy loop: time moves on a little. */
const BUSY_STEPS = 200;
const BUSY_PAUSE_MS = 100;

class ExitSignal {
  constructor(readonly code: number) {}
}

export function isShell(cmd: string): boolean {
  return SHELLS.has(basename(cmd));
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Whether argv is something this interpreter runs (a shell or a known utility). */
export function interprets(argv: string[]): boolean {
  return argv.length > 0 && (isShell(argv[0]) || basename(argv[0]) in BUILTINS);
}

/** Run argv as the container's process. */
export function* runArgv(argv: string[], host: ShellHost): Proc {
  const sh = new Shell(host);
  if (isShell(argv[0])) {
    const c = argv.indexOf('-c');
    if (c < 0) return 0;
    let node: Node;
    try {
      node = parseScript(argv[c + 1] ?? '');
    } catch (e) {
      host.write(`${basename(argv[0])}: ${e instanceof ShellSyntaxError ? e.message : String(e)}\n`, 'err');
      return 2;
    }
    argv.slice(c + 2).forEach((a, i) => host.vars.set(String(i), a));
    return yield* sh.top(node);
  }
  return yield* sh.topArgv(argv);
}

/** Run a command synchronously (an exec probe): sleeps are skipped; returns exit code and combined output. */
export function runSync(argv: string[], host: Omit<ShellHost, 'write'>): { code: number; output: string } {
  let output = '';
  const proc = runArgv(argv, { ...host, write: (t) => (output += t) });
  let steps = 0;
  for (;;) {
    const r = proc.next();
    if (r.done) return { code: r.value, output };
    if (++steps > 10_000 || r.value === Infinity) return { code: 1, output };
  }
}

class Shell implements ExpandEnv {
  private status = 0;
  private busy = 0;
  private writer: (text: string, stream: 'out' | 'err') => void;

  constructor(private readonly host: ShellHost) {
    this.writer = host.write;
  }

  get(name: string): string | undefined {
    if (name === '?') return String(this.status);
    if (name === '$') return '1';
    if (name === 'HOSTNAME') return this.host.vars.get(name) ?? this.host.hostname;
    return this.host.vars.get(name);
  }

  substitute(script: string): string {
    let out = '';
    const saved = this.writer;
    this.writer = (t, s) => (s === 'out' ? (out += t) : saved(t, s));
    try {
      const proc = this.run(parseScript(script));
      for (let i = 0; i < 10_000 && !proc.next().done; i++) {
        /* sleeps inside $( ) are not waited for */
      }
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
    } finally {
      this.writer = saved;
    }
    return out;
  }

  *top(node: Node): Proc {
    try {
      return yield* this.run(node);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  *topArgv(argv: string[]): Proc {
    try {
      return yield* this.call(argv, []);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  private *run(node: Node): Proc {
    switch (node.kind) {
      case 'simple':
        return (this.status = yield* this.simple(node.words, node.redirs));
      case 'seq':
        for (const n of node.list) yield* this.run(n);
        return this.status;
      case 'and':
        if ((yield* this.run(node.left)) === 0) yield* this.run(node.right);
        return this.status;
      case 'or':
        if ((yield* this.run(node.left)) !== 0) yield* this.run(node.right);
        return this.status;
      case 'not':
        return (this.status = (yield* this.run(node.body)) === 0 ? 1 : 0);
      case 'pipe': {
        for (const n of node.list.slice(0, -1)) this.substituteNode(n);
        return yield* this.run(node.list[node.list.length - 1]);
      }
      case 'loop': {
        let last = 0;
        for (;;) {
          const c = yield* this.run(node.cond);
          if ((c === 0) === node.until) break;
          last = yield* this.run(node.body);
          yield* this.pace();
        }
        return (this.status = last);
      }
      case 'for': {
        const items = node.items
          ? node.items.flatMap((w) => (/^["']/.test(w) ? [expandWord(w, this)] : expandWord(w, this).split(/\s+/).filter(Boolean)))
          : [];
        let last = 0;
        for (const item of items) {
          this.host.vars.set(node.name, item);
          last = yield* this.run(node.body);
        }
        return (this.status = last);
      }
      case 'if':
        if ((yield* this.run(node.cond)) === 0) return yield* this.run(node.then);
        if (node.else) return yield* this.run(node.else);
        return (this.status = 0);
    }
  }

  private substituteNode(node: Node): void {
    const saved = this.writer;
    this.writer = (t, s) => (s === 'out' ? undefined : saved(t, s));
    try {
      const proc = this.run(node);
      for (let i = 0; i < 10_000 && !proc.next().done; i++) {
        /* left side of a pipe: output dropped */
      }
    } finally {
      this.writer = saved;
    }
  }

  /** Let virtual time pass in loops that never sleep. */
  private *pace(): Proc {
    if (++this.busy >= BUSY_STEPS) {
      this.busy = 0;
      yield BUSY_PAUSE_MS;
    }
    return 0;
  }

  private *simple(rawWords: string[], redirs: Redir[]): Proc {
    const words = [...rawWords];
    const assigns: [string, string][] = [];
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
      const w = words.shift()!;
      const eq = w.indexOf('=');
      assigns.push([w.slice(0, eq), expandWord(w.slice(eq + 1), this)]);
    }
    if (!words.length) {
      for (const [k, v] of assigns) this.host.vars.set(k, v);
      return 0;
    }
    for (const [k, v] of assigns) this.host.vars.set(k, v);
    const argv = words.map((w) => expandWord(w, this));
    return yield* this.call(argv, redirs);
  }

  private *call(argv: string[], redirs: Redir[]): Proc {
    yield* this.pace();
    const saved = this.writer;
    const files: { path: string; append: boolean; text: string; stream: 'out' | 'err' | 'both' }[] = [];
    let outTo: ((t: string) => void) | undefined;
    let errTo: ((t: string) => void) | undefined;
    for (const r of redirs) {
      const target = expandWord(r.target, this);
      if (r.op === '2>&1') errTo = outTo ?? ((t) => saved(t, 'out'));
      else if (r.op === '>&2') outTo = (t) => saved(t, 'err');
      else if (r.op === '<') continue;
      else if (target === '/dev/null') {
        if (r.op === '2>' || r.op === '2>>') errTo = () => undefined;
        else outTo = () => undefined;
        if (r.op === '&>') errTo = outTo;
      } else {
        const f = { path: target, append: r.op.endsWith('>>'), text: '', stream: 'out' as const };
        files.push(f);
        const sink = (t: string) => (f.text += t);
        if (r.op === '2>' || r.op === '2>>') errTo = sink;
        else outTo = sink;
        if (r.op === '&>') errTo = sink;
      }
    }
    this.writer = (t, s) => (s === 'out' ? (outTo ?? ((x) => saved(x, 'out')))(t) : (errTo ?? ((x) => saved(x, 'err')))(t));
    try {
      const name = argv[0];
      const io: Io = {
        write: (t) => this.writer(t, 'out'),
        error: (t) => this.writer(t, 'err'),
        files: this.host.files,
        vars: this.host.vars,
        hostname: this.host.hostname,
        epochMs: () => this.host.epochMs(),
        exit: (code) => {
          throw new ExitSignal(code);
        },
      };
      const custom = this.host.command?.(basename(name));
      if (custom === null) {
        io.error(`sh: ${name}: not found\n`);
        return 127;
      }
      if (isShell(name)) {
        const c = argv.indexOf('-c');
        return c < 0 ? 0 : yield* this.run(parseScript(argv[c + 1] ?? ''));
      }
      const builtin = custom ?? BUILTINS[basename(name)];
      if (!builtin) {
        io.error(`sh: ${name}: not found\n`);
        return 127;
      }
      return yield* builtin(argv.slice(1), io);
    } finally {
      this.writer = saved;
      for (const f of files) {
        const prior = f.append ? (this.host.files.get(f.path) ?? '') : '';
        this.host.files.set(f.path, prior + f.text);
      }
    }
  }
}
