/**
 * One simulated container process: what it does is decided from its image and argv. Servers run until stopped
 * and answer HTTP/TCP on their ports; busybox-style commands run in the shell interpreter on the virtual clock;
 * a memory limit below the image's use gets the process OOM-killed. Output is kept as log lines.
 */
import type { CatalogImage } from './images/catalog';
import { bannerLines, missingPasswordLines, nginxAccessLine } from './images/banners';
import { basename, interprets, runArgv, type Proc } from './shell/run';
import { piDigits } from './pi';

export interface LogLine {
  at: number;
  text: string;
}

export interface Exit {
  code: number;
  reason: 'Completed' | 'Error' | 'OOMKilled';
  message?: string;
}

export interface ProcessHost {
  schedule(ms: number, fn: () => void): void;
  now(): number;
  epochMs(at?: number): number;
}

export interface ProcessSpec {
  argv: string[];
  /** Whether the pod spec gave a command or args (the image default is not used). */
  overridden: boolean;
  /** Whether the pod spec replaced the image's entrypoint (spec.command). */
  commandGiven: boolean;
  vars: Map<string, string>;
  image: CatalogImage | undefined;
  repo: string;
  version: string;
  hostname: string;
  podIP: string;
  memoryLimitBytes?: number;
  declaredPorts: number[];
}

const MAX_LOG_LINES = 5000;
const MI = 1024 * 1024;
const SERVER_STOP_MS = 100;

/** The reason a container could not start (exec of an unknown binary), as runc reports it. */
export function startError(spec: ProcessSpec): string | undefined {
  const img = spec.image;
  if (!img || img.behaviour !== 'shell' || !spec.argv.length || interprets(spec.argv)) return undefined;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${spec.argv[0]}": executable file not found in $PATH: unknown`;
}

/** A file's content, or a function that makes it when the files are first read. */
export type FileContent = string | (() => string);

export class ContainerProcess {
  readonly lines: LogLine[] = [];
  private readonly fileMap = new Map<string, string>();
  /** Files written with a content made on first read (see writeFile): a list, as there is rarely more than one. */
  private lazyFiles: [path: string, make: () => string][] | undefined;
  readonly startedAt: number;
  exit: Exit | undefined;
  finishedAt: number | undefined;
  private partial = '';
  private banner: (() => string[]) | undefined;
  stopping = false;
  /** Connections accepted so far (a server's per-connection log lines number them). */
  connections = 0;
  private ports: number[] = [];
  private server = false;
  private healthFailsAfterMs: number | undefined;

  constructor(
    private readonly host: ProcessHost,
    readonly spec: ProcessSpec,
    private readonly onExit: (p: ContainerProcess) => void,
  ) {
    this.startedAt = host.now();
  }

  get running(): boolean {
    return !this.exit;
  }

  /** The container's filesystem: path -> content. Contents written lazily are made here, on the first read. */
  get files(): Map<string, string> {
    const lazy = this.lazyFiles;
    if (lazy) {
      this.lazyFiles = undefined;
      for (const [path, make] of lazy) this.fileMap.set(path, make());
    }
    return this.fileMap;
  }

  /**
   * Writes a file without reading the filesystem: a function content is called when something first reads the files
   * (so ten thousand containers need not each build a token nobody reads). Its path keeps its place in the listing.
   */
  writeFile(path: string, content: FileContent): void {
    this.forgetLazy(path);
    if (typeof content === 'string') {
      this.fileMap.set(path, content);
      return;
    }
    (this.lazyFiles ??= []).push([path, content]);
    if (!this.fileMap.has(path)) this.fileMap.set(path, '');
  }

  removeFile(path: string): void {
    this.forgetLazy(path);
    this.fileMap.delete(path);
  }

  private forgetLazy(path: string): void {
    const lazy = this.lazyFiles;
    const i = lazy ? lazy.findIndex(([p]) => p === path) : -1;
    if (i >= 0) lazy!.splice(i, 1);
  }

