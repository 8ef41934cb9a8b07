/**
 * `kubectl rollout history|undo` for DaemonSets and StatefulSets (polymorphichelpers history.go / rollback.go): the
 * object's ControllerRevisions (selected by its selector, controlled by it) hold strategic merge patches that
 * restore a pod template; history lists them by revision, undo sends one back as a patch.
 */
import type { KObject } from '../../types';
import type { ResourceDef } from '../../api/resources';
import { formatLabelSelector } from '../../api/selectors';
import type { CommandContext } from '../context';
import type { DryRun } from '../dry-run';
import { dryRunQuery } from '../dry-run';
import { tabbed } from '../describe/writer';
import { describePodTemplate } from '../describe/volumes';
import { ApiError, KubectlError } from '../errors';
import { tabwrite, DESCRIBE_TABWRITER } from '../printers/tabwriter';
import { CHANGE_CAUSE } from './replica-sets';

const revisionOf = (cr: KObject): number => Number(cr.revision ?? 0);

/** controlledHistory: the revisions matching the selector that the object controls. */
function historyOf(ctx: CommandContext, obj: KObject): KObject[] {
  const def = ctx.mapper().resourceFor('controllerrevisions.apps');
  const selector = formatLabelSelector(obj.spec?.selector);
  const list = ctx.client.list(def, obj.metadata.namespace, { labelSelector: selector || undefined });
  return (list.items ?? []).filter((cr: KObject) =>
    (cr.metadata.ownerReferences ?? []).some((o: any) => o.controller && o.uid === obj.metadata.uid),
  );
}

/** The pod template the object would have with the revision applied (its patch replaces spec.template). */
function templateOf(cr: KObject): any {
  const t = structuredClone(cr.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

function canonical(v: unknown): string {
  const norm = (x: any): any => {
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, norm(x[k])]));
    return x;
  };
  return JSON.stringify(norm(v));
}

/** The text after `daemonset.apps/x ` (ViewHistory through printHistory). */
export function revisionHistory(ctx: CommandContext, obj: KObject, revision: number): string {
  const byRevision = new Map<number, KObject>();
  for (const cr of historyOf(ctx, obj)) byRevision.set(revisionOf(cr), cr);
  if (byRevision.size === 0) return 'No rollout history found.';
  if (revision > 0) {
    const cr = byRevision.get(revision);
    if (!cr) throw new KubectlError('unable to find the specified revision');
    return tabbed((w) => describePodTemplate(w, templateOf(cr)));
  }
  const rows = [...byRevision.keys()]
    .sort((a, b) => a - b)
    .map((r) => `${r}\t${byRevision.get(r)!.metadata.annotations?.[CHANGE_CAUSE] || '<none>'}\n`);
  return tabwrite('REVISION\tCHANGE-CAUSE\n' + rows.join(''), DESCRIBE_TABWRITER);
}

/** DaemonSetRollbacker / StatefulSetRollbacker.Rollback: the operation to print after `daemonset.apps/x `. */
export function rollbackToRevision(ctx: CommandContext, def: ResourceDef, obj: KObject, toRevision: number, dryRun: DryRun): string {
  const notFound = () => new KubectlError(`unable to find specified revision ${toRevision} in history`);
  if (toRevision < 0) throw notFound();
  const history = historyOf(ctx, obj).sort((a, b) => revisionOf(a) - revisionOf(b));
  if (toRevision === 0 && history.length <= 1) throw new KubectlError('no last revision to roll back to');
  const target = toRevision === 0 ? history[history.length - 2] : history.find((cr) => revisionOf(cr) === toRevision);
  if (!target) throw notFound();
  if (dryRun === 'client') return tabbed((w) => describePodTemplate(w, templateOf(target)));
  if (canonical(templateOf(target)) === canonical(obj.spec?.template)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  try {
    ctx.client.patch(def, obj.metadata.namespace, obj.metadata.name!, 'application/strategic-merge-patch+json', target.data, dryRunQuery(dryRun));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    throw new KubectlError(`failed restoring revision ${toRevision}: ${e.status.message}`);
  }
  return 'rolled back';
}
