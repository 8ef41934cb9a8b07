/**
 * Event recording as client-go's EventRecorder with the event correlator does it: core/v1 Events named
 * `<object>.<hex nanoseconds>`, and a repeat of the same event (same object, type, reason, message, source)
 * within 10 minutes bumps `count` and `lastTimestamp` instead of creating a new one.
 */
import { apiVersionOf } from '../api/resources';
import type { Clock } from '../clock';
import type { ApiRequest, ApiResponse, KObject } from '../types';

export interface EventSource {
  component: string;
  host?: string;
}

export type EventType = 'Normal' | 'Warning';

/** How long a repeat is folded into an existing event (client-go's aggregation window for identical events). */
const REPEAT_WINDOW_MS = 10 * 60 * 1000;

interface Seen {
  namespace: string;
  name: string;
  count: number;
  firstTimestamp: string;
  at: number;
}

export class EventRecorder {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly request: (req: ApiRequest) => ApiResponse,
    private readonly clock: Clock,
    private readonly source: EventSource,
  ) {}

  /** Record an event about `obj` (any object with apiVersion, kind and metadata). */
  event(obj: KObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const meta = obj.metadata;
    const namespace = meta.namespace || 'default';
    const involvedObject: Record<string, unknown> = {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: meta.name,
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
    };
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    const key = [namespace, obj.kind, meta.name, meta.uid, fieldPath ?? '', type, reason, message].join('\u0000');
    const now = this.clock.now();
    const ts = this.clock.timestamp();
    const prior = this.seen.get(key);
    if (prior && now - prior.at < REPEAT_WINDOW_MS) {
      prior.count++;
      prior.at = now;
      const res = this.request({
        method: 'PATCH',
        path: `/api/v1/namespaces/${prior.namespace}/events/${prior.name}`,
        contentType: 'application/strategic-merge-patch+json',
        body: { count: prior.count, lastTimestamp: ts, message },
      });
      if (res.status < 300) return;
    }
    const name = `${meta.name}.${(BigInt(this.clock.epochMs(now)) * 1_000_000n + BigInt(this.seen.size)).toString(16)}`;
    const body = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject,
      reason,
      message,
      type,
      source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    const res = this.request({ method: 'POST', path: `/api/v1/namespaces/${namespace}/events`, body });
    if (res.status < 300) this.seen.set(key, { namespace, name, count: 1, firstTimestamp: ts, at: now });
  }
}

/** The apiVersion/kind an object reports, for objects read from typed lists that lack them. */
export function withTypeMeta(obj: KObject, def: { group: string; version: string; kind: string }): KObject {
  return obj.apiVersion && obj.kind ? obj : { ...obj, apiVersion: apiVersionOf(def), kind: def.kind };
}
