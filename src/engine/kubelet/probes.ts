/**
 * Probe evaluation against a simulated container: exec runs in the container's shell state, httpGet asks the
 * process what it answers on that port and path, tcpSocket whether it listens. Messages are the prober's.
 */
import type { ContainerProcess } from './process';
import { basename, runSync } from './shell/run';
import { BUILTINS } from './shell/builtins';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface ProbeOutcome {
  ok: boolean;
  message: string;
}

export interface ProbeSettings {
  initialDelayMs: number;
  periodMs: number;
  successThreshold: number;
  failureThreshold: number;
}

export function probeSettings(p: any): ProbeSettings {
  return {
    initialDelayMs: (p.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, p.periodSeconds ?? 10) * 1000,
    successThreshold: Math.max(1, p.successThreshold ?? 1),
    failureThreshold: Math.max(1, p.failureThreshold ?? 3),
  };
}

function resolvePort(port: unknown, container: any): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string' && /^\d+$/.test(port)) return Number(port);
  return (container.ports ?? []).find((p: any) => p.name === port)?.containerPort;
}

export function runProbe(probe: any, container: any, proc: ContainerProcess, podIP: string, gatewayIP: string): ProbeOutcome {
  if (probe.exec) {
    const argv: string[] = probe.exec.command ?? [];
    const known = argv.length > 0 && (basename(argv[0]) in BUILTINS || ['sh', 'bash', 'ash'].includes(basename(argv[0])));
    // Tools of the image itself (redis-cli ping, pg_isready ...) answer healthy while the process runs.
    if (!known) return { ok: true, message: '' };
    // A probe is its own process: its variables start from the container's environment and end with it.
    const r = runSync(argv, { files: proc.files, vars: new Map(proc.spec.vars), hostname: proc.spec.hostname, epochMs: () => 0 });
    return { ok: r.code === 0, message: r.output.replace(/\s+$/, '') };
  }
  if (probe.httpGet) {
    const g = probe.httpGet;
    const port = resolvePort(g.port, container);
    const host = g.host || podIP;
    const path = g.path || '/';
    const scheme = (g.scheme ?? 'HTTP').toLowerCase();
    const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
    const status = port === undefined ? undefined : proc.http(port, path, gatewayIP);
    if (status === undefined) return { ok: false, message: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (status >= 200 && status < 400) return { ok: true, message: '' };
    return { ok: false, message: `HTTP probe failed with statuscode: ${status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container);
    const host = probe.tcpSocket.host || podIP;
    if (port !== undefined && proc.listens(port)) {
      return { ok: true, message: '' };
    }
    return { ok: false, message: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    return proc.listens(port)
      ? { ok: true, message: '' }
      : { ok: false, message: `timeout: failed to connect service "${podIP}:${port}" within 1s: context deadline exceeded` };
  }
  return { ok: true, message: '' };
}
