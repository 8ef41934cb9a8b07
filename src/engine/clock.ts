/** The virtual clock: a discrete-event queue. Nothing in the engine reads real time. */

/** Virtual time 0 as a wall-clock instant: timestamps in objects are EPOCH_MS + now(). */
export const EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

class Timer implements TimerHandle {
  cancelled = false;

  constructor(
    readonly at: number,
    readonly seq: number,
    readonly fn: () => void,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }
}

export interface TimerHandle {
  cancel(): void;
}

export class Clock {
  private t = 0;
  private seq = 0;
  private heap: Timer[] = [];
  /**
   * Timers due at the current instant, in the order they were scheduled: most timers are set with no delay, and a
   * queue keeps them in (at, seq) order without the heap's work. Drained before the clock moves on.
   */
  private now0: (Timer | undefined)[] = [];
  private now0Head = 0;

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
    const timer = new Timer(this.t + Math.max(0, delayMs), this.seq++, fn);
    if (delayMs <= 0) this.now0.push(timer);
    else this.push(timer);
    return timer;
  }

  /** The next timer to run (cancelled ones dropped), without removing it. */
  private peek(): Timer | undefined {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
    while (this.now0Head < this.now0.length && this.now0[this.now0Head]!.cancelled) this.now0[this.now0Head++] = undefined;
    const queued = this.now0Head < this.now0.length ? this.now0[this.now0Head] : undefined;
    if (!queued) {
      if (this.now0.length) {
        this.now0 = [];
        this.now0Head = 0;
      }
      return this.heap[0];
    }
    const top = this.heap[0];
    return top && before(top, queued) ? top : queued;
  }

  /** Time of the next pending event, or undefined when the queue is empty. */
  nextAt(): number | undefined {
    return this.peek()?.at;
  }

  /** Run one event if one is due at or before `limit`; returns whether one ran. */
  step(limit = Infinity): boolean {
    const timer = this.peek();
    if (timer === undefined || timer.at > limit) return false;
    if (timer === this.heap[0]) this.pop();
    else this.now0[this.now0Head++] = undefined;
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
      const x = h[i];
      h[i] = h[p];
      h[p] = x;
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
        const x = h[i];
        h[i] = h[m];
        h[m] = x;
        i = m;
      }
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
