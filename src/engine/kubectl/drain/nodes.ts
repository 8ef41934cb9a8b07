/** Nodes named on the command line (`NODE...` or `-l SELECTOR`), and cordoning them (pkg/drain/cordon.go). */
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import type { DryRun } from '../dry-run';
import { dryRunQuery } from '../dry-run';
import { ApiError, KubectlError } from '../errors';
import { nameLine, dryRunSuffix } from '../printers/name';
import type { ResourceDef } from '../../api/resources';

export function nodeDef(ctx: CommandContext): ResourceDef {
  return ctx.mapper().resourceFor('nodes');
}

/** The nodes to act on; a missing node is an API error, as the builder reports it. */
export function selectNodes(ctx: CommandContext, names: string[], selector: string, all = false): KObject[] {
  const def = nodeDef(ctx);
  if (selector || all) {
    const list = ctx.client.list(def, undefined, { labelSelector: selector || undefined });
    return (list.items ?? []).map((n: KObject) => ({ ...n, apiVersion: 'v1', kind: 'Node' }));
  }
  return names.map((arg) => {
    const slash = arg.indexOf('/');
    const name = slash < 0 ? arg : arg.slice(slash + 1);
    if (slash >= 0) {
      const typed = ctx.mapper().resourceFor(arg.slice(0, slash));
      if (typed.resource !== 'nodes') throw new KubectlError(`error: expected resource of type node, got "${typed.group ? typed.group + '/' : '/'}${typed.version}, Resource=${typed.resource}"`);
    }
    return { ...ctx.client.get(def, undefined, name), apiVersion: 'v1', kind: 'Node' };
  });
}

/** RunCordonOrUncordon: one line per node; failures go to stderr and the command goes on. */
export function cordonNodes(ctx: CommandContext, nodes: KObject[], desired: boolean, dryRun: DryRun): void {
  const verb = desired ? 'cordon' : 'uncordon';
  const def = nodeDef(ctx);
  for (const node of nodes) {
    if (!!node.spec?.unschedulable === desired) {
      ctx.out.print(nameLine(node, `already ${verb}ed${dryRunSuffix(dryRun)}`));
      continue;
    }
    if (dryRun !== 'client') {
      try {
        ctx.client.patch(def, undefined, node.metadata.name!, 'application/strategic-merge-patch+json', {
          spec: { unschedulable: desired ? true : null },
        }, dryRunQuery(dryRun));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        ctx.out.warn(`error: unable to ${verb} node "${node.metadata.name}": ${e.status.message}`);
        continue;
      }
    }
    ctx.out.print(nameLine(node, `${verb}ed${dryRunSuffix(dryRun)}`));
  }
}
