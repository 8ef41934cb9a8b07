/** `kubectl rollout undo` for Deployments (rollback.go): patch the chosen ReplicaSet's template back onto the Deployment. */
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import type { DryRun } from '../dry-run';
import { dryRunQuery } from '../dry-run';
import { tabbed } from '../describe/writer';
import { describePodTemplate } from '../describe/volumes';
import { ApiError, KubectlError } from '../errors';
import type { ResourceDef } from '../../api/resources';
import { replicaSetsOf, revisionOf, sameTemplate, withoutHash, REVISION } from './replica-sets';

/** Annotations a rollback keeps from the Deployment rather than copying from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function revisionNotFound(r: number): KubectlError {
  return new KubectlError(`unable to find specified revision ${r} in history`);
}

/** deploymentRevision: the RS with that revision, or the second newest one for 0. */
function replicaSetFor(ctx: CommandContext, d: KObject, toRevision: number): KObject {
  let latest: { rs: KObject; v: number } | undefined;
  let previous: { rs: KObject; v: number } | undefined;
  for (const rs of replicaSetsOf(ctx, d)) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision > 0) {
      if (v === toRevision) return rs;
      continue;
    }
    if (!latest || latest.v < v) {
      previous = latest;
      latest = { rs, v };
    } else if (!previous || previous.v < v) previous = { rs, v };
  }
  if (toRevision > 0) throw revisionNotFound(toRevision);
  if (!previous) throw new KubectlError(`no rollout history found for deployment "${d.metadata.name}"`);
  return previous.rs;
}

/** Returns the operation to print after `deployment.apps/web `. */
export function rollbackDeployment(ctx: CommandContext, def: ResourceDef, d: KObject, toRevision: number, dryRun: DryRun): string {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const rs = replicaSetFor(ctx, d, toRevision);
  if (dryRun === 'client') return tabbed((w) => describePodTemplate(w, rs.spec?.template));
  if (d.spec?.paused) {
    throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  }
  if (sameTemplate(rs.spec?.template, d.spec?.template)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v as string;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v as string;
  const patch = [
    { op: 'replace', path: '/spec/template', value: withoutHash(rs.spec?.template) },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  try {
    ctx.client.patch(def, d.metadata.namespace, d.metadata.name!, 'application/json-patch+json', patch, dryRunQuery(dryRun));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    throw new KubectlError(`failed restoring revision ${toRevision}: ${e.status.message}`);
  }
  return 'rolled back';
}
