/**
 * The network utilities `kubectl exec` runs inside a pod, answered by the simulated data plane from the pod's own
 * address and DNS search path: busybox `nslookup`, `curl` (the same request path as `kubeplay curl --from POD`) and
 * busybox `wget`.
 */
import type { KObject } from '../../types';
import type { ClusterNetwork } from '../../network/cluster-network';
import { nslookup, resolve } from '../../network/dns';
import { runCurl, sendRequest } from '../../network/curl';
import { reasonPhrase } from '../../network/http-answer';
import type { Builtin } from '../shell/builtins';
import { finished } from './finished';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** nslookup: busybox's, or bind's (`bind`: the server's port after `#`). */
function nslookupTool(net: ClusterNetwork, pod: KObject, bind: boolean): Builtin {
  return (args, io) => {
    const name = args.find((a) => !a.startsWith('-'));
    if (!name) {
      io.error('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
      return finished(1);
    }
    const r = nslookup(net, name, pod.metadata.namespace ?? 'default');
    io.write(bind ? r.stdout.replace(/^(Address:\t[\d.]+):53$/m, '$1#53') : r.stdout);
    return finished(r.exitCode);
  };
}

function curlTool(net: ClusterNetwork, pod: KObject): Builtin {
  return (args, io) => {
    const line = ['curl', '--from', pod.metadata.name!, '-n', pod.metadata.namespace ?? 'default', ...args].map(quote).join(' ');
    const r = runCurl(line, net);
    if (r.stdout) io.write(r.stdout);
    if (r.stderr) io.error(r.stderr);
    return finished(r.exitCode);
  };
}

function urlHost(url: string): { host: string; port: number } {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#]+)(?::(\d+))?/i.exec(url);
  const scheme = (m?.[1] ?? 'http').toLowerCase();
  return { host: m?.[2] ?? url, port: m?.[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80 };
}

/** busybox wget: `-q`, `-O FILE` / `-O-` / `-qO-`, `-T SEC`; the body to a file (index.html) or stdout. */
function wgetTool(net: ClusterNetwork, pod: KObject): Builtin {
  return (args, io) => {
    let quiet = false;
    let output: string | undefined;
    let url: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-O' || a === '-T' || a === '-U' || a === '--header') {
        if (a === '-O') output = args[i + 1];
        i++;
      } else if (/^-[qO]+-?$/.test(a) || /^-q*O.+/.test(a)) {
        if (a.includes('q')) quiet = true;
        const o = /O(.*)$/.exec(a);
        if (o) output = o[1] || args[++i];
      } else if (a === '-q' || a === '--quiet') quiet = true;
      else if (!a.startsWith('-')) url = a;
    }
    if (!url) {
      io.error('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
      return finished(1);
    }
    const { host, port } = urlHost(url);
    const ans = resolve(net, host, pod.metadata.namespace ?? 'default');
    const ip = 'nxdomain' in ans ? undefined : ans.ips[0];
    const res = sendRequest(net, /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`, { namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name! });
    if ('error' in res) return (io.error(`${res.error}\n`), finished(1));
    if (!quiet && ip) io.error(`Connecting to ${host}${port === 80 ? '' : `:${port}`} (${ip}:${port})\n`);
    if (!res.ok) {
      if (res.code === 6) io.error(`wget: bad address '${host}${port === 80 ? '' : `:${port}`}'\n`);
      else if (res.code === 7) io.error(`wget: can't connect to remote host (${ip ?? host}): Connection refused\n`);
      else io.error('wget: download timed out\n');
      return finished(1);
    }
    const a = res.answer;
    if (a.status >= 400) {
      io.error(`wget: server returned error: HTTP/1.1 ${a.status} ${reasonPhrase(a.status)}\n`);
      return finished(1);
    }
    const target = output ?? (url.replace(/[?#].*$/, '').split('/').slice(3).pop() || 'index.html');
    if (target === '-') {
      if (!quiet) io.error('writing to stdout\n');
      io.write(a.body);
      if (!quiet) io.error('written to stdout\n');
    } else {
      io.files.set(target, a.body);
      if (!quiet) io.error(`saving to '${target}'\n'${target}' saved\n`);
    }
    return finished(0);
  };
}

/** The utilities whose answers come from the cluster network, by program name. */
export function networkTools(net: ClusterNetwork, pod: KObject, tools: Set<string>): Record<string, Builtin> {
  return { nslookup: nslookupTool(net, pod, tools.has('nslookup:bind')), curl: curlTool(net, pod), wget: wgetTool(net, pod) };
}
