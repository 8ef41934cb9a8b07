/**
 * `kubeplay curl URL [--from POD] [-n NS]` (and the shell's `curl`): one HTTP request, from outside the cluster or
 * from inside a pod, routed through DNS, kube-proxy's rules, the cloud load balancer or the ingress controller, with
 * curl's own output: the response body, or curl's error (6 could not resolve, 7 refused, 28 timed out, 22 with -f).
 *
 * From outside, a host name resolves when an Ingress of the built-in controller lists it (as if /etc/hosts had the
 * line the tutorials ask for), `localhost` is the ingress node (kind's port mapping), and `--resolve HOST:PORT:ADDR`
 * and `-H 'Host: NAME'` work as in curl. Cluster DNS names and cluster IPs only work `--from` a pod.
 */
import { ShellSyntaxError, shellWords } from '../kubectl/shell-words';
import type { CommandResult, KObject } from '../types';
import { nodeIP, type ClusterNetwork } from './cluster-network';
import { resolve } from './dns';
import { answerHttp, nginxErrorPage, reasonPhrase, type HttpAnswer } from './http-answer';
import { hostMatches, routeIngress, servesIngress, upstreams } from './ingress-routing';
import { dial, OUTSIDE_CLIENT_IP, type Source } from './packet-route';
import { ingressNode } from '../controllers/ingress-nginx';

export interface CurlOptions {
  url: string;
  from?: string;
  namespace: string;
  headers: string[];
  resolve: string[];
  include: boolean;
  head: boolean;
  fail: boolean;
  output?: string;
  connectTimeoutS?: number;
}

/** What one request did: the answer, or curl's error, and who answered (for callers that count). */
export type CurlOutcome =
  | { ok: true; answer: HttpAnswer; pod?: KObject; node?: string }
  | { ok: false; code: 6 | 7 | 28; message: string };

const KERNEL_CONNECT_TIMEOUT_MS = 134_100;

