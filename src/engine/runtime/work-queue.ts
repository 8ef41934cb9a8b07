/**
 * A controller work queue on the virtual clock, like client-go's: keys are deduplicated, a key being processed is
 * not processed twice at once, failures are retried with exponential back-off (5ms doubling to 1000s).
 */
import type { Clock } from '../clock';

const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1000 * 1000;

export class WorkQueue {
  private readonly queued = new Set<string>();
  private readonly order: string[] = [];
  private readonly failures = new Map<string, number>();
  private drainScheduled = false;

  constructor(
    private readonly clock: Clock,
    private readonly sync: (key: string) => void,
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.order.push(key);
    this.scheduleDrain();
  }

  addAfter(key: string, ms: number): void {
    if (ms <= 0) return this.add(key);
    this.clock.schedule(ms, () => this.add(key));
  }

  /** Retry after a failure, with per-key exponential back-off. */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(BASE_DELAY_MS * 2 ** n, MAX_DELAY_MS));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    this.clock.schedule(0, () => {
      this.drainScheduled = false;
      while (this.order.length) {
        const key = this.order.shift()!;
        this.queued.delete(key);
        try {
          this.sync(key);
        } catch {
          this.addRateLimited(key);
        }
      }
    });
  }
}
