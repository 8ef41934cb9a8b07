/**
 * A small POSIX-style shell over a Cluster: what tutorials type (variables, `$(...)`, `&&`, `||`, `;`, pipes into
 * `kubectl apply -f -`, here-documents) around kubectl, kubeplay, curl and minikube ip.
 *
 * One Shell keeps its variables and `$?` across commands, so the session runner and the app's console each hold
 * one: `shell.run(line)` for console input, `shell.runCommand(cmd)` for commands from parseSession().
 */
import type { CommandResult, FileSystem } from '../types';
import { BUILTINS, NOT_FOUND_HINT, type ShellCluster } from './builtins';
import { ExpansionError, expandSingle, expandText, expandWord, type ExpandContext } from './expand';
import { lex, type Word } from './lexer';
import { parseSession, ShellParseError, type Heredoc, type SessionCommand } from './session';
import { parseTokens, ShellSyntaxError, type AndOrList, type Pipeline, type SimpleCommand } from './syntax';

export type { ShellCluster } from './builtins';

export interface ShellOptions {
  /** Files for `cat FILE` and `< FILE` (kubectl's `-f PATH` uses the cluster's own fs). */
  fs?: FileSystem;
  /** Variables set before the first command. */
  variables?: Record<string, string>;
}

/** Where a command's stdout (fd 1) and stderr (fd 2) end up after its redirections. */
type Sink = 'out' | 'err' | 'null';

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const UNSUPPORTED_KEYWORDS = new Set(['if', 'then', 'else', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'function', '{', '}']);

export class Shell {
  private readonly vars = new Map<string, string>();
  private status = 0;

  constructor(
    private readonly cluster: ShellCluster,
    private readonly options: ShellOptions = {},
  ) {
    for (const [k, v] of Object.entries(options.variables ?? {})) this.vars.set(k, v);
  }

  /** Run console input: one command or several lines (here-documents included). Syntax errors answer exit code 2. */
  run(text: string): CommandResult {
    let commands: SessionCommand[];
    try {
      commands = parseSession(text);
    } catch (e) {
      if (!(e instanceof ShellParseError)) throw e;
      this.status = 2;
      return { stdout: '', stderr: `line ${e.line}: ${e.message}\n`, exitCode: 2 };
    }
    const total: CommandResult = { stdout: '', stderr: '', exitCode: 0 };
    for (const cmd of commands) {
      const r = this.runCommand(cmd);
      total.stdout += r.stdout;
      total.stderr += r.stderr;
      total.exitCode = r.exitCode;
    }
    return total;
  }

  /** Run one command of a parsed session. */
  runCommand(cmd: SessionCommand): CommandResult {
    return this.exec(cmd.source, cmd.heredocs);
  }

  /** The value of a shell variable, undefined when unset. */
  variable(name: string): string | undefined {
    return this.vars.get(name);
  }

  /** Names of the variables set so far (for completion of `$NA<tab>`). */
  variableNames(): string[] {
    return [...this.vars.keys()].sort();
  }

  /** Exit code of the last command (`$?`). */
  get lastExitCode(): number {
    return this.status;
  }

  private exec(source: string, heredocs: Heredoc[]): CommandResult {
    const { tokens, unfinished } = lex(source);
    if (unfinished) return this.finish({ stdout: '', stderr: `unexpected end of command: unterminated ${unfinished.what}\n`, exitCode: 2 });
    let lists: AndOrList[];
    try {
      lists = parseTokens(tokens, heredocs);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      return this.finish({ stdout: '', stderr: `${e.message}\n`, exitCode: 2 });
    }
    const total: CommandResult = { stdout: '', stderr: '', exitCode: this.status };
    const add = (r: CommandResult) => {
      total.stdout += r.stdout;
      total.stderr += r.stderr;
      total.exitCode = r.exitCode;
    };
    for (const list of lists) {
      add(this.pipeline(list.first));
      for (const { op, pipeline } of list.rest) {
        if ((op === '&&') === (this.status === 0)) add(this.pipeline(pipeline));
      }
    }
    return total;
  }

  private finish(r: CommandResult): CommandResult {
    this.status = r.exitCode;
    return r;
  }

  /** Each stage's stdout is the next one's stdin; stderr of every stage is kept; the last stage's exit code wins. */
  private pipeline(stages: Pipeline): CommandResult {
    let stdin: string | undefined;
    let stderr = '';
    let last: CommandResult = { stdout: '', stderr: '', exitCode: 0 };
    stages.forEach((stage, n) => {
      last = this.simple(stage, n === 0 ? undefined : stdin);
      stderr += last.stderr;
      stdin = last.stdout;
    });
    return this.finish({ stdout: last.stdout, stderr, exitCode: last.exitCode });
  }

