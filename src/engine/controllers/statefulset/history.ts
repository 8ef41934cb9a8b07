/**
 * A StatefulSet's ControllerRevisions (stateful_set_control.go getStatefulSetRevisions / truncateHistory): the
 * update revision is the one whose data (the patch restoring spec.template) equals the set's template, created as
 * `<set>-<hash>` or renumbered to the top when an older one matches (a rollback); the current revision is the one
 * status.currentRevision names. Revisions beyond revisionHistoryLimit that no pod and neither revision uses go.
 */
import type { ControllerContext } from '../../runtime/controller-manager';
import type { KObject } from '../../types';
import { canonicalJSON, templatePatch } from '../daemonset/history';
import { computeHash } from '../shared/hash';
import { ownerReference } from '../shared/pods';
import { REVISION_LABEL, revisionOfPod } from './identity';

const revisionNumber = (cr: KObject): number => Number(cr.revision ?? 0);

/** history.SortControllerRevisions: by revision, then name. */
function sortRevisions(list: KObject[]): KObject[] {
  return [...list].sort((a, b) => revisionNumber(a) - revisionNumber(b) || (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

/** ApplyRevision: the pod template a revision restores. */
export function templateOf(cr: KObject): any {
  const t = structuredClone(cr.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

export interface Revisions {
  current: KObject;
  update: KObject;
  collisionCount: number;
  all: KObject[];
}

function collisionCountOf(set: KObject): number {
  return Number(set.status?.collisionCount ?? 0);
}

/** getStatefulSetRevisions; undefined when a write failed (the sync is retried). */
export function statefulSetRevisions(ctx: ControllerContext, set: KObject, owned: KObject[]): Revisions | undefined {
  const ns = set.metadata.namespace!;
  const revisions = sortRevisions(owned);
  const data = templatePatch(set.spec.template);
  const want = canonicalJSON(data);
  const next = (revisions.length ? revisionNumber(revisions[revisions.length - 1]) : 0) + 1;
  let collisionCount = collisionCountOf(set);
  const equal = revisions.filter((cr) => canonicalJSON(cr.data) === want);
  let update: KObject | undefined;
  if (equal.length && equal[equal.length - 1] === revisions[revisions.length - 1]) {
    update = revisions[revisions.length - 1];
  } else if (equal.length) {
    const res = ctx.request({
      method: 'PATCH',
      path: `/apis/apps/v1/namespaces/${ns}/controllerrevisions/${equal[equal.length - 1].metadata.name}`,
      contentType: 'application/merge-patch+json',
      body: { revision: next },
    });
    if (res.status >= 300) return undefined;
    update = res.body;
  } else {
    // CreateControllerRevision: a name taken by different data is a hash collision; count it and hash again.
    for (let attempt = 0; attempt < 10 && !update; attempt++) {
      const hash = computeHash(JSON.parse(want), collisionCount);
      const body: KObject = {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name: `${set.metadata.name}-${hash}`,
          namespace: ns,
          labels: { ...(set.spec.template.metadata?.labels ?? {}), [REVISION_LABEL]: hash },
          ownerReferences: [ownerReference(set, 'apps/v1', 'StatefulSet')],
        },
        data,
        revision: next,
      };
      const res = ctx.request({ method: 'POST', path: `/apis/apps/v1/namespaces/${ns}/controllerrevisions`, body });
      if (res.status < 300) update = res.body;
      else if (res.status === 409) {
        const existing = ctx.request({ method: 'GET', path: `/apis/apps/v1/namespaces/${ns}/controllerrevisions/${body.metadata.name}` }).body;
        const ours = (existing?.metadata?.ownerReferences ?? []).some((r: any) => r.uid === set.metadata.uid);
        if (ours && canonicalJSON(existing.data) === want) update = existing;
        else collisionCount++;
      } else return undefined;
    }
  }
  if (!update) return undefined;
  const latest: KObject = update;
  const all = revisions.filter((cr) => cr.metadata.name !== latest.metadata.name).concat([latest]);
  const current = all.find((cr) => cr.metadata.name === set.status?.currentRevision) ?? latest;
  return { current, update: latest, collisionCount, all };
}

/** truncateHistory: delete the oldest non-live revisions beyond revisionHistoryLimit. */
export function truncateHistory(ctx: ControllerContext, set: KObject, pods: KObject[], r: Revisions): void {
  const live = new Set([r.current.metadata.name, r.update.metadata.name, ...pods.map(revisionOfPod)]);
  const history = sortRevisions(r.all).filter((cr) => !live.has(cr.metadata.name));
  const limit = set.spec.revisionHistoryLimit ?? 10;
  if (limit < 0 || history.length <= limit) return;
  for (const cr of history.slice(0, history.length - limit)) {
    ctx.request({ method: 'DELETE', path: `/apis/apps/v1/namespaces/${cr.metadata.namespace}/controllerrevisions/${cr.metadata.name}` });
  }
}
