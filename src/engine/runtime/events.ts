/**
 * Event recording as client-go's EventRecorder and EventCorrelator do it: core/v1 Events named
 * `<object>.<hex nanoseconds>`; an identical event again bumps `count` and `lastTimestamp`; from the 10th distinct
 * message with the same object, type and reason within 10 minutes they fold into one
 * `(combined from similar events): ...` event; and each source may report at most 25 events per object in a burst,
 * refilled at one every 5 minutes (the rest are dropped, as on a real cluster). Like client-go, each of those caches
 * keeps the 4096 most recently used keys.
 */
import { apiVersionOf } from '../api/resources';
import type { Clock } from '../clock';
import type { ApiRequest, ApiResponse, KObject } from '../types';
import { flatten } from '../util';
import { LruCache } from './lru-cache';

export interface EventSource {
  component: string;
  host?: string;
}

export type EventType = 'Normal' | 'Warning';

const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300 * 1000;
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600 * 1000;
const MAX_LRU_CACHE_ENTRIES = 4096;

/** Event-name sequence numbers, one series per cluster (its clock), shared by every recorder of that cluster. */
const sequences = new WeakMap<Clock, { next: number }>();

function nextSequence(clock: Clock): number {
  let s = sequences.get(clock);
  if (!s) sequences.set(clock, (s = { next: 0 }));
  return s.next++;
}

const TWO_32 = 2 ** 32;

/** Hex of ms * 1e6 + extra, exact beyond 2^53 (a 64-bit UnixNano) without BigInt: split ms at 32 bits. */
export function nanosHex(ms: number, extra: number): string {
  const hiMs = Math.floor(ms / TWO_32);
  const low = (ms - hiMs * TWO_32) * 1_000_000 + extra;
  const carry = Math.floor(low / TWO_32);
  const hi = hiMs * 1_000_000 + carry;
  const lo = (low - carry * TWO_32).toString(16);
  return hi ? hi.toString(16) + '00000000'.slice(lo.length) + lo : lo;
}

interface Logged {
  namespace: string;
  name: string;
  count: number;
}

export class EventRecorder {
  private readonly logged = new LruCache<string, Logged>(MAX_LRU_CACHE_ENTRIES);
  private readonly aggregates = new LruCache<string, { messages: string | string[]; at: number }>(MAX_LRU_CACHE_ENTRIES);
  private readonly buckets = new LruCache<string, { tokens: number; at: number }>(MAX_LRU_CACHE_ENTRIES);

  constructor(
    private readonly request: (req: ApiRequest) => ApiResponse,
    private readonly clock: Clock,
    private readonly source: EventSource,
  ) {}

  /** Record an event about `obj` (any object with apiVersion, kind and metadata). */
  event(obj: KObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const meta = obj.metadata;
    const now = this.clock.now();
    // client-go's keys start with the source, which is this recorder's own; an object's uid stands for its kind,
    // namespace and name.
    const objectKey = flatten(
      meta.uid ? `${meta.uid}\u0000${obj.apiVersion}` : `${obj.kind}\u0000${meta.namespace ?? ''}\u0000${meta.name}\u0000${obj.apiVersion}`,
    );
    const aggregateKey = flatten(`${objectKey}\u0000${type}\u0000${reason}`);

    let key = flatten(`${aggregateKey}\u0000${fieldPath ?? ''}\u0000${message}`);
    let text = message;
    let agg = this.aggregates.get(aggregateKey);
    if (!agg) this.aggregates.add(aggregateKey, (agg = { messages: message, at: now }));
    else if (now - agg.at > AGGREGATE_INTERVAL_MS) this.aggregates.set(aggregateKey, (agg = { messages: message, at: now }));
    agg.at = now;
    // Only whether 10 distinct messages were seen matters: the list stops growing there. Most objects only ever
    // report one message per reason, so a lone message is kept without a list.
    let seen = agg.messages;
    if (typeof seen === 'string') {
      if (seen !== message) agg.messages = seen = [seen, message];
    } else if (seen.length < AGGREGATE_MAX_EVENTS && !seen.includes(message)) seen.push(message);
    if (typeof seen !== 'string' && seen.length >= AGGREGATE_MAX_EVENTS) {
      key = aggregateKey;
      text = `(combined from similar events): ${message}`;
    }
    if (!this.allow(objectKey, now)) return;

    const ts = this.clock.timestamp();
    const prior = this.logged.get(key);
    if (prior) {
      prior.count++;
      const res = this.request({
        method: 'PATCH',
        path: `/api/v1/namespaces/${prior.namespace}/events/${prior.name}`,
        contentType: 'application/strategic-merge-patch+json',
        body: { count: prior.count, lastTimestamp: ts, message: text },
      });
      if (res.status < 300) return;
      this.logged.delete(key);
    }
    const namespace = meta.namespace || 'default';
    const involvedObject: Record<string, unknown> = { apiVersion: obj.apiVersion, kind: obj.kind, name: meta.name };
    if (meta.namespace) involvedObject.namespace = meta.namespace;
    involvedObject.uid = meta.uid;
    involvedObject.resourceVersion = meta.resourceVersion;
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    // client-go names events `<object>.<UnixNano in hex>`; one sequence per cluster clock stands for the nanoseconds,
    // so that no two recorders name two events alike within one instant.
    const name = `${meta.name}.${nanosHex(Math.floor(this.clock.epochMs(now)), nextSequence(this.clock) % 1_000_000)}`;
    const res = this.request({
      method: 'POST',
      path: `/api/v1/namespaces/${namespace}/events`,
      body: {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject,
        reason,
        message: text,
        type,
        source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
        firstTimestamp: ts,
        lastTimestamp: ts,
        count: 1,
        eventTime: null,
        reportingComponent: this.source.component,
        reportingInstance: this.source.host ?? '',
      },
    });
    if (res.status < 300) this.logged.set(key, { namespace, name, count: 1 });
  }

  /** The spam filter's token bucket per source and object. */
  private allow(objectKey: string, now: number): boolean {
    let b = this.buckets.get(objectKey);
    if (!b) this.buckets.add(objectKey, (b = { tokens: SPAM_BURST, at: now }));
    const refill = Math.floor((now - b.at) / SPAM_REFILL_MS);
    if (refill > 0) {
      b.tokens = Math.min(SPAM_BURST, b.tokens + refill);
      b.at += refill * SPAM_REFILL_MS;
    }
    if (b.tokens < 1) return false;
    b.tokens--;
    return true;
  }
}

/** The apiVersion/kind an object reports, for objects read from typed lists that lack them. */
export function withTypeMeta(obj: KObject, def: { group: string; version: string; kind: string }): KObject {
  return obj.apiVersion && obj.kind ? obj : { ...obj, apiVersion: apiVersionOf(def), kind: def.kind };
}