  start(): void {
    const { image, argv } = this.spec;
    const use = this.memoryUseBytes();
    if (this.spec.memoryLimitBytes !== undefined && use > this.spec.memoryLimitBytes) {
      this.host.schedule(800, () => this.finish({ code: 137, reason: 'OOMKilled' }));
    }
    const ctx = { epochMs: this.host.epochMs(), version: this.spec.version, podIP: this.spec.podIP, env: this.spec.vars, repo: this.spec.repo };
    const name = basename(argv[0] ?? '');
    const runsServer =
      image?.behaviour === 'server' &&
      (!this.spec.commandGiven || !argv.length || name === basename(this.spec.repo) || (image.servers ?? []).some((s) => basename(s) === name));
    if (runsServer || (!image && !interprets(argv))) {
      const refusal = missingPasswordLines(image, ctx);
      if (refusal) {
        refusal.forEach((t) => this.log(t));
        this.host.schedule(300, () => this.finish({ code: 1, reason: 'Error' }));
        return;
      }
      this.serve(image, ctx);
      return;
    }
    if (image?.behaviour === 'oneshot') {
      bannerLines(image, ctx).forEach((t) => this.log(t));
      this.host.schedule(50, () => this.finish({ code: 0, reason: 'Completed' }));
      return;
    }
    const pi = /bpi\((\d+)\)/.exec(argv.join(' '));
    if (name === 'perl' && pi) {
      const digits = Math.min(Number(pi[1]), 5000);
      this.host.schedule(2000 + digits, () => {
        this.log(piDigits(digits));
        this.finish({ code: 0, reason: 'Completed' });
      });
      return;
    }
    if (interprets(argv)) {
      this.drive(runArgv(argv, {
        files: this.files,
        // The shell's own variables stay in the process: the container's environment (exec, probes) is unchanged.
        vars: new Map(this.spec.vars),
        hostname: this.spec.hostname,
        epochMs: () => this.host.epochMs(),
        write: (t) => this.write(t),
      }));
      return;
    }
    if (image?.behaviour === 'runtime' && this.spec.overridden) {
      this.server = true;
      this.ports = this.spec.declaredPorts;
      return;
    }
    // A shell or runtime image with its default command and no terminal: it reads EOF and exits.
    this.host.schedule(0, () => this.finish({ code: 0, reason: 'Completed' }));
  }

  private serve(image: CatalogImage | undefined, ctx: Parameters<typeof bannerLines>[1]): void {
    this.server = true;
    this.ports = image?.ports ?? this.spec.declaredPorts;
    const argv = this.spec.argv;
    if (image?.logs === 'agnhost') {
      const sub = argv.find((a) => !a.startsWith('-') && !a.endsWith('agnhost'));
      const port = /--(?:http-)?port=(\d+)/.exec(argv.join(' '));
      if (sub === 'liveness') this.healthFailsAfterMs = 10_000;
      if (sub === 'serve-hostname') this.ports = [port ? Number(port[1]) : 9376];
      else if (port) this.ports = [Number(port[1])];
    }
    const at = this.host.now();
    this.banner = () => bannerLines(image, { ...ctx, epochMs: this.host.epochMs(at) });
  }

  private memoryUseBytes(): number {
    const m = /--vm-bytes[= ](\d+)([KMG]?)/i.exec(this.spec.argv.join(' '));
    if (m) return Number(m[1]) * ({ '': 1, K: 1024, M: MI, G: 1024 * MI }[m[2].toUpperCase()] ?? 1) + MI;
    return (this.spec.image?.memoryMi ?? 20) * MI;
  }

  private drive(proc: Proc): void {
    let r;
    try {
      r = proc.next();
    } catch {
      return this.finish({ code: 2, reason: 'Error' });
    }
    if (this.exit) return;
    if (r.done) return this.finish({ code: r.value, reason: r.value === 0 ? 'Completed' : 'Error' });
    if (r.value !== Infinity) this.host.schedule(r.value, () => !this.exit && this.drive(proc));
  }

  private write(text: string): void {
    const all = this.partial + text;
    const parts = all.split('\n');
    this.partial = parts.pop()!;
    for (const p of parts) this.log(p);
  }

  log(text: string): void {
    this.lines.push({ at: this.host.now(), text });
    if (this.lines.length > MAX_LOG_LINES) this.lines.splice(0, this.lines.length - MAX_LOG_LINES);
  }

  /** Every line so far, the start-up banner first. */
  logLines(): LogLine[] {
    const banner = this.banner ? this.banner().map((text) => ({ at: this.startedAt, text })) : [];
    return banner.length ? [...banner, ...this.lines] : this.lines;
  }

  finish(exit: Exit): void {
    if (this.exit) return;
    if (this.partial) this.log(this.partial);
    this.partial = '';
    this.exit = exit;
    this.finishedAt = this.host.now();
    this.onExit(this);
  }

  /** SIGTERM, then SIGKILL after the grace period: servers shut down at once, a shell as PID 1 ignores TERM. */
  stop(graceMs: number): void {
    if (this.exit || this.stopping) return;
    this.stopping = true;
    if (this.server) this.host.schedule(Math.min(SERVER_STOP_MS, graceMs), () => this.finish({ code: 0, reason: 'Completed' }));
    else this.host.schedule(graceMs, () => this.finish({ code: 137, reason: 'Error' }));
  }

  /** What an HTTP GET to this container answers: a status code, or undefined when nothing listens. */
  http(port: number, path: string, clientIP: string): number | undefined {
    if (!this.listens(port)) return undefined;
    const known = this.spec.image?.paths;
    let status = !known || known.includes(path) || known.includes(path.replace(/\?.*$/, '')) ? 200 : 404;
    if (this.healthFailsAfterMs !== undefined && path.startsWith('/healthz') && this.host.now() - this.startedAt >= this.healthFailsAfterMs) {
      status = 500;
    }
    if (this.spec.image?.logs === 'nginx') {
      this.log(nginxAccessLine(this.host.epochMs(), clientIP, path, status, 'kube-probe/1.33'));
    }
    return status;
  }

  listens(port: number): boolean {
    return this.server && !this.exit && (this.ports.includes(port) || (!this.spec.image && this.spec.declaredPorts.length === 0));
  }
}
