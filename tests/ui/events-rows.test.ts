/** Rows of the events panel carry the texts kubectl prints, in kubectl's order. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { EPOCH_MS } from '../../src/engine/clock';
import type { KObject } from '../../src/engine/types';
import { eventRow, eventRows, lastSeen } from '../../src/ui/events/event-rows';

const all = { text: '', type: '' as const, namespace: '' };

function clusterWithDeployment() {
  const cluster = createCluster({ seed: 3 });
  cluster.kubectl('kubectl create deployment web --image=nginx:1.27 --replicas=3');
  cluster.advance(60_000);
  cluster.kubectl('kubectl create deployment broken --image=nginx:no-such-tag');
  cluster.advance(240_000);
  const events: KObject[] = cluster.request({ method: 'GET', path: '/api/v1/events' }).body.items;
  return { cluster, events };
}

describe('event rows', () => {
  it('match `kubectl events -A` line by line: order, LAST SEEN (with counts), TYPE, REASON, MESSAGE', () => {
    const { cluster, events } = clusterWithDeployment();
    const printed = cluster.kubectl('kubectl events -A').stdout.trim().split('\n').slice(1);
    const rows = eventRows(events, all);
    expect(rows).toHaveLength(printed.length);
    rows.forEach((row, i) => {
      const cells = printed[i].split(/\s{2,}/);
      expect(cells[0]).toBe(row.namespace);
      expect(cells[1]).toBe(lastSeen(row, cluster.now()));
      expect(cells.slice(2, 4)).toEqual([row.type, row.reason]);
      expect(cells[5]).toBe(row.message);
    });
    expect(rows.some((r) => r.count > 1 && / \(x\d+ over /.test(lastSeen(r, cluster.now())))).toBe(true);
  });

  it('name the object as `kubectl get events` does (pod/web-...)', () => {
    const { cluster, events } = clusterWithDeployment();
    const printed = cluster.kubectl('kubectl get events -o wide').stdout;
    for (const row of eventRows(events, { ...all, namespace: 'default' })) expect(printed).toContain(`${row.object}  `);
    expect(eventRows(events, all).find((r) => r.reason === 'Scheduled')?.object).toMatch(/^pod\/web-/);
  });

  it('filter by type, namespace and text', () => {
    const { events } = clusterWithDeployment();
    const warnings = eventRows(events, { ...all, type: 'Warning' });
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((r) => r.type === 'Warning')).toBe(true);
    expect(warnings.some((r) => r.object.startsWith('pod/broken-'))).toBe(true);
    expect(eventRows(events, { ...all, namespace: 'kube-system' }).every((r) => r.namespace === 'kube-system')).toBe(true);
    const scheduled = eventRows(events, { ...all, text: 'successfully ASSIGNED' });
    expect(scheduled.length).toBeGreaterThanOrEqual(4);
    expect(scheduled.every((r) => r.reason === 'Scheduled')).toBe(true);
  });

  it('keep one row object per unchanged event, and read series and eventTime', () => {
    const at = (ms: number) => new Date(EPOCH_MS + ms).toISOString();
    const e: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'x.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'x', namespace: 'default' },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      eventTime: at(10_000),
      series: { count: 4, lastObservedTime: at(70_000) },
    } as KObject;
    expect(eventRow(e)).toBe(eventRow(e));
    expect(lastSeen(eventRow(e), 130_000)).toBe('60s (x4 over 2m)');
    const once = { ...e, series: undefined, metadata: { ...e.metadata, name: 'x.2' } } as KObject;
    expect(lastSeen(eventRow(once), 130_000)).toBe('2m');
    expect(eventRows([e, once], all).map((r) => r.key)).toEqual(['default/x.2', 'default/x.1']);
  });
});
