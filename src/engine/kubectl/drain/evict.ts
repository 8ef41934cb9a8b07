/**
 * Evicting (or deleting) a node's pods and waiting for them to be gone, on the virtual clock (pkg/drain/drain.go
 * evictPods / deletePods / waitForDelete). A 429 from a PodDisruptionBudget is retried every 5s.
 */
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import type { DryRun } from '../dry-run';
import { dryRunQuery } from '../dry-run';
import { nameLine } from '../printers/name';
import { waitFor } from '../wait/clock-wait';
import { resourcePath } from '../../api/paths';

export interface EvictOptions {
  /** -1: the pod's own grace period. */
  gracePeriod: number;
  /** 0: no limit. */
  timeoutMs: number;
  disableEviction: boolean;
  dryRun: DryRun;
}

const RETRY_MS = 5000;

/**
 * The errors that stopped the drain of this node (undefined when every pod is gone). `aggregate`: kubectl holds them
 * as an error aggregate (evictions), which it prints one per line without the `error: ` prefix.
 */
export interface DrainFailure {
  errors: string[];
  aggregate: boolean;
}

export function evictPods(ctx: CommandContext, pods: KObject[], o: EvictOptions): DrainFailure | undefined {
  if (!pods.length) return undefined;
  const podDef = ctx.mapper().resourceFor('pods');
  const deleteOptions = o.gracePeriod >= 0 ? { gracePeriodSeconds: o.gracePeriod } : {};
  const start = ctx.env.now();
  const globalTimeout = o.timeoutMs > 0 ? `${o.timeoutMs / 1000}s` : '2562047h47m16.854775807s';
  const errors: string[] = [];
  let waiting: KObject[] = [];

  if (o.disableEviction) {
    for (const p of pods) {
      const res = ctx.client.send({
        method: 'DELETE',
        path: resourcePath(podDef, p.metadata.namespace, p.metadata.name),
        body: { kind: 'DeleteOptions', apiVersion: 'v1', ...deleteOptions },
        query: dryRunQuery(o.dryRun),
      });
      if (res.status >= 400 && res.status !== 404) return { errors: [res.body?.message ?? 'unknown error'], aggregate: false };
    }
    waiting = o.dryRun === 'server' ? [] : pods;
  } else {
    let pending = pods;
    while (pending.length) {
      const retry: KObject[] = [];
      for (const p of pending) {
        const ns = p.metadata.namespace;
        const name = p.metadata.name!;
        ctx.out.print(`evicting pod ${ns}/${name}${o.dryRun === 'server' ? ' (server dry run)' : ''}`);
        if (o.timeoutMs > 0 && ctx.env.now() - start >= o.timeoutMs) {
          errors.push(`error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${globalTimeout}`);
          continue;
        }
        const res = ctx.client.send({
          method: 'POST',
          path: resourcePath(podDef, ns, name, 'eviction'),
          contentType: 'application/json',
          body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns }, deleteOptions },
          query: dryRunQuery(o.dryRun),
        });
        if (res.status < 400) {
          if (o.dryRun !== 'server') waiting.push(p);
        } else if (res.status === 404) {
          continue;
        } else if (res.status === 429) {
          ctx.out.warn(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${res.body?.message ?? ''}`);
          retry.push(p);
        } else {
          errors.push(`error when evicting pods/"${name}" -n "${ns}": ${res.body?.message ?? ''}`);
        }
      }
      pending = retry;
      if (pending.length && ctx.env.advance) ctx.env.advance(RETRY_MS);
      else if (pending.length) break;
    }
  }

  const verb = o.disableEviction ? 'deleted' : 'evicted';
  const gone = (p: KObject) => {
    const live = ctx.client.tryGet(podDef, p.metadata.namespace, p.metadata.name!);
    return !live || live.metadata.uid !== p.metadata.uid;
  };
  const remaining = () => {
    waiting = waiting.filter((p) => {
      if (!gone(p)) return true;
      ctx.out.print(nameLine({ apiVersion: 'v1', kind: 'Pod', metadata: p.metadata }, verb));
      return false;
    });
    return waiting.length === 0;
  };
  const left = o.timeoutMs > 0 ? Math.max(1, o.timeoutMs - (ctx.env.now() - start)) : 0;
  const result = waitFor(ctx, left, remaining);
  if (result !== 'done') {
    const why = result === 'timeout' ? 'context deadline exceeded' : 'kubeplay stopped waiting: nothing in the cluster is scheduled to remove the pods';
    if (o.disableEviction) errors.push(why);
    else {
      for (const p of waiting) {
        errors.push(`error when waiting for pod "${p.metadata.name}" in namespace "${p.metadata.namespace}" to terminate: ${why}`);
      }
    }
  }
  return errors.length ? { errors, aggregate: !o.disableEviction } : undefined;
}
