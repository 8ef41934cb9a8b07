/** `kubeplay load SERVICE RPS [-n NAMESPACE]`: set (or with 0, stop) steady simulated traffic into a Service. */
import type { ApiRequest, ApiResponse, CommandResult } from '../types';
import type { TrafficLoad } from './load';

const USAGE = 'Usage:\n  kubeplay load SERVICE RPS [-n NAMESPACE]\n  kubeplay load SERVICE [-n NAMESPACE]   (the load now, and what each pod has served)\n';

interface LoadEngine {
  request(req: ApiRequest): ApiResponse;
  traffic?: TrafficLoad;
}

const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string): CommandResult => ({ stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, exitCode: 1 });

/** The requests per second as typed back: whole numbers plain, others with up to two decimals. */
export function formatRps(rps: number): string {
  return Number.isInteger(rps) ? String(rps) : String(Math.round(rps * 100) / 100);
}

/** `words` are what follows `kubeplay load`. */
export function runLoadAction(engine: LoadEngine, words: string[]): CommandResult {
  const positional: string[] = [];
  let namespace = 'default';
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const m = /^(-n|--namespace)(?:=(.*))?$/.exec(w);
    if (m) {
      const v = m[2] ?? words[++i];
      if (!v) return fail(`error: flag needs an argument: ${m[1]}`);
      namespace = v;
    } else if (w.startsWith('-') && !/^-?\d/.test(w)) {
      return fail(`error: unknown flag: ${w}\n${USAGE}`);
    } else positional.push(w);
  }
  if (positional.length !== 1 && positional.length !== 2) return fail(`error: SERVICE and RPS are required\n${USAGE}`);
  const [service, rpsText] = positional;
  if (rpsText === undefined) return showLoad(engine, namespace, service);
  const rps = Number(rpsText);
  if (!/^\d+(\.\d+)?$/.test(rpsText) || !Number.isFinite(rps)) {
    return fail(`error: invalid RPS "${rpsText}": must be a number of requests per second, 0 or more`);
  }
  const got = engine.request({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service)}` });
  if (got.status >= 400) return fail(`Error from server (${got.body?.reason ?? 'NotFound'}): ${got.body?.message ?? `services "${service}" not found`}`);
  const traffic = engine.traffic;
  if (!traffic) return fail('error: this cluster runs no simulated traffic');
  traffic.setLoad(namespace, service, rps);
  if (rps === 0) return ok(`service/${service}: load stopped\n`);
  const endpoints = traffic.receivingEndpoints(namespace, service).length;
  if (!endpoints) {
    return ok(`service/${service}: ${formatRps(rps)} requests/s; it has no ready endpoints, so every request is refused\n`);
  }
  const each = formatRps(rps / endpoints);
  const noun = endpoints === 1 ? 'endpoint' : 'endpoints';
  return ok(`service/${service}: ${formatRps(rps)} requests/s spread over ${endpoints} ready ${noun} (${each} requests/s each)\n`);
}

/** `kubeplay load SERVICE`: the Service's load, and each receiving pod's share and requests served so far. */
function showLoad(engine: LoadEngine, namespace: string, service: string): CommandResult {
  const got = engine.request({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service)}` });
  if (got.status >= 400) return fail(`Error from server (${got.body?.reason ?? 'NotFound'}): ${got.body?.message ?? `services "${service}" not found`}`);
  const traffic = engine.traffic;
  if (!traffic) return fail('error: this cluster runs no simulated traffic');
  const rps = traffic.load(namespace, service);
  const pods = traffic.receivingEndpoints(namespace, service).filter((id) => !id.startsWith('address:'));
  const head = `service/${service}: ${rps ? `${formatRps(rps)} requests/s` : 'no load'}\n`;
  const served = pods.map((pod) => [pod, formatRps(traffic.podRate(namespace, pod)), String(traffic.podServed(namespace, pod))]);
  if (!served.length) return ok(head);
  const rows = [['POD', 'REQUESTS/S', 'SERVED'], ...served];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)) + 3);
  return ok(head + rows.map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]) : cell)).join('')).join('\n') + '\n');
}
