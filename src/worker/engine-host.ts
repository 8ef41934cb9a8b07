/**
 * The engine as the worker runs it, free of worker globals so Node tests can drive it: it owns the cluster,
 * runs virtual time at real time x speed, answers requests, and posts a snapshot and then diffs.
 */
import { createCluster, type Cluster } from '../engine';
import {
  PROTOCOL_VERSION,
  type ClockState,
  type JournalEntry,
  type StepMode,
  type UiToWorker,
  type WorkerToUi,
} from '../protocol/messages';
import { ActivityTracker } from './activity';
import { MirrorDiff, isMirrored, toMirror } from './mirror-diff';
import { QUIET_LIMIT_MS, QUIET_MS, QuietWatch } from './quiet';

type Post = (msg: WorkerToUi) => void;
type Body<T> = T extends unknown ? Omit<T, 'v'> : never;

/** Real milliseconds one tick may turn into virtual time at most (a tab woken from sleep must not leap hours). */
const MAX_TICK_MS = 250;
/**
 * Objects per diff: a burst (a Deployment scaled by hundreds) reaches the UI over a few frames instead of one frame
 * that stalls on mounting every new pod at once.
 */
export const MAX_OBJECTS_PER_DIFF = 60;
/** Real time one "step until quiet" may take, so the page stays responsive. */
const QUIET_BUDGET_MS = 3_000;

export class EngineHost {
  private cluster: Cluster | undefined;
  private readonly diff = new MirrorDiff();
  private readonly activity = new ActivityTracker();
  private readonly quiet = new QuietWatch();
  /** The revision last posted to the UI, and the newest one the store has reached. */
  private revision = 0;
  private storeRevision = 0;
  private playing = true;
  private speed = 1;
  private lastTick: number | undefined;
  private carry = 0;
  private lastPostedTime = -1;

  constructor(
    private readonly postRaw: Post,
    private readonly realNow: () => number,
  ) {}

