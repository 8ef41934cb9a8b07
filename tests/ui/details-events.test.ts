// The Events section: which events belong to the selected object, in kubectl describe's order and format.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { EPOCH_MS } from '../../src/engine/clock';
import type { KObject } from '../../src/engine/types';
import { eventAge, eventRows, eventsOf, matchesTarget } from '../../src/ui/details/event-match';

const ev = (name: string, over: Partial<KObject> & Record<string, unknown>): KObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1' },
  ...over,
});

describe('events of the selected object', () => {
  it('matches kind, namespace, name and uid: not events of another kind or of an earlier object with the same name', () => {
    const target = { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1' };
    expect(matchesTarget(ev('a', {}), target)).toBe(true);
    expect(matchesTarget(ev('b', { involvedObject: { kind: 'ReplicaSet', namespace: 'default', name: 'web-1' } }), target)).toBe(false);
    expect(matchesTarget(ev('c', { involvedObject: { kind: 'Pod', namespace: 'other', name: 'web-1' } }), target)).toBe(false);
    expect(matchesTarget(ev('d', { involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'old' } }), target)).toBe(false);
    // A deleted object whose uid was never seen still shows the events with its name.
    expect(matchesTarget(ev('d', { involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'old' } }), { ...target, uid: undefined })).toBe(true);
  });

  it('orders by last seen and prints ages as describe does ("x3 over 2m")', () => {
    const t = (s: number) => new Date(EPOCH_MS + s * 1000).toISOString().replace('.000Z', 'Z');
    const events = [
      ev('late', { type: 'Warning', reason: 'BackOff', firstTimestamp: t(10), lastTimestamp: t(130), count: 3, source: { component: 'kubelet' }, message: 'Back-off restarting failed container' }),
      ev('early', { type: 'Normal', reason: 'Scheduled', firstTimestamp: t(0), lastTimestamp: t(0), count: 1, reportingComponent: 'default-scheduler', message: 'Successfully assigned' }),
    ];
    const sorted = eventsOf(events, { kind: 'Pod', namespace: 'default', name: 'web-1' });
    expect(sorted.map((e) => e.metadata.name)).toEqual(['early', 'late']);
    const rows = eventRows(sorted, EPOCH_MS + 150_000);
    expect(rows.map((r) => [r.type, r.reason, r.age, r.from])).toEqual([
      ['Normal', 'Scheduled', '2m30s', 'default-scheduler'],
      ['Warning', 'BackOff', '20s (x3 over 2m20s)', 'kubelet'],
    ]);
    expect(eventAge(ev('x', {}), EPOCH_MS)).toBe('<unknown>');
  });

  it('gives the same rows as the Events section of kubectl describe for a real pod', () => {
    const c = createCluster({ seed: 1, workers: 3 });
    c.advance(60_000);
    c.kubectl('kubectl run web --image=nginx:1.27');
    c.advance(30_000);
    const pod = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/web' }).body;
    const all = c.request({ method: 'GET', path: '/api/v1/events' }).body.items as KObject[];
    const rows = eventRows(eventsOf(all, { kind: 'Pod', namespace: 'default', name: 'web', uid: pod.metadata.uid }), EPOCH_MS + c.now());
    const describe = c.kubectl('kubectl describe pod web').stdout;
    const section = describe.slice(describe.indexOf('Events:')).split('\n').slice(3).filter(Boolean);
    expect(rows.map((r) => r.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(section).toHaveLength(rows.length);
    rows.forEach((r, i) => {
      const cells = section[i].trim().split(/\s{2,}/);
      expect(cells.slice(0, 4)).toEqual([r.type, r.reason, r.age, r.from]);
      expect(section[i]).toContain(r.message);
    });
  });
});