const out = (stdout: string, stderr = '', exitCode = 0): CommandResult => ({ stdout, stderr, exitCode });
const usageError = (msg: string): CommandResult => out('', `curl: ${msg}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, 2);

export function parseCurl(words: string[]): CurlOptions | string {
  const o: CurlOptions = { url: '', namespace: 'default', headers: [], resolve: [], include: false, head: false, fail: false };
  const valued = new Set(['-H', '--header', '--resolve', '--from', '-n', '--namespace', '-o', '--output', '-m', '--max-time', '--connect-timeout', '-X', '--request', '-A', '--user-agent', '-w', '--write-out', '-d', '--data']);
  const flags = new Set(['-s', '--silent', '-S', '--show-error', '-v', '--verbose', '-L', '--location', '-k', '--insecure', '-i', '--include', '-I', '--head', '-f', '--fail', '-sS', '-fsSL', '-sL', '-fsS', '-si', '-is']);
  for (let i = 0; i < words.length; i++) {
    let w = words[i];
    let value: string | undefined;
    const eq = w.startsWith('--') ? w.indexOf('=') : -1;
    if (eq > 0) [w, value] = [w.slice(0, eq), w.slice(eq + 1)];
    if (valued.has(w)) {
      value ??= words[++i];
      if (value === undefined) return `option ${w}: requires parameter`;
      if (w === '-H' || w === '--header') o.headers.push(value);
      else if (w === '--resolve') o.resolve.push(value);
      else if (w === '--from') o.from = value;
      else if (w === '-n' || w === '--namespace') o.namespace = value;
      else if (w === '-o' || w === '--output') o.output = value;
      else if (w === '-m' || w === '--max-time' || w === '--connect-timeout') {
        const n = Number(value);
        if (!Number.isFinite(n) || n < 0) return `option ${w}: expected a proper numerical parameter`;
        o.connectTimeoutS = Math.min(o.connectTimeoutS ?? Infinity, n);
      }
    } else if (flags.has(w) || /^-[sSvLkiIf]+$/.test(w)) {
      if (/^-[a-zA-Z]+$/.test(w)) {
        if (w.includes('i')) o.include = true;
        if (w.includes('I')) o.head = true;
        if (w.includes('f')) o.fail = true;
      }
      if (w === '--include') o.include = true;
      if (w === '--head') o.head = true;
      if (w === '--fail') o.fail = true;
    } else if (w.startsWith('-') && w.length > 1) {
      return `option ${w}: is unknown`;
    } else if (!o.url) o.url = w;
  }
  if (!o.url) return 'no URL specified';
  return o;
}

interface Target {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

function parseUrl(url: string): Target | undefined {
  const m = /^(?:([a-z]+):\/\/)?(\[[^\]]*\]|[^/:?#]+)(?::(\d+))?([/?#].*)?$/i.exec(url);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  const path = m[4] ? (m[4].startsWith('/') ? m[4] : `/${m[4]}`) : '/';
  return { scheme, host: m[2], port, path };
}

/** The request itself: resolution, connection, and the answer. */
export function curlRequest(net: ClusterNetwork, o: CurlOptions): CurlOutcome | { error: string } {
  const t = parseUrl(o.url);
  if (!t) return { ok: false, code: 6, message: `Could not resolve host: ${o.url}` };
  let src: Source = { ip: OUTSIDE_CLIENT_IP };
  let fromPod: KObject | undefined;
  if (o.from) {
    fromPod = net.pod(o.namespace, o.from);
    if (!fromPod) return { error: `Error from server (NotFound): pods "${o.from}" not found` };
    if (!fromPod.status?.podIP || fromPod.status?.phase !== 'Running') {
      return { error: `error: unable to upgrade connection: container not found ("${fromPod.spec?.containers?.[0]?.name ?? ''}")` };
    }
    src = { ip: fromPod.status.podIP, node: fromPod.spec.nodeName };
  }
  const hostHeader = o.headers.map((h) => /^host:\s*(.*)$/i.exec(h)?.[1]).find((h) => h !== undefined)?.trim() || t.host;
  const ip = resolveHost(net, o, t, fromPod);
  if (!ip) return { ok: false, code: 6, message: `Could not resolve host: ${t.host}` };
  const connectFail = (code: 7 | 28, ms: number, why: string): CurlOutcome => ({ ok: false, code, message: `Failed to connect to ${t.host} port ${t.port} after ${ms} ms: ${why}` });
  const timedOut = (): CurlOutcome =>
    o.connectTimeoutS !== undefined && o.connectTimeoutS * 1000 < KERNEL_CONNECT_TIMEOUT_MS
      ? connectFail(28, Math.round(o.connectTimeoutS * 1000) + 2, 'Timeout was reached')
      : connectFail(28, KERNEL_CONNECT_TIMEOUT_MS, "Couldn't connect to server");

  if (fromPod && (ip === '127.0.0.1' || ip === fromPod.status.podIP)) {
    const listening = net.containerProcesses(fromPod).some((p) => p.listens(t.port));
    if (!listening) return connectFail(7, 0, "Couldn't connect to server");
    return { ok: true, answer: answerHttp(net, fromPod, t.port, t.path, hostHeader, '127.0.0.1'), pod: fromPod, node: fromPod.spec.nodeName };
  }
  const ingNode = ingressNode(net.nodes());
  if (ingNode && ip === nodeIP(ingNode) && (t.port === 80 || t.port === 443)) {
    if (!net.nodeAlive(ingNode.metadata.name)) return timedOut();
    return viaIngress(net, hostHeader.replace(/:\d+$/, ''), t.path, src);
  }
  const d = dial(net, src, ip, t.port);
  if (!d.ok) return d.error === 'refused' ? connectFail(7, 0, "Couldn't connect to server") : timedOut();
  if (!d.pod) return connectFail(7, 0, "Couldn't connect to server");
  return { ok: true, answer: answerHttp(net, d.pod, d.port, t.path, hostHeader, src.ip), pod: d.pod, node: d.pod.spec?.nodeName };
}

/**
 * One GET of `url` through the simulated network, from outside or (with `from`) from inside a pod: for callers that
 * send traffic and count who answered (each call draws from the seeded RNG as kube-proxy's rules do).
 */
export function sendRequest(net: ClusterNetwork, url: string, from?: { namespace: string; pod: string }): CurlOutcome | { error: string } {
  const o: CurlOptions = { url, from: from?.pod, namespace: from?.namespace ?? 'default', headers: [], resolve: [], include: false, head: false, fail: false };
  return curlRequest(net, o);
}

function resolveHost(net: ClusterNetwork, o: CurlOptions, t: Target, fromPod: KObject | undefined): string | undefined {
  for (const r of o.resolve) {
    const [h, p, addr] = r.split(':');
    if (h?.toLowerCase() === t.host.toLowerCase() && Number(p) === t.port && addr) return addr;
  }
  const host = t.host.toLowerCase();
  if (host === 'localhost') return fromPod ? '127.0.0.1' : nodeIP(ingressNode(net.nodes()) ?? ({} as KObject));
  if (fromPod) {
    const ans = resolve(net, host, fromPod.metadata.namespace);
    return 'nxdomain' in ans || !ans.ips.length ? undefined : ans.ips[0];
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
  // /etc/hosts on the learner's machine, as the ingress tutorials have you write it.
  for (const ing of net.ingresses()) {
    const addr = ing.status?.loadBalancer?.ingress?.[0]?.ip;
    if (addr && servesIngress(net, ing) && (ing.spec?.rules ?? []).some((r: any) => r.host && hostMatches(r.host, host))) return addr;
  }
  return undefined;
}

function viaIngress(net: ClusterNetwork, host: string, path: string, src: Source): CurlOutcome {
  const backend = routeIngress(net, host, path);
  const html = (status: number): CurlOutcome => ({ ok: true, answer: { status, body: nginxErrorPage(status), server: 'nginx' } });
  if (!backend?.service) return html(404);
  const ns = backend.ingress.metadata.namespace!;
  const ups = upstreams(net, ns, backend.service);
  if (!ups.length) return html(503);
  const up = ups[net.nextRoundRobin(`${ns}/${backend.service.name}:${backend.service.port.number ?? backend.service.port.name}`, ups.length)];
  // The controller proxies from its own node (hostNetwork) to the pod, keeping the client's address in X-Forwarded-For.
  const node = ingressNode(net.nodes())!;
  const d = dial(net, { ip: nodeIP(node) ?? src.ip, node: node.metadata.name }, up.ip, up.port);
  if (!d.ok) return html(d.error === 'refused' ? 502 : 504);
  if (!d.pod) return html(502);
  return { ok: true, answer: answerHttp(net, d.pod, d.port, path, host, src.ip), pod: d.pod, node: d.pod.spec?.nodeName };
}

function headerBlock(a: HttpAnswer, now: number, epochMs: (at: number) => number): string {
  const date = new Date(epochMs(now)).toUTCString();
  const lines = [`HTTP/1.1 ${a.status} ${reasonPhrase(a.status)}`];
  if (a.server) lines.push(`Server: ${a.server}`);
  lines.push(`Date: ${date}`, `Content-Type: ${a.body.startsWith('<html>') ? 'text/html' : 'text/plain; charset=utf-8'}`, `Content-Length: ${new TextEncoder().encode(a.body).length}`, 'Connection: keep-alive');
  return `${lines.join('\n')}\n\n`;
}

export function runCurl(line: string, net: ClusterNetwork | undefined): CommandResult {
  if (!net) return out('', 'error: the simulated network is not running in this cluster\n', 1);
  let words: string[];
  try {
    words = shellWords(line);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return out('', `error: ${e.message}\n`, 1);
    throw e;
  }
  if (words[0] === 'kubeplay') words.shift();
  if (words[0] === 'curl') words.shift();
  const o = parseCurl(words);
  if (typeof o === 'string') return usageError(o);
  const res = curlRequest(net, o);
  if ('error' in res) return out('', `${res.error}\n`, 1);
  if (!res.ok) return out('', `curl: (${res.code}) ${res.message}\n`, res.code);
  const a = res.answer;
  if (a.notHttp) return out('', `curl: (${a.notHttp.code}) ${a.notHttp.message}\n`, a.notHttp.code);
  if (o.fail && a.status >= 400) return out('', `curl: (22) The requested URL returned error: ${a.status}\n`, 22);
  const headers = o.include || o.head ? headerBlock(a, net.now(), (t) => net.epochMs(t)) : '';
  if (o.output && o.output !== '-') return out(headers && o.head ? headers : '');
  return out(o.head ? headers : headers + a.body);
}