  handle(msg: UiToWorker): void {
    if (msg?.v !== PROTOCOL_VERSION) return;
    try {
      this.dispatch(msg);
    } catch (e) {
      this.post({ type: 'fatal', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
    }
  }

  /** Called on a timer: runs virtual time forward, then posts what changed (one message at most). */
  tick(): void {
    const cluster = this.cluster;
    if (!cluster) return;
    const now = this.realNow();
    try {
      if (this.playing && this.lastTick !== undefined) {
        // The virtual clock counts whole milliseconds; the fraction waits for the next tick.
        const exact = Math.min(now - this.lastTick, MAX_TICK_MS) * this.speed + this.carry;
        const whole = Math.floor(exact);
        this.carry = exact - whole;
        if (whole > 0) cluster.advance(whole);
      }
      this.lastTick = now;
      this.flush();
    } catch (e) {
      this.post({ type: 'fatal', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
    }
  }

  private dispatch(msg: UiToWorker): void {
    if (msg.type === 'start') return this.start(msg);
    const cluster = this.cluster;
    if (!cluster) return;
    switch (msg.type) {
      case 'kubectl':
      case 'sim': {
        const at = cluster.now();
        const result = msg.type === 'kubectl' ? cluster.kubectl(msg.line, msg.stdin) : cluster.sim(msg.line);
        this.flush();
        this.post({ type: 'result', id: msg.id, result, at });
        return;
      }
      case 'request':
        this.post({ type: 'response', id: msg.id, response: cluster.request(msg.request) });
        return;
      case 'play':
        this.playing = true;
        this.lastTick = this.realNow();
        break;
      case 'pause':
        this.playing = false;
        break;
      case 'speed':
        if (Number.isFinite(msg.speed) && msg.speed > 0) this.speed = Math.min(msg.speed, 100);
        break;
      case 'step': {
        const ran = this.step(cluster, msg.mode);
        this.flush();
        this.post({ type: 'stepped', id: msg.id, ran });
        return;
      }
      case 'resync':
        this.postSnapshot(cluster);
        return;
    }
    this.flush(true);
  }

  private start(msg: Extract<UiToWorker, { type: 'start' }>): void {
    this.cluster = undefined;
    const cluster = createCluster({ seed: msg.seed, workers: msg.workers });
    if (msg.journal?.length || msg.until !== undefined) this.replay(cluster, msg.journal ?? [], msg.until);
    cluster.watchFrozen(({ type, object }) => {
      this.storeRevision = Number(object.metadata.resourceVersion);
      this.diff.note(type, object);
      this.activity.note(type, object);
      this.quiet.note(type, object, cluster.now());
    });
    this.cluster = cluster;
    this.playing = msg.clock?.playing ?? true;
    this.speed = msg.clock?.speed ?? 1;
    this.lastTick = this.realNow();
    this.post({ type: 'ready', clock: this.clock() });
    this.postSnapshot(cluster);
  }

  /** Same inputs at the same virtual times give the same cluster (one seeded RNG, one virtual clock). */
  private replay(cluster: Cluster, journal: JournalEntry[], until: number | undefined): void {
    for (const entry of journal) {
      if (entry.at > cluster.now()) cluster.advance(entry.at - cluster.now());
      if (entry.kind === 'kubectl') cluster.kubectl(entry.line, entry.stdin);
      else cluster.sim(entry.line);
    }
    if (until !== undefined && until > cluster.now()) cluster.advance(until - cluster.now());
  }

  /** One timer, or timers until nothing but heartbeats happened for QUIET_MS. Returns how many ran. */
  private step(cluster: Cluster, mode: StepMode): number {
    if (mode === 'event') return cluster.step() ? 1 : 0;
    const start = cluster.now();
    const startReal = this.realNow();
    this.quiet.lastChangeAt = start;
    let ran = 0;
    for (;;) {
      const next = cluster.nextEventAt();
      if (next === undefined || next - this.quiet.lastChangeAt >= QUIET_MS) {
        // Nothing left that could change the cluster before it has been quiet long enough: jump there.
        const quietAt = this.quiet.lastChangeAt + QUIET_MS;
        if (quietAt > cluster.now()) cluster.advance(Math.min(quietAt, start + QUIET_LIMIT_MS) - cluster.now());
        return ran;
      }
      if (next - start >= QUIET_LIMIT_MS || this.realNow() - startReal > QUIET_BUDGET_MS) return ran;
      cluster.step();
      ran++;
    }
  }

  private postSnapshot(cluster: Cluster): void {
    const snap = cluster.snapshotFrozen();
    this.diff.clear();
    this.activity.take();
    this.revision = this.storeRevision = snap.revision;
    this.lastPostedTime = cluster.now();
    this.post({
      type: 'snapshot',
      revision: snap.revision,
      clock: this.clock(),
      objects: snap.objects.filter(isMirrored).map(toMirror),
    });
  }

  private flush(force = false): void {
    const cluster = this.cluster;
    if (!cluster) return;
    const activity = this.activity.take();
    if (this.diff.empty && !activity && !force && cluster.now() === this.lastPostedTime) return;
    const { upserted, removed, complete } = this.diff.take(MAX_OBJECTS_PER_DIFF);
    const from = this.revision;
    // A partial diff leaves the revision where it was: the mirror reaches the store's only with the last part.
    const revision = complete ? Math.max(from, this.storeRevision) : from;
    this.revision = revision;
    this.lastPostedTime = cluster.now();
    this.post({
      type: 'diff',
      from,
      revision,
      clock: this.clock(),
      upserted,
      removed,
      activity: activity ?? { components: [], kubelets: [] },
    });
  }

  private clock(): ClockState {
    return { time: this.cluster?.now() ?? 0, playing: this.playing, speed: this.speed };
  }

  private post(body: Body<WorkerToUi>): void {
    this.postRaw({ ...body, v: PROTOCOL_VERSION } as WorkerToUi);
  }
}
