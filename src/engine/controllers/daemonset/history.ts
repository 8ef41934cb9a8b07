/**
 * The DaemonSet's ControllerRevisions (pkg/controller/daemon/update.go constructHistory, snapshot, cleanupHistory):
 * one revision per distinct pod template, named `<ds>-<hash>`, holding the strategic merge patch that restores the
 * template; the one matching the current template is the current revision (renumbered to the top after a
 * rollback), and its `controller-revision-hash` label is the hash daemon pods carry. Old revisions beyond
 * revisionHistoryLimit that no live pod uses are deleted, oldest first.
 */
import type { ControllerContext } from '../../runtime/controller-manager';
import type { KObject } from '../../types';
import { computeHash } from '../shared/hash';
import { ownerReference } from '../shared/pods';
import { REVISION_HASH_LABEL } from './daemon-pods';

/** getPatch: the patch that replaces spec.template, which is what a revision stores. */
export function templatePatch(template: unknown): Record<string, unknown> {
  return { spec: { template: { ...(template as object), $patch: 'replace' } } };
}

/** JSON with sorted keys, so equal templates compare equal whatever order their keys were written in. */
export function canonicalJSON(v: unknown): string {
  const norm = (x: any): any => {
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, norm(x[k])]));
    return x;
  };
  return JSON.stringify(norm(v));
}

const revisionOf = (cr: KObject): number => Number(cr.revision ?? 0);

export interface History {
  cur: KObject;
  old: KObject[];
}

/** constructHistory: the current revision (created or renumbered as needed) and the old ones; undefined on a conflict. */
export function constructHistory(ctx: ControllerContext, ds: KObject, owned: KObject[]): History | undefined {
  const want = canonicalJSON(templatePatch(ds.spec.template));
  const current: KObject[] = [];
  const old: KObject[] = [];
  for (const cr of owned) (canonicalJSON(cr.data) === want ? current : old).push(cr);
  const next = old.reduce((max, cr) => Math.max(max, revisionOf(cr)), 0) + 1;
  if (!current.length) {
    const cur = snapshot(ctx, ds, next);
    return cur ? { cur, old } : undefined;
  }
  // dedupCurHistories: keep the highest revision among equal ones.
  current.sort((a, b) => revisionOf(b) - revisionOf(a));
  for (const dup of current.slice(1)) deleteRevision(ctx, dup);
  let cur = current[0];
  if (revisionOf(cur) < next) {
    const res = ctx.request({
      method: 'PATCH',
      path: `/apis/apps/v1/namespaces/${cur.metadata.namespace}/controllerrevisions/${cur.metadata.name}`,
      contentType: 'application/merge-patch+json',
      body: { revision: next },
    });
    if (res.status < 300) cur = res.body;
  }
  return { cur, old };
}

function snapshot(ctx: ControllerContext, ds: KObject, revision: number): KObject | undefined {
  const ns = ds.metadata.namespace!;
  const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
  const body: KObject = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${ds.metadata.name}-${hash}`,
      namespace: ns,
      labels: { ...(ds.spec.template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [ownerReference(ds, 'apps/v1', 'DaemonSet')],
    },
    data: templatePatch(ds.spec.template),
    revision,
  };
  const res = ctx.request({ method: 'POST', path: `/apis/apps/v1/namespaces/${ns}/controllerrevisions`, body });
  if (res.status < 300) return res.body;
  if (res.status !== 409) return undefined;
  // The name is taken: ours with the same data (a stale cache) is the current one; anything else is a hash
  // collision, resolved by bumping status.collisionCount so the next sync hashes differently.
  const existing = ctx.request({ method: 'GET', path: `/apis/apps/v1/namespaces/${ns}/controllerrevisions/${body.metadata.name}` }).body;
  const ours = (existing?.metadata?.ownerReferences ?? []).some((r: any) => r.controller && r.uid === ds.metadata.uid);
  if (ours && canonicalJSON(existing.data) === canonicalJSON(body.data)) return existing;
  ctx.request({
    method: 'PATCH',
    path: `/apis/apps/v1/namespaces/${ns}/daemonsets/${ds.metadata.name}/status`,
    contentType: 'application/merge-patch+json',
    body: { status: { collisionCount: (ds.status?.collisionCount ?? 0) + 1 } },
  });
  return undefined;
}

function deleteRevision(ctx: ControllerContext, cr: KObject): void {
  ctx.request({ method: 'DELETE', path: `/apis/apps/v1/namespaces/${cr.metadata.namespace}/controllerrevisions/${cr.metadata.name}` });
}

/** cleanupHistory: delete the oldest unused revisions beyond revisionHistoryLimit. */
export function cleanupHistory(ctx: ControllerContext, ds: KObject, old: KObject[], pods: KObject[]): void {
  let toKill = old.length - (ds.spec.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const live = new Set<string>();
  for (const pod of pods) {
    const hash = pod.metadata.labels?.[REVISION_HASH_LABEL];
    if (hash) live.add(hash);
  }
  for (const cr of [...old].sort((a, b) => revisionOf(a) - revisionOf(b))) {
    if (toKill <= 0) break;
    if (live.has(cr.metadata.labels?.[REVISION_HASH_LABEL] ?? '')) continue;
    deleteRevision(ctx, cr);
    toKill--;
  }
}
