/**
 * `npm run sim -- [--seed N] [--workers N] [--json] FILE`: run a shell session file on a fresh simulated cluster
 * and print its transcript (DESIGN.md 3.3). The Node host around the engine: the only place with fs and process.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createCluster } from '../engine';
import type { FileSystem } from '../engine';
import { parseSession, Shell, ShellParseError, type SessionCommand } from '../engine/shell';

const USAGE = 'usage: npm run sim -- [--seed N] [--workers N] [--json] FILE   (FILE - reads the session from stdin)';

interface Args {
  seed: number;
  workers: number;
  json: boolean;
  file: string;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = { seed: 1, workers: 3, json: false };
  const int = (flag: string, value: string | undefined, min: number): number => {
    if (value === undefined || !/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${flag} needs a whole number >= ${min}, got ${value ?? 'nothing'}`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--seed') args.seed = int('--seed', inline ?? argv[++i], 0);
    else if (flag === '--workers') args.workers = int('--workers', inline ?? argv[++i], 0);
    else if (flag === '--json' && inline === undefined) args.json = true;
    else if (flag === '-h' || flag === '--help') throw new UsageError('');
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown flag: ${a}`);
    else if (args.file !== undefined) throw new UsageError(`only one session file, got ${args.file} and ${a}`);
    else args.file = a;
  }
  if (args.file === undefined) throw new UsageError('a session FILE is needed');
  return args as Args;
}

/** File access for kubectl -f and cat: paths relative to the session file's directory. */
function hostFileSystem(baseDir: string): FileSystem {
  const resolve = (p: string) => path.resolve(baseDir, p);
  return {
    readFile(p) {
      try {
        return readFileSync(resolve(p), 'utf8');
      } catch {
        return undefined;
      }
    },
    readDir(p) {
      try {
        return statSync(resolve(p)).isDirectory() ? readdirSync(resolve(p)).sort() : undefined;
      } catch {
        return undefined;
      }
    },
    join: (dir, name) => path.join(dir, name),
  };
}

interface Entry {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  time: number;
}

function transcript(entries: Entry[]): string {
  const withNewline = (s: string) => (s === '' || s.endsWith('\n') ? s : s + '\n');
  return entries.map((e) => `$ ${e.command}\n${withNewline(e.stdout)}${withNewline(e.stderr)}`).join('');
}

function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (!e.message) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  const display = args.file === '-' ? '<stdin>' : args.file;
  // npm runs scripts from the package root; INIT_CWD is where the user typed `npm run sim`.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const file = path.resolve(cwd, args.file);
  let text: string;
  try {
    text = readFileSync(args.file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    process.stderr.write(`${display}:1: cannot read the session file: ${reason}\n`);
    return 2;
  }
  let commands: SessionCommand[];
  try {
    commands = parseSession(text);
  } catch (e) {
    if (!(e instanceof ShellParseError)) throw e;
    process.stderr.write(`${display}:${e.line}: ${e.message}\n`);
    return 2;
  }
  const fs = hostFileSystem(args.file === '-' ? cwd : path.dirname(file));
  const cluster = createCluster({ seed: args.seed, workers: args.workers, fs });
  const shell = new Shell(cluster, { fs });
  const entries: Entry[] = commands.map((cmd) => {
    const time = cluster.now();
    const r = shell.runCommand(cmd);
    return { command: cmd.text, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, time };
  });
  process.stdout.write(args.json ? JSON.stringify(entries, null, 2) + '\n' : transcript(entries));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
