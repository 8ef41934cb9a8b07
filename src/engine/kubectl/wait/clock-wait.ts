/**
 * Waiting on the virtual clock, for the commands that watch until something happens (rollout status, wait, drain,
 * scale --timeout). Real kubectl sleeps on a watch; here time runs forward from one scheduled event to the next, and
 * the condition is checked after each step.
 */
import type { CommandContext } from '../context';

/**
 * `done`: the condition held. `timeout`: the caller's timeout passed. `limit`: no timeout was given and the
 * cluster-time bound passed. `idle`: no timeout was given and nothing is scheduled, so nothing could change.
 */
export type WaitResult = 'done' | 'timeout' | 'limit' | 'idle';

/** How much cluster time a wait without a timeout may take before kubeplay stops it. */
export const UNBOUNDED_WAIT_MS = 15 * 60_000;

/** Changes within the same millisecond are seen together (a watch would deliver them a moment apart). */
const MIN_STEP_MS = 1;

/**
 * Check `condition`, then run the clock forward until it holds. With `timeoutMs > 0` the wait ends there (an idle
 * cluster sits the timeout out, as kubectl would); otherwise it ends when nothing is scheduled, or after
 * UNBOUNDED_WAIT_MS.
 */
export function waitFor(ctx: CommandContext, timeoutMs: number, condition: () => boolean): WaitResult {
  const env = ctx.env;
  const bounded = timeoutMs > 0;
  const deadline = env.now() + (bounded ? timeoutMs : UNBOUNDED_WAIT_MS);
  let stalled = 0;
  for (;;) {
    if (condition()) return 'done';
    if (!env.advance || !env.nextEventAt) return bounded ? 'timeout' : 'idle';
    const now = env.now();
    if (now >= deadline) return bounded ? 'timeout' : 'limit';
    const next = env.nextEventAt();
    if (next === undefined) {
      if (!bounded) return 'idle';
      env.advance(deadline - now);
      return condition() ? 'done' : 'timeout';
    }
    const step = next <= now ? 0 : Math.min(Math.max(next - now, MIN_STEP_MS), deadline - now);
    // Work that keeps rescheduling itself at the same instant would never let time pass.
    stalled = step === 0 ? stalled + 1 : 0;
    if (stalled > 1000) return bounded ? 'timeout' : 'idle';
    env.advance(step);
  }
}

/** True when the condition held before the timeout. */
export function waitOnClock(ctx: CommandContext, timeoutMs: number, condition: () => boolean): boolean {
  return waitFor(ctx, timeoutMs, condition) === 'done';
}

/** The stderr note for a wait kubeplay ended where real kubectl would have kept waiting. */
export function stoppedWaitingNote(result: WaitResult, what: string): string {
  return result === 'idle'
    ? `Warning: kubeplay stopped waiting for ${what} because nothing in the cluster is scheduled to change it; real kubectl would keep waiting (use --timeout)`
    : `Warning: kubeplay stopped waiting for ${what} after ${UNBOUNDED_WAIT_MS / 60_000}m of cluster time; real kubectl would keep waiting (use --timeout)`;
}
