/**
 * `kubectl drain NODE`: cordon, then evict every pod the filters allow (DaemonSet pods, pods with emptyDir and
 * unmanaged pods refuse unless told otherwise), wait for them to be gone, and print `node/x drained`.
 */
import type { Command } from '../context';
import { dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues } from '../dry-run';
import { ApiError, KubectlError } from '../errors';
import { parseGoDuration } from '../go-duration';
import { dryRunSuffix, nameLine } from '../printers/name';
import { evictPods, type DrainFailure } from '../drain/evict';
import { filterPods } from '../drain/filters';
import { cordonNodes, selectNodes } from '../drain/nodes';
import type { KObject } from '../../types';

export const drainCommand: Command = {
  name: 'drain',
  run(ctx) {
    const flags = parseWithOptionalValues(ctx, [
      DRY_RUN_FLAG,
      { name: 'selector', short: 'l', type: 'string', default: '' },
      { name: 'force', type: 'bool' },
      { name: 'ignore-daemonsets', type: 'bool' },
      { name: 'delete-emptydir-data', type: 'bool' },
      { name: 'delete-local-data', type: 'bool' },
      { name: 'grace-period', type: 'int', default: -1 },
      { name: 'timeout', type: 'string', default: '0s' },
      { name: 'pod-selector', type: 'string', default: '' },
      { name: 'disable-eviction', type: 'bool' },
      { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
      { name: 'chunk-size', type: 'int', default: 500 },
    ]);
    const f = flags.flags;
    if (!flags.args.length && !flags.changed.has('selector')) {
      throw new KubectlError(`USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples`);
    }
    if (flags.args.length && f.selector) {
      throw new KubectlError(`error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and examples`);
    }
    const dryRun = dryRunStrategy(ctx, flags);
    const timeoutMs = parseGoDuration(String(f.timeout), 'timeout');
    const nodes = selectNodes(ctx, flags.args, f.selector);
    cordonNodes(ctx, nodes, true, dryRun);

    const podDef = ctx.mapper().resourceFor('pods');
    const dsDef = ctx.mapper().resourceFor('daemonsets.apps');
    const options = {
      ignoreDaemonSets: !!f['ignore-daemonsets'],
      deleteEmptyDirData: !!f['delete-emptydir-data'] || !!f['delete-local-data'],
      force: !!f.force,
      daemonSetExists: (ns: string, name: string): boolean | string => {
        try {
          ctx.client.get(dsDef, ns, name);
          return true;
        } catch (e) {
          if (e instanceof ApiError) return e.status.message;
          throw e;
        }
      },
    };
    const podsOn = (node: KObject): KObject[] =>
      (ctx.client.list(podDef, undefined, { fieldSelector: `spec.nodeName=${node.metadata.name}`, labelSelector: f['pod-selector'] || undefined }).items ?? [])
        .map((p: KObject) => ({ ...p, apiVersion: 'v1', kind: 'Pod' }));

    const failed: { name: string; failure: DrainFailure }[] = [];
    for (const node of nodes) {
      const name = node.metadata.name!;
      const list = filterPods(podsOn(node), options);
      let failure: DrainFailure | undefined = list.errors.length ? { errors: list.errors, aggregate: true } : undefined;
      if (!failure) {
        if (list.warnings) ctx.out.warn(`Warning: ${list.warnings}`);
        if (dryRun === 'client') {
          for (const p of list.pods) ctx.out.print(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)`);
        } else {
          failure = evictPods(ctx, list.pods, {
            gracePeriod: f['grace-period'],
            timeoutMs,
            disableEviction: !!f['disable-eviction'],
            dryRun,
          });
          if (failure) {
            const pending = filterPods(podsOn(node), options).pods;
            if (pending.length) {
              ctx.out.warn(`There are pending pods in node "${name}" when an error occurred: ${joined(failure)}`);
              for (const p of pending) ctx.out.warn(`pod/${p.metadata.name}`);
            }
          }
        }
      }
      if (!failure) {
        ctx.out.print(nameLine(node, `drained${dryRunSuffix(dryRun)}`));
        continue;
      }
      ctx.out.warn(`error: unable to drain node "${name}" due to error: ${joined(failure)}, continuing command...`);
      failed.push({ name, failure });
    }
    if (!failed.length) return 0;
    ctx.out.warn('There are pending nodes to be drained:');
    for (const { name } of failed) ctx.out.warn(` ${name}`);
    // checkErr: one node's aggregate prints one error per line; several nodes print one line each; a plain error gets `error: `.
    if (failed.length > 1) for (const { failure } of failed) ctx.out.warn(joined(failure));
    else if (failed[0].failure.aggregate) for (const e of failed[0].failure.errors) ctx.out.warn(e);
    else ctx.out.warn(`error: ${joined(failed[0].failure)}`);
    return 1;
  },
};

/** An aggregate's Error(): the message alone, or `[a, b]`. */
function joined(f: DrainFailure): string {
  return f.errors.length === 1 ? f.errors[0] : `[${f.errors.join(', ')}]`;
}
