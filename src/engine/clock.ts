/** The virtual clock: a discrete-event queue. Nothing in the engine reads real time. */

/** Virtual time 0 as a wall-clock instant: timestamps in objects are EPOCH_MS + now(). */
export const EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export interface TimerHandle {
  cancel(): void;
}

export class Clock {
  private t = 0;
  private seq = 0;
  private heap: Timer[] = [];

  now(): number {
    return this.t;
  }

  /** Formatted timestamps by second (status writes ask for the same few seconds over and over). */
  private readonly seconds = new Map<number, string>();

  /** RFC3339 with second precision, as metadata timestamps are. */
  timestamp(at: number = this.t): string {
    const sec = Math.floor(at / 1000);
    let text = this.seconds.get(sec);
    if (text === undefined) {
      text = new Date(EPOCH_MS + sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      if (this.seconds.size >= 1024) this.seconds.clear();
      this.seconds.set(sec, text);
    }
    return text;
  }

  /** RFC3339 with microseconds, as MicroTime fields (events, leases) are. */
  microTimestamp(at: number = this.t): string {
    return new Date(EPOCH_MS + at).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  /** Wall-clock ms of a virtual instant. */
  epochMs(at: number = this.t): number {
    return EPOCH_MS + at;
  }

  /** Virtual ms of an RFC3339 timestamp. */
  parse(ts: string): number {
    return Date.parse(ts) - EPOCH_MS;
  }

  schedule(delayMs: number, fn: () => void): TimerHandle {
    const timer: Timer = { at: this.t + Math.max(0, delayMs), seq: this.seq++, fn, cancelled: false };
    this.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Time of the next pending event, or undefined when the queue is empty. */
  nextAt(): number | undefined {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
    return this.heap[0]?.at;
  }

  /** Run one event if one is due at or before `limit`; returns whether one ran. */
  step(limit = Infinity): boolean {
    const at = this.nextAt();
    if (at === undefined || at > limit) return false;
    const timer = this.pop()!;
    this.t = Math.max(this.t, timer.at);
    timer.fn();
    return true;
  }

  /** Run every event due within the next `ms`, then set the clock to now + ms. */
  advance(ms: number): void {
    const end = this.t + Math.max(0, ms);
    while (this.step(end)) {
      /* keep running */
    }
    this.t = end;
  }

  private push(timer: Timer): void {
    const h = this.heap;
    h.push(timer);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
