/** A Deployment's ReplicaSets and their revisions, as kubectl's history and rollback read them. */
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import { formatLabelSelector } from '../../api/selectors';

export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';

/** The ReplicaSets the Deployment controls (selector match plus controller ownerReference). */
export function replicaSetsOf(ctx: CommandContext, d: KObject): KObject[] {
  const rsDef = ctx.mapper().resourceFor('replicasets.apps');
  const selector = formatLabelSelector(d.spec?.selector);
  const list = ctx.client.list(rsDef, d.metadata.namespace, { labelSelector: selector || undefined });
  return (list.items ?? []).filter((rs: KObject) =>
    (rs.metadata.ownerReferences ?? []).some((o: any) => o.controller && o.uid === d.metadata.uid),
  );
}

/** The revision annotation as a number; undefined when absent or not an integer (kubectl skips such sets). */
export function revisionOf(obj: KObject): number | undefined {
  const v = obj.metadata.annotations?.[REVISION];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return parseInt(v, 10);
}

/** A pod template without the pod-template-hash label, as equalIgnoreHash compares and rollback restores it. */
export function withoutHash(template: any): any {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[HASH_LABEL];
  }
  return t;
}

export function sameTemplate(a: any, b: any): boolean {
  return canonical(withoutHash(a)) === canonical(withoutHash(b));
}

/** JSON with sorted keys, dropping empty maps/lists (Semantic.DeepEqual treats nil and empty alike). */
function canonical(v: unknown): string {
  const norm = (x: any): any => {
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) {
        const val = norm(x[k]);
        if (val && typeof val === 'object' && !Array.isArray(val) && Object.keys(val).length === 0) continue;
        if (Array.isArray(val) && val.length === 0) continue;
        out[k] = val;
      }
      return out;
    }
    return x;
  };
  return JSON.stringify(norm(v));
}
