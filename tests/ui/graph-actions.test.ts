import { describe, expect, it } from 'vitest';
import { actionsFor, addNodeLine, nextNodeName } from '../../src/ui/graph/actions';

const lines = (acts: ReturnType<typeof actionsFor>) => acts.map((a) => (typeof a.line === 'function' ? a.line(5) : a.line));

describe('graph actions are the kubectl and kubeplay lines a student could type', () => {
  it('offers delete and crash for a pod', () => {
    expect(lines(actionsFor({ kind: 'Pod', namespace: 'shop', name: 'web-1' }))).toEqual([
      'kubectl delete pod web-1 -n shop',
      'kubeplay pod crash web-1 -n shop',
    ]);
  });

  it('offers cordon (or uncordon when cordoned), drain, fail and recover for a node', () => {
    const ref = { kind: 'Node', namespace: '', name: 'worker-2' };
    expect(lines(actionsFor(ref))).toEqual([
      'kubectl cordon worker-2',
      'kubectl drain worker-2 --ignore-daemonsets --delete-emptydir-data --force',
      'kubeplay node fail worker-2',
      'kubeplay node recover worker-2',
    ]);
    const cordoned = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-2' }, spec: { unschedulable: true } };
    expect(lines(actionsFor(ref, cordoned))[0]).toBe('kubectl uncordon worker-2');
  });

  it('scales a Deployment to the count asked for, starting from its spec.replicas', () => {
    const [scale] = actionsFor(
      { kind: 'Deployment', namespace: 'default', name: 'web' },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3 } },
    );
    expect(scale.replicas).toBe(3);
    expect(typeof scale.line === 'function' && scale.line(7)).toBe('kubectl scale deployment/web --replicas=7 -n default');
  });

  it('names an added node one past the highest worker', () => {
    expect(nextNodeName(['control-plane', 'worker-1', 'worker-3', 'worker-2'])).toBe('worker-4');
    expect(addNodeLine(nextNodeName(['control-plane']))).toBe('kubeplay node add worker-1');
  });
});
