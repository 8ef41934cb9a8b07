/**
 * The console's shell. The engine's Shell (src/engine/shell) is synchronous over a Cluster, but here the engine
 * lives in a worker, so this runs the same parse (parseSession, lex, parseTokens, word expansion) and awaits each
 * kubectl / kubeplay call. Command substitutions run first, then the words expand with their output.
 */
import type { CommandResult } from '../../engine/types';
import { ExpansionError, expandSingle, expandText, expandWord, type ExpandContext } from '../../engine/shell/expand';
import { lex, type Word } from '../../engine/shell/lexer';
import { joinWords } from '../../engine/shell/quote';
import { parseSession, ShellParseError, type Heredoc } from '../../engine/shell/session';
import { parseTokens, ShellSyntaxError, type Pipeline, type SimpleCommand } from '../../engine/shell/syntax';
import { HELP } from './help-text';

export interface ConsoleEngine {
  kubectl(line: string, stdin?: string): Promise<CommandResult>;
  sim(line: string): Promise<CommandResult>;
}

export interface Chunk {
  stream: 'out' | 'err';
  text: string;
}

export interface ConsoleResult extends CommandResult {
  /** stdout and stderr in the order they were written (several commands interleave them). */
  chunks?: Chunk[];
  /** `clear` ran: the panel empties its scrollback. */
  clear?: boolean;
}

/** A result's output in order: its chunks, or its stdout then its stderr. */
export function chunksOf(r: ConsoleResult): Chunk[] {
  const chunks: Chunk[] = r.chunks ?? [
    { stream: 'out', text: r.stdout },
    { stream: 'err', text: r.stderr },
  ];
  return chunks.filter((c) => c.text);
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const NOT_FOUND = 'the console runs kubectl, kubeplay, curl, echo, cat, export, clear and help';

export class ConsoleShell {
  private readonly vars = new Map<string, string>();
  private status = 0;
  /** The kubeconfig context's namespace, as last set by `kubectl config set-context --current --namespace=X`. */
  namespace = 'default';

  constructor(private readonly engine: ConsoleEngine) {}

  async run(text: string): Promise<ConsoleResult> {
    let commands;
    try {
      commands = parseSession(text);
    } catch (e) {
      if (!(e instanceof ShellParseError)) throw e;
      this.status = 2;
      return { stdout: '', stderr: `line ${e.line}: ${e.message}\n`, exitCode: 2 };
    }
    const total: ConsoleResult = { stdout: '', stderr: '', exitCode: 0 };
    for (const cmd of commands) add(total, await this.exec(cmd.source, cmd.heredocs));
    return total;
  }

  private async exec(source: string, heredocs: Heredoc[]): Promise<ConsoleResult> {
    const { tokens, unfinished } = lex(source);
    if (unfinished) return this.finish({ stdout: '', stderr: `unexpected end of command: unterminated ${unfinished.what}\n`, exitCode: 2 });
    let lists;
    try {
      lists = parseTokens(tokens, heredocs);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      return this.finish({ stdout: '', stderr: `${e.message}\n`, exitCode: 2 });
    }
    const total: ConsoleResult = { stdout: '', stderr: '', exitCode: this.status };
    for (const list of lists) {
      add(total, await this.pipeline(list.first));
      for (const { op, pipeline } of list.rest) {
        if ((op === '&&') === (this.status === 0)) add(total, await this.pipeline(pipeline));
      }
    }
    return total;
  }

  private finish(r: ConsoleResult): ConsoleResult {
    this.status = r.exitCode;
    return r;
  }

  private async pipeline(stages: Pipeline): Promise<ConsoleResult> {
    let stdin: string | undefined;
    let stderr = '';
    let last: ConsoleResult = { stdout: '', stderr: '', exitCode: 0 };
    const chunks: Chunk[] = [];
    for (let n = 0; n < stages.length; n++) {
      last = await this.simple(stages[n], n === 0 ? undefined : stdin);
      stderr += last.stderr;
      stdin = last.stdout;
      chunks.push(...chunksOf(last).filter((c) => c.stream === 'err' || n === stages.length - 1));
    }
    return this.finish({ ...last, stderr, chunks });
  }

  private async simple(cmd: SimpleCommand, pipedIn: string | undefined): Promise<ConsoleResult> {
    // Run `$(...)` first (in order), so that the synchronous expansion can read their output.
    const substituted = new Map<string, string>();
    let substErr = '';
    let substStatus: number | undefined;
    for (const source of substitutions(cmd)) {
      if (substituted.has(source)) continue;
      const r = await this.exec(source, []);
      substituted.set(source, r.stdout);
      substErr += r.stderr;
      substStatus = r.exitCode;
    }
    const ctx: ExpandContext = {
      variable: (name) => (name === '?' ? String(this.status) : name === '#' ? '0' : this.vars.get(name)),
      substitute: (source) => {
        const out = substituted.get(source);
        if (out === undefined) throw new ExpansionError('this command substitution is not supported in the console');
        return out;
      },
    };
    const withErr = (r: ConsoleResult): ConsoleResult => ({
      ...r,
      stderr: substErr + r.stderr,
      chunks: [{ stream: 'err', text: substErr }, ...chunksOf(r)],
    });
    try {
      let k = 0;
      while (k < cmd.words.length && isAssignment(cmd.words[k])) k++;
      const persist = k === cmd.words.length;
      for (const w of cmd.words.slice(0, k)) {
        const [name, value] = assignment(w, ctx);
        if (persist) this.vars.set(name, value);
      }
      const argv = cmd.words.slice(k).flatMap((w) => expandWord(w, ctx));
      const io = redirect(cmd, ctx);
      if ('error' in io) return withErr({ stdout: '', stderr: io.error, exitCode: 1 });
      if (!argv.length) return withErr({ stdout: '', stderr: '', exitCode: substStatus ?? 0 });
      const r = await this.invoke(argv, io.stdin ?? pipedIn);
      return withErr(route(r, io.fds));
    } catch (e) {
      if (e instanceof ExpansionError) return withErr({ stdout: '', stderr: `${e.message}\n`, exitCode: 1 });
      throw e;
    }
  }

  private async invoke(argv: string[], stdin: string | undefined): Promise<ConsoleResult> {
    const [name, ...args] = argv;
    switch (name) {
      case 'kubectl': {
        const r = await this.engine.kubectl(joinWords(argv), stdin);
        const ns = contextNamespace(args);
        if (ns !== undefined && r.exitCode === 0) this.namespace = ns || 'default';
        return r;
      }
      case 'kubeplay':
        return this.engine.sim(joinWords(argv));
      case 'curl':
        return this.engine.sim(joinWords(['kubeplay', ...argv]));
      case 'clear':
        return { stdout: '', stderr: '', exitCode: 0, clear: true };
      case 'help':
        return { stdout: HELP, stderr: '', exitCode: 0 };
      case 'echo': {
        const noNewline = args[0] === '-n';
        const text = (noNewline ? args.slice(1) : args).join(' ');
        return { stdout: noNewline ? text : `${text}\n`, stderr: '', exitCode: 0 };
      }
      case 'cat':
        if (args.length && !(args.length === 1 && args[0] === '-')) return { stdout: '', stderr: 'cat: the console has no files; use a here-document or the editor\n', exitCode: 1 };
        return { stdout: stdin ?? '', stderr: '', exitCode: 0 };
      case 'export':
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
        }
        return { stdout: '', stderr: '', exitCode: 0 };
      case 'true':
        return { stdout: '', stderr: '', exitCode: 0 };
      case 'false':
        return { stdout: '', stderr: '', exitCode: 1 };
      default:
        return { stdout: '', stderr: `${name}: command not found (${NOT_FOUND})\n`, exitCode: 127 };
    }
  }
}

