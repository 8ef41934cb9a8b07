/**
 * client-go's flowcontrol.Backoff as the kubelet uses it (without jitter): per key, the delay starts at 10s,
 * doubles up to 300s, and an entry older than twice the maximum (10 min) counts as expired and starts over.
 */
const INITIAL_MS = 10_000;
const MAX_MS = 300_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  private expired(eventTime: number, e: Entry): boolean {
    return eventTime - e.lastUpdate > 2 * MAX_MS;
  }

  /** Record one more failure of `key` at `eventTime`. */
  next(key: string, eventTime: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e)) this.entries.set(key, { backoff: INITIAL_MS, lastUpdate: this.now() });
    else {
      e.backoff = Math.min(e.backoff * 2, MAX_MS);
      e.lastUpdate = this.now();
    }
  }

  /** Whether something that happened at eventTime (a container's exit) is still inside its back-off period. */
  inBackOffSince(key: string, eventTime: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e)) return false;
    return this.now() - eventTime < e.backoff;
  }

  /** Whether the last failure of `key` is still inside its back-off window (image pulls). */
  inBackOffSinceUpdate(key: string): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(this.now(), e)) return false;
    return this.now() - e.lastUpdate < e.backoff;
  }

  /** The current delay of `key` (ms) and when its window started. */
  entry(key: string): Readonly<Entry> | undefined {
    return this.entries.get(key);
  }

  forgetPrefix(prefix: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
