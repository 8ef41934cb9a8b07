// Cordon as a real cluster shows it: spec.unschedulable plus TaintNodesByCondition's NoSchedule taint.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

describe('cordon', () => {
  it('adds node.kubernetes.io/unschedulable:NoSchedule and uncordon removes it', () => {
    const c = createCluster();
    c.advance(1_000);
    expect(c.kubectl('kubectl cordon worker-1').stdout).toBe('node/worker-1 cordoned\n');
    const taints = JSON.parse(c.kubectl('kubectl get node worker-1 -o jsonpath={.spec.taints}').stdout);
    expect(taints).toEqual([{ effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', timeAdded: '2026-01-01T00:00:01Z' }]);
    expect(c.kubectl('kubectl describe node worker-1').stdout).toMatch(/^Taints: +node\.kubernetes\.io\/unschedulable:NoSchedule$/m);

    // A pod pinned away from the other workers reports the NodeUnschedulable reason, not the taint.
    const pinned = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pinned' }, spec: { nodeSelector: { 'kubernetes.io/hostname': 'worker-1' }, containers: [{ name: 'web', image: 'nginx:1.27' }] } };
    expect(c.kubectl('kubectl apply -f -', JSON.stringify(pinned)).stdout).toBe('pod/pinned created\n');
    c.advance(1_000);
    const events = c.kubectl('kubectl get events --field-selector reason=FailedScheduling -o jsonpath={.items[*].message}').stdout;
    expect(events).toContain('node(s) were unschedulable');

    expect(c.kubectl('kubectl uncordon worker-1').stdout).toBe('node/worker-1 uncordoned\n');
    expect(c.kubectl('kubectl get node worker-1 -o jsonpath={.spec.taints}').stdout).toBe('');
  });
});
