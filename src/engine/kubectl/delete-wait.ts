/**
 * `kubectl delete --wait`: real kubectl watches until each object is gone. Here waiting runs virtual time forward, in
 * steps to the next scheduled event, only while something is scheduled and the object still exists, up to --timeout.
 */
import type { ResourceDef } from '../api/resources';
import type { CommandContext } from './context';

export interface Deleted {
  def: ResourceDef;
  namespace: string | undefined;
  name: string;
  uid?: string;
}

/** Returns the objects still present when waiting stopped, and whether it stopped because the timeout passed. */
export function waitForDeletion(
  ctx: CommandContext,
  deleted: Deleted[],
  timeoutMs: number,
  /** With an explicit --timeout, an idle cluster still lets that time pass (kubectl would sit out the timeout). */
  sitOutTimeout = false,
): { remaining: Deleted[]; timedOut: boolean } {
  const env = ctx.env;
  const start = env.now();
  const exists = (d: Deleted) => {
    const obj = ctx.client.tryGet(d.def, d.namespace, d.name);
    return !!obj && (!d.uid || obj.metadata.uid === d.uid);
  };
  let remaining = deleted.filter(exists);
  while (remaining.length && env.advance && env.nextEventAt) {
    const deadline = start + timeoutMs;
    const next = env.nextEventAt();
    if (next === undefined) {
      if (!sitOutTimeout) break;
      if (env.now() < deadline) env.advance(deadline - env.now());
      remaining = remaining.filter(exists);
      return { remaining, timedOut: remaining.length > 0 };
    }
    if (env.now() >= deadline) return { remaining, timedOut: true };
    const target = Math.min(Math.max(next, env.now() + 1), deadline);
    env.advance(target - env.now());
    remaining = remaining.filter(exists);
  }
  return { remaining, timedOut: false };
}
