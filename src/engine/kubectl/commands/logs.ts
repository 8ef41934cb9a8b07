/**
 * `kubectl logs POD [CONTAINER] | TYPE/NAME | -l SELECTOR`: GET pods/{name}/log per container. `-f` prints what the
 * kubelet has and returns (the simulated container does not write while the command runs).
 */
import type { Command, CommandContext } from '../context';
import { ApiError, KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { parseGoDuration } from '../go-duration';
import { allContainerNames, byLogging, selectorOf } from '../logs/select-pods';
import { resourcePath } from '../../api/paths';
import type { KObject } from '../../types';

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

interface LogRequest {
  pod: KObject;
  container: string;
}

export const logsCommand: Command = {
  name: 'logs',
  run(ctx) {
    const flags = ctx.parse([
      { name: 'container', short: 'c', type: 'string', default: '' },
      { name: 'previous', short: 'p', type: 'bool' },
      { name: 'follow', short: 'f', type: 'bool' },
      { name: 'timestamps', type: 'bool' },
      { name: 'tail', type: 'int', default: -1 },
      { name: 'since', type: 'string', default: '0s' },
      { name: 'since-time', type: 'string', default: '' },
      { name: 'limit-bytes', type: 'int', default: 0 },
      { name: 'selector', short: 'l', type: 'string', default: '' },
      { name: 'all-containers', type: 'bool' },
      { name: 'all-pods', type: 'bool' },
      { name: 'prefix', type: 'bool' },
      { name: 'max-log-requests', type: 'int', default: 5 },
      { name: 'ignore-errors', type: 'bool' },
      { name: 'pod-running-timeout', type: 'string', default: '20s' },
      { name: 'insecure-skip-tls-verify-backend', type: 'bool' },
    ]);
    const f = flags.flags;
    const args = flags.args;
    if (args.length === 0 && !f.selector) throw new KubectlError(USAGE);
    if (args.length === 1 && f.selector) throw new KubectlError("only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples");
    if (args.length > 2) throw new KubectlError(USAGE);
    const inlineContainer = args.length === 2 ? args[1] : '';
    const sinceMs = parseGoDuration(String(f.since), 'since');
    if (f['since-time'] && sinceMs !== 0) throw new KubectlError('at most one of `sinceTime` or `sinceSeconds` may be specified');
    if (f['all-containers'] && (f.container || inlineContainer)) {
      throw new KubectlError(`--all-containers=true should not be specified with container name ${f.container || inlineContainer}`);
    }
    if (flags.changed.has('container') && inlineContainer) throw new KubectlError('only one of -c or an inline [CONTAINER] arg is allowed');
    if (flags.changed.has('limit-bytes') && f['limit-bytes'] < 1) throw new KubectlError('--limit-bytes must be greater than 0');
    if (sinceMs < 0) throw new KubectlError('--since must be greater than 0');
    if (f.tail < -1) throw new KubectlError('--tail must be greater than or equal to -1');
    const prefix = !!f.prefix || !!f['all-pods'];
    const container = f.container || inlineContainer;

    const requests = collectRequests(ctx, flags, args[0], container);
    if (f.follow && requests.length > 1 && requests.length > f['max-log-requests']) {
      throw new KubectlError(
        `you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${f['max-log-requests']}, use --max-log-requests to increase the limit`,
      );
    }
    const tail = f.selector && f.tail === -1 && !flags.changed.has('tail') ? 10 : f.tail;
    const query: Record<string, string | undefined> = {
      previous: f.previous ? 'true' : undefined,
      timestamps: f.timestamps ? 'true' : undefined,
      tailLines: tail !== -1 ? String(tail) : undefined,
      sinceSeconds: sinceMs > 0 ? String(Math.round(sinceMs / 1000)) : undefined,
      sinceTime: f['since-time'] || undefined,
      limitBytes: flags.changed.has('limit-bytes') ? String(f['limit-bytes']) : undefined,
    };
    const podDef = ctx.mapper().resourceFor('pods');
    for (const r of requests) {
      const res = ctx.client.send({
        method: 'GET',
        path: resourcePath(podDef, r.pod.metadata.namespace, r.pod.metadata.name, 'log'),
        query: { ...query, container: r.container },
      });
      if (res.status >= 400) {
        const err = new ApiError(res.body, res.status);
        if (!f['ignore-errors']) throw err;
        ctx.out.print(`error: ${err.status.message}`);
        continue;
      }
      const text = typeof res.body === 'string' ? res.body : String(res.body ?? '');
      if (!prefix) {
        ctx.out.write(text);
        continue;
      }
      const tag = `[pod/${r.pod.metadata.name}/${r.container}] `;
      ctx.out.write(
        text
          .split(/(?<=\n)/)
          .map((line) => tag + line)
          .join(''),
      );
    }
    return 0;
  },
};

function collectRequests(ctx: CommandContext, flags: ParsedFlags, arg: string | undefined, container: string): LogRequest[] {
  const f = flags.flags;
  const ns = ctx.namespace(flags);
  const podDef = ctx.mapper().resourceFor('pods');
  let pods: KObject[];
  if (f.selector) {
    pods = (ctx.client.list(podDef, ns, { labelSelector: f.selector }).items ?? []).map(asPod);
    if (!pods.length) ctx.out.warn(`No resources found in ${ns} namespace.`);
  } else {
    const slash = arg!.indexOf('/');
    const def = slash < 0 ? podDef : ctx.mapper().resourceFor(arg!.slice(0, slash));
    const name = slash < 0 ? arg! : arg!.slice(slash + 1);
    let obj: KObject;
    try {
      obj = ctx.client.get(def, def.namespaced ? ns : undefined, name);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) {
        throw new KubectlError(`error from server (NotFound): ${e.status.message} in namespace "${ns}"`);
      }
      throw e;
    }
    obj = { ...obj, kind: def.kind };
    if (def.kind === 'Pod') pods = [asPod(obj)];
    else pods = [podFor(ctx, obj, f['all-pods'])].flat();
  }
  const out: LogRequest[] = [];
  for (const pod of pods) out.push(...containersOf(ctx, pod, container, !!f['all-containers'], !!f['all-pods']));
  return out;
}