  private simple(cmd: SimpleCommand, pipedIn: string | undefined): CommandResult {
    let substStderr = '';
    let substStatus: number | undefined;
    const ctx: ExpandContext = {
      variable: (name) => (name === '?' ? String(this.status) : name === '#' ? '0' : this.vars.get(name)),
      substitute: (source) => {
        const r = this.exec(source, []);
        substStderr += r.stderr;
        substStatus = r.exitCode;
        return r.stdout;
      },
    };
    const withSubstErr = (r: CommandResult): CommandResult => ({ ...r, stderr: substStderr + r.stderr });
    try {
      let k = 0;
      while (k < cmd.words.length && isAssignment(cmd.words[k])) k++;
      // Alone (X=1, X=$(cmd)) assignments persist, left to right; before a command they only set its environment,
      // which no command here reads, so they are expanded (for their substitutions) and dropped.
      const persist = k === cmd.words.length;
      for (const w of cmd.words.slice(0, k)) {
        const [name, value] = this.assignment(w, ctx);
        if (persist) this.vars.set(name, value);
      }
      const head = cmd.words[k]?.parts;
      const noSplit = head?.length === 1 && head[0].kind === 'lit' && head[0].text === 'export';
      const argv = cmd.words.slice(k).flatMap((w) => (noSplit && isAssignment(w) ? [expandSingle(w, ctx)] : expandWord(w, ctx)));
      const io = this.redirect(cmd, ctx);
      if ('error' in io) return withSubstErr({ stdout: '', stderr: io.error, exitCode: 1 });
      // With no command left, the status is that of the last command substitution (X=$(false) sets $? to 1).
      if (!argv.length) return withSubstErr({ stdout: '', stderr: '', exitCode: substStatus ?? 0 });
      const r = this.invoke(argv, io.stdin ?? pipedIn);
      return withSubstErr(route(r, io.fds));
    } catch (e) {
      if (e instanceof ExpansionError) return withSubstErr({ stdout: '', stderr: `${e.message}\n`, exitCode: 1 });
      throw e;
    }
  }

  private assignment(word: Word, ctx: ExpandContext): [string, string] {
    const first = word.parts[0] as { kind: 'lit'; text: string; quoted: boolean };
    const eq = first.text.indexOf('=');
    const rest: Word = { raw: word.raw, parts: [{ ...first, text: first.text.slice(eq + 1) }, ...word.parts.slice(1)] };
    return [first.text.slice(0, eq), expandSingle(rest, ctx)];
  }

  private invoke(argv: string[], stdin: string | undefined): CommandResult {
    const [name, ...args] = argv;
    if (UNSUPPORTED_KEYWORDS.has(name)) {
      return { stdout: '', stderr: `${name}: shell ${name === '{' || name === '}' ? 'groups' : 'control flow'} is not supported in Kubeplay's shell\n`, exitCode: 2 };
    }
    const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
    if (!builtin) return { stdout: '', stderr: `${name}: command not found (${NOT_FOUND_HINT})\n`, exitCode: 127 };
    return builtin(args, { cluster: this.cluster, fs: this.options.fs, stdin, variables: this.vars });
  }

  /** Apply redirections left to right: stdin from a here-document or file, fds 1 and 2 to the terminal or /dev/null. */
  private redirect(cmd: SimpleCommand, ctx: ExpandContext): { stdin?: string; fds: Record<1 | 2, Sink> } | { error: string } {
    const fds: Record<1 | 2, Sink> = { 1: 'out', 2: 'err' };
    let stdin: string | undefined;
    for (const r of cmd.redirections) {
      if (r.heredoc) {
        stdin = r.heredoc.expand ? expandText(r.heredoc.body, ctx) : r.heredoc.body;
        continue;
      }
      const target = expandSingle(r.target!, ctx);
      if (r.op === '<') {
        const text = this.options.fs?.readFile(target);
        if (text === undefined) return { error: `${target}: No such file or directory\n` };
        stdin = text;
      } else if (r.op === '>&' && (target === '1' || target === '2') && (r.fd === 1 || r.fd === 2)) {
        fds[r.fd] = fds[Number(target) as 1 | 2];
      } else if (target === '/dev/null' && r.op !== '<&') {
        if (r.op.startsWith('&')) fds[1] = fds[2] = 'null';
        else if (r.fd === 1 || r.fd === 2) fds[r.fd] = 'null';
      } else {
        return { error: `${target}: redirecting output to files is not supported in Kubeplay's shell (only /dev/null and 2>&1)\n` };
      }
    }
    return { stdin, fds };
  }
}

function isAssignment(word: Word): boolean {
  const first = word.parts[0];
  return first?.kind === 'lit' && !first.quoted && ASSIGNMENT.test(first.text);
}

function route(r: CommandResult, fds: Record<1 | 2, Sink>): CommandResult {
  const out = { out: '', err: '', null: '' };
  out[fds[1]] += r.stdout;
  out[fds[2]] += r.stderr;
  return { stdout: out.out, stderr: out.err, exitCode: r.exitCode };
}