/** The namespace `kubectl config set-context --current --namespace=X` sets, undefined for other commands. */
function contextNamespace(args: string[]): string | undefined {
  if (args[0] !== 'config' || args[1] !== 'set-context' || !args.includes('--current')) return undefined;
  for (let i = 2; i < args.length; i++) {
    if (args[i].startsWith('--namespace=')) return args[i].slice('--namespace='.length);
    if (args[i] === '--namespace') return args[i + 1];
  }
  return undefined;
}

function add(total: ConsoleResult, r: ConsoleResult): void {
  total.stdout += r.stdout;
  total.stderr += r.stderr;
  total.exitCode = r.exitCode;
  total.chunks = [...(total.chunks ?? []), ...chunksOf(r)];
  if (r.clear) total.clear = true;
}

/** Sources of the command substitutions written directly in a command's words, left to right. */
function substitutions(cmd: SimpleCommand): string[] {
  const out: string[] = [];
  const words = [...cmd.words, ...cmd.redirections.flatMap((r) => (r.target ? [r.target] : []))];
  for (const w of words) for (const p of w.parts) if (p.kind === 'subst') out.push(p.source);
  return out;
}

function isAssignment(word: Word): boolean {
  const first = word.parts[0];
  return first?.kind === 'lit' && !first.quoted && ASSIGNMENT.test(first.text);
}

function assignment(word: Word, ctx: ExpandContext): [string, string] {
  const first = word.parts[0] as { kind: 'lit'; text: string; quoted: boolean };
  const eq = first.text.indexOf('=');
  const rest: Word = { raw: word.raw, parts: [{ ...first, text: first.text.slice(eq + 1) }, ...word.parts.slice(1)] };
  return [first.text.slice(0, eq), expandSingle(rest, ctx)];
}

type Sink = 'out' | 'err' | 'null';

function redirect(cmd: SimpleCommand, ctx: ExpandContext): { stdin?: string; fds: Record<1 | 2, Sink> } | { error: string } {
  const fds: Record<1 | 2, Sink> = { 1: 'out', 2: 'err' };
  let stdin: string | undefined;
  for (const r of cmd.redirections) {
    if (r.heredoc) {
      stdin = r.heredoc.expand ? expandText(r.heredoc.body, ctx) : r.heredoc.body;
      continue;
    }
    const target = expandSingle(r.target!, ctx);
    if (r.op === '>&' && (target === '1' || target === '2') && (r.fd === 1 || r.fd === 2)) fds[r.fd] = fds[Number(target) as 1 | 2];
    else if (target === '/dev/null' && r.op !== '<' && r.op !== '<&') {
      if (r.op.startsWith('&')) fds[1] = fds[2] = 'null';
      else if (r.fd === 1 || r.fd === 2) fds[r.fd] = 'null';
    } else return { error: `${target}: the console has no files (only here-documents, /dev/null and 2>&1)\n` };
  }
  return { stdin, fds };
}

function route(r: ConsoleResult, fds: Record<1 | 2, Sink>): ConsoleResult {
  const out = { out: '', err: '', null: '' };
  out[fds[1]] += r.stdout;
  out[fds[2]] += r.stderr;
  return { ...r, stdout: out.out, stderr: out.err, chunks: undefined };
}
