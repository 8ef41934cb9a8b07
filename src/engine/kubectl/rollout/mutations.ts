/**
 * The patches of `rollout pause|resume|restart` (objectpauser.go, objectresumer.go, objectrestarter.go): a strategic
 * merge patch per object, an error string when the object refuses, or `{}` for no change.
 */
import type { KObject } from '../../types';
import { EPOCH_MS } from '../../clock';

export type Mutation = { patch: Record<string, unknown> } | { error: string } | { unchanged: true };

export function pausePatch(obj: KObject): Mutation {
  if (obj.kind !== 'Deployment') return { error: 'pausing is not supported' };
  if (obj.spec?.paused) return { error: 'is already paused' };
  return { patch: { spec: { paused: true } } };
}

export function resumePatch(obj: KObject): Mutation {
  if (obj.kind !== 'Deployment') return { error: 'resuming is not supported' };
  if (!obj.spec?.paused) return { error: 'is not paused' };
  return { patch: { spec: { paused: null } } };
}

/** `time.Now().Format(time.RFC3339)` on the virtual clock (UTC). */
export function rfc3339(ms: number): string {
  return new Date(EPOCH_MS + Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function restartPatch(obj: KObject, now: number): Mutation {
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) return { error: 'restarting is not supported' };
  if (obj.kind === 'Deployment' && obj.spec?.paused) return { error: "can't restart paused deployment (run rollout resume first)" };
  const at = rfc3339(now);
  if (obj.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] === at) return { unchanged: true };
  return { patch: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } } };
}
