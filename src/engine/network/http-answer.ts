/**
 * What a simulated server answers to one HTTP request: the status its image gives for the path, and a body. Images
 * whose real response names the pod (hello-app, echo-server, agnhost, serve_hostname) answer with that text; other
 * servers answer with one line naming the pod, its IP and its node instead of their long default page, so a learner
 * can see where each request went. Error pages are the real ones.
 */
import type { KObject } from '../types';
import { nginxAccessLine } from '../kubelet/images/banners';
import type { ClusterNetwork } from './cluster-network';

export interface HttpAnswer {
  status: number;
  body: string;
  server?: string;
  /** A server that does not speak HTTP: curl's error instead of a response (52 empty reply, 1 HTTP/0.9). */
  notHttp?: { code: 1 | 52; message: string };
}

export const CURL_AGENT = 'curl/8.14.1';

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  502: 'Bad Gateway',
  504: 'Gateway Time-out',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Temporarily Unavailable',
};

export const reasonPhrase = (status: number) => REASONS[status] ?? '';

/** nginx's built-in error page (`server_tokens off` hides the version, as ingress-nginx runs it). */
export function nginxErrorPage(status: number, version?: string): string {
  const title = `${status} ${reasonPhrase(status)}`;
  return `<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx${version ? `/${version}` : ''}</center>\n</body>\n</html>\n`;
}

export function answerHttp(net: ClusterNetwork, pod: KObject, port: number, path: string, host: string, clientIP: string): HttpAnswer {
  const proc = net.containerProcesses(pod).find((p) => p.listens(port));
  const name = pod.metadata.name!;
  const image = proc?.spec.image;
  const bare = path.replace(/\?.*$/, '');
  const known = image?.paths;
  let status = !known || known.includes(bare) ? 200 : 404;
  const logs = image?.logs;
  if (proc?.spec.repo.endsWith('/kube-apiserver')) return { status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n' };
  if (logs === 'postgres') {
    // postgres reads the request as a startup packet, logs it and hangs up without a byte.
    proc?.log(`${new Date(net.epochMs(net.now())).toISOString().replace('T', ' ').replace('Z', '')} UTC [${64 + proc.connections++}] LOG:  invalid length of startup packet`);
    return { status: 0, body: '', notHttp: { code: 52, message: 'Empty reply from server' } };
  }
  if (logs === 'redis' || logs === 'mysql') return { status: 0, body: '', notHttp: { code: 1, message: 'Received HTTP/0.9 when not allowed' } };
  if (logs === 'hello-app' || logs === 'echo-server') status = 200;
  if (proc && logs === 'nginx') proc.log(nginxAccessLine(net.epochMs(net.now()), clientIP, path, status, CURL_AGENT));
  const server = logs === 'nginx' ? `nginx/${proc?.spec.version || image?.version || ''}` : logs === 'httpd' ? 'Apache' : undefined;
  if (status === 404) {
    return { status, server, body: logs === 'nginx' ? nginxErrorPage(404, proc?.spec.version || image?.version) : '404 page not found\n' };
  }
  if (logs === 'hello-app') {
    const version = /^(\d+)\.(\d+)/.exec(proc?.spec.version ?? '');
    return { status, body: `Hello, world!\nVersion: ${version ? `${version[1]}.${version[2]}.0` : '1.0.0'}\nHostname: ${name}\n` };
  }
  if (logs === 'echo-server') {
    return { status, body: `Request served by ${name}\n\nHTTP/1.1 GET ${path}\n\nHost: ${host}\nAccept: */*\nUser-Agent: ${CURL_AGENT}\n` };
  }
  if (logs === 'agnhost' && (bare === '/hostname' || isServeHostname(proc?.spec.argv))) return { status, body: name };
  return { status, server, body: `Hello from ${name} (${pod.status?.podIP}) on ${pod.spec?.nodeName}\n` };
}

const isServeHostname = (argv: string[] | undefined) => !!argv?.includes('serve-hostname');