const asPod = (p: KObject): KObject => ({ ...p, apiVersion: 'v1', kind: 'Pod' });

/** A workload's pod (the first by ByLogging), or all of them with --all-pods. */
function podFor(ctx: CommandContext, obj: KObject, allPods: boolean): KObject | KObject[] {
  const selector = selectorOf(obj);
  // kubectl's own wording for kinds without a pod selector.
  if (selector === undefined) throw new KubectlError(`cannot get the logs from *v1.${obj.kind}: selector for *v1.${obj.kind} not implemented`);
  const podDef = ctx.mapper().resourceFor('pods');
  const pods: KObject[] = (ctx.client.list(podDef, obj.metadata.namespace, { labelSelector: selector }).items ?? []).map(asPod);
  if (!pods.length) throw new KubectlError('timed out waiting for the condition');
  pods.sort(byLogging);
  if (pods.length > 1) {
    if (allPods) return pods;
    ctx.out.warn(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}`);
  }
  return pods[0];
}

function containersOf(ctx: CommandContext, pod: KObject, container: string, all: boolean, quiet: boolean): LogRequest[] {
  const spec = pod.spec ?? {};
  if (all) {
    return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: any) => ({ pod, container: c.name }));
  }
  let name = container;
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const has = (n: string) =>
    [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].some((c: any) => c.name === n);
  if (!name && annotated) {
    if (has(annotated)) name = annotated;
    else ctx.out.warn(`Default container name "${annotated}" not found in pod ${pod.metadata.name}`);
  }
  if (!name) {
    name = spec.containers?.[0]?.name ?? '';
    const several = (spec.containers ?? []).length > 1 || (spec.initContainers ?? []).length > 0 || (spec.ephemeralContainers ?? []).length > 0;
    if (several && !quiet) ctx.out.warn(`Defaulted container "${name}" out of: ${allContainerNames(pod)}`);
  }
  if (!has(name)) throw new KubectlError(`container ${name} is not valid for pod ${pod.metadata.name}`);
  return [{ pod, container: name }];
}
