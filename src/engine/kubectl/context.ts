/** What every kubectl command gets: the client, discovery, flag parsing and output. */
import type { FileSystem } from '../types';
import type { Client, Requester } from './client';
import { FlagError, parseFlags, type FlagSpec, type ParsedFlags } from './flags';
import type { RestMapper } from './rest-mapper';

export interface KubectlEnv {
  request: Requester;
  /** Virtual ms, for AGE columns. */
  now(): number;
  stdin?: string;
  fs?: FileSystem;
  /** Run virtual time forward (for commands that wait: rollout status, wait, delete --wait). */
  advance?(ms: number): void;
  /** Virtual time of the next scheduled event, undefined when nothing is scheduled (waiting would never end). */
  nextEventAt?(): number | undefined;
  /** The kubeconfig state that outlives one command (`kubectl config set-context --current --namespace=x`). */
  kubeconfig: KubeconfigState;
}

export interface KubeconfigState {
  /** Namespace of the current context ('default' unless set). */
  namespace: string;
}

export class Output {
  out = '';
  err = '';
  /** Write to stdout; a newline is added unless the text ends with one. */
  print(text: string): void {
    this.out += text.endsWith('\n') ? text : text + '\n';
  }
  /** Write raw text to stdout. */
  write(text: string): void {
    this.out += text;
  }
  warn(text: string): void {
    this.err += text.endsWith('\n') ? text : text + '\n';
  }
}

export interface CommandContext {
  env: KubectlEnv;
  client: Client;
  mapper(): RestMapper;
  out: Output;
  /** The command's name as typed (`get`), and the words after it. */
  name: string;
  words: string[];
  /** Parse `words` with the command's flags; usage errors print as kubectl prints them. */
  parse(specs: FlagSpec[]): ParsedFlags;
  /** The namespace from -n, or the context's namespace (`default`). */
  namespace(flags: ParsedFlags): string;
}

export interface Command {
  name: string;
  aliases?: string[];
  /** Returns the exit code (0 when omitted). Throw KubectlError or ApiError for failures. */
  run(ctx: CommandContext): number | void;
}

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

export function makeParse(command: string, words: string[]) {
  return (specs: FlagSpec[]): ParsedFlags => {
    try {
      return parseFlags(words, specs);
    } catch (e) {
      if (e instanceof FlagError) throw new UsageError(e.message, command);
      throw e;
    }
  };
}
