import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { advanceTo, apply, condition, hpa, hpaEvents, replicas, sh, unreadyPod, web } from './hpa-helpers';

/** An autoscaling/v2 HPA on deployment `web`, target 50% CPU, with `behavior` spelled out. */
const hpaWithBehavior = (behavior: string, max = 20) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: ${max}
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
  behavior:
${behavior}`;

const RESCALE_UP = 'cpu resource utilization (percentage of request) above target';

/** Deployment web (2 pods, 100m requested each) autoscaled at 50% CPU; the HPA syncs with each 15 s scrape. */
function autoscaled(): Cluster {
  const c = createCluster();
  apply(c, web(2));
  sh(c, 'kubectl autoscale deployment web --max=10 --cpu-percent=50');
  return c;
}

describe('HorizontalPodAutoscaler: scaling under kubeplay load', () => {
  it('shows <unknown> until its first sync, then the current utilization', () => {
    const c = autoscaled();
    expect(sh(c, 'kubectl get hpa')).toBe(
      'NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n' +
        'web    Deployment/web   cpu: <unknown>/50%   1         10        0          0s\n',
    );
    advanceTo(c, 30_000);
    expect(sh(c, 'kubectl get hpa')).toBe(
      'NAME   REFERENCE        TARGETS       MINPODS   MAXPODS   REPLICAS   AGE\n' +
        'web    Deployment/web   cpu: 1%/50%   1         10        2          30s\n',
    );
    expect(condition(hpa(c), 'ScalingActive')).toMatchObject({
      status: 'True',
      reason: 'ValidMetricFound',
      message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
    });
    expect(hpa(c).status.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '1m', averageUtilization: 1 } } }]);
  });

  it('scales up to ceil(current × utilization / target)', () => {
    const c = autoscaled();
    advanceTo(c, 30_000);
    sh(c, 'kubeplay load web 180'); // 90 requests/s per pod: 91m of 100m requested = 91%
    advanceTo(c, 45_000);
    // ceil(2 × 91 / 50) = ceil(3.64) = 4, within max(2 × 2, 4) for an HPA without spec.behavior.
    expect(replicas(c)).toBe(4);
    expect(sh(c, 'kubectl get hpa')).toContain('cpu: 91%/50%');
    expect(hpaEvents(c)).toEqual([`Normal SuccessfulRescale New size: 4; reason: ${RESCALE_UP}`]);
    const h = hpa(c);
    expect(h.status).toMatchObject({ currentReplicas: 2, desiredReplicas: 4, lastScaleTime: '2026-01-01T00:00:45Z' });
    expect(condition(h, 'AbleToScale')).toMatchObject({ status: 'True', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 4' });
    expect(condition(h, 'ScalingLimited')).toMatchObject({ status: 'False', reason: 'DesiredWithinRange' });
    const described = sh(c, 'kubectl describe hpa web');
    expect(described).toContain('  resource cpu on pods  (as a percentage of request):  91% (91m) / 50%\n');
    expect(described).toMatch(/Normal {2}SuccessfulRescale {2}\S+ +horizontal-pod-autoscaler {2}New size: 4; reason: cpu resource/);
  });

  it('does not scale while the ratio is within the 10% tolerance', () => {
    const c = autoscaled();
    advanceTo(c, 30_000);
    sh(c, 'kubeplay load web 106'); // 54m per pod: 54% of request, ratio 1.08
    advanceTo(c, 90_000);
    expect(sh(c, 'kubectl get hpa')).toContain('cpu: 54%/50%');
    expect(replicas(c)).toBe(2);
    expect(hpaEvents(c)).toEqual([]);
    sh(c, 'kubeplay load web 112'); // 57%: ratio 1.14, ceil(2 × 1.14) = 3
    advanceTo(c, 105_000);
    expect(replicas(c)).toBe(3);
  });

  it('scales down only after the 5-minute stabilization window', () => {
    const c = autoscaled();
    advanceTo(c, 30_000);
    sh(c, 'kubeplay load web 180');
    advanceTo(c, 45_000);
    expect(replicas(c)).toBe(4);
    sh(c, 'kubeplay load web 0');
    // Every sync from 60 s on recommends fewer pods; the recommendation of 4 made at 45 s holds for 300 s.
    advanceTo(c, 345_000);
    expect(replicas(c)).toBe(4);
    expect(sh(c, 'kubectl get hpa')).toContain('cpu: 1%/50%');
    expect(condition(hpa(c), 'AbleToScale')).toMatchObject({
      reason: 'ScaleDownStabilized',
      message: 'recent recommendations were higher than current one, applying the highest recent recommendation',
    });
    advanceTo(c, 360_000);
    expect(replicas(c)).toBeLessThan(4);
    advanceTo(c, 375_000);
    expect(replicas(c)).toBe(1);
    expect(hpaEvents(c).at(-1)).toBe('Normal SuccessfulRescale New size: 1; reason: All metrics below target');
  });

  it('follows spec.behavior: at most max(+4 pods, +100%) per 15 s with the default scale-up policies', () => {
    const c = createCluster();
    apply(c, web(1));
    apply(c, hpaWithBehavior('    scaleDown:\n      stabilizationWindowSeconds: 300\n'));
    expect(hpa(c).spec.behavior.scaleUp).toEqual({
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    });
    advanceTo(c, 30_000);
    sh(c, 'kubeplay load web 1000'); // 1001% on one pod: 21 desired
    advanceTo(c, 45_000);
    expect(replicas(c)).toBe(5); // max(1 + 4, 1 × 2)
    expect(condition(hpa(c), 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'ScaleUpLimit',
      message: 'the desired replica count is increasing faster than the maximum scale rate',
    });
    advanceTo(c, 60_000);
    expect(replicas(c)).toBe(10); // max(5 + 4, 5 × 2)
    advanceTo(c, 90_000);
    expect(replicas(c)).toBe(20);
    expect(condition(hpa(c), 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
  });

  it('counts an unready pod as using nothing when scaling up', () => {
    const c = createCluster();
    apply(c, web(2));
    apply(c, unreadyPod);
    apply(c, hpaWithBehavior('    scaleUp:\n      policies:\n      - type: Pods\n        value: 100\n        periodSeconds: 15\n'));
    advanceTo(c, 30_000);
    sh(c, 'kubeplay load web 300'); // 151% on the 2 ready pods, the unready one gets no traffic
    advanceTo(c, 45_000);
    // Ready pods alone: ceil(2 × 151/50) = 7. With the unready pod at 0: (151+151+0)/300 = 100%, ceil(3 × 2) = 6.
    expect(replicas(c)).toBe(6);
    expect(hpa(c).status.currentMetrics[0].resource.current.averageUtilization).toBe(151);
  });

  it('counts a pod without metrics as using its whole request when scaling down', () => {
    const c = createCluster();
    apply(c, web(2));
    advanceTo(c, 47_000);
    apply(c, hpaWithBehavior('    scaleDown:\n      stabilizationWindowSeconds: 0\n')); // syncs at 62 s, 77 s, ...
    advanceTo(c, 52_000);
    apply(c, unreadyPod.replace('name: unready', 'name: late').replace(/ {4}readinessProbe:[\s\S]*/, ''));
    advanceTo(c, 62_000);
    // `late` runs but started less than 10 s before the 60 s scrape: no metrics yet.
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/late' }).body.status.phase).toBe('Running');
    expect(c.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/late' }).status).toBe(404);
    // 1% without it would give 1 replica; with it at 100%: (1 + 1 + 100) / 300 = 34%, ceil(0.68 × 3) = 3 > 2: keep 2.
    expect(replicas(c)).toBe(2);
    expect(hpaEvents(c)).toEqual([]);
    advanceTo(c, 77_000);
    expect(replicas(c)).toBe(1);
  });

  it('reports missing metrics and missing requests instead of scaling', () => {
    const c = createCluster();
    apply(c, web(2, '            memory: 64Mi\n').replace('cpu: 100m', 'cpu: "64"')); // never schedulable: no pod runs
    sh(c, 'kubectl autoscale deployment web --max=5 --cpu-percent=50');
    advanceTo(c, 30_000);
    const noMetrics = 'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API';
    const h = hpa(c);
    expect(condition(h, 'ScalingActive')).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${noMetrics}` });
    expect(h.status.currentMetrics).toEqual([{ type: '' }]);
    expect(sh(c, 'kubectl get hpa')).toContain('cpu: <unknown>/50%');
    expect(hpaEvents(c)).toEqual([
      `Warning FailedGetResourceMetric ${noMetrics}`,
      `Warning FailedComputeMetricsReplicas invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${noMetrics}`,
    ]);

    const d = createCluster();
    apply(d, web(1).replace('        resources:\n          requests:\n            cpu: 100m\n', ''));
    sh(d, 'kubectl autoscale deployment web --max=5 --cpu-percent=50');
    advanceTo(d, 30_000);
    const pod = d.request({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body.items[0].metadata.name;
    expect(condition(hpa(d), 'ScalingActive').message).toBe(
      `the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container nginx of Pod ${pod}`,
    );
  });

  it('reports a missing target and a target scaled to zero', () => {
    const c = createCluster();
    apply(c, hpaWithBehavior('    scaleUp: {}\n').replace('name: web\n  minReplicas', 'name: nope\n  minReplicas'));
    advanceTo(c, 15_000);
    expect(condition(hpa(c), 'AbleToScale')).toMatchObject({
      status: 'False',
      reason: 'FailedGetScale',
      message: 'the HPA controller was unable to get the target\'s current scale: deployments.apps "nope" not found',
    });
    expect(hpaEvents(c)).toEqual(['Warning FailedGetScale deployments.apps "nope" not found']);

    const d = autoscaled();
    sh(d, 'kubectl scale deployment web --replicas=0');
    advanceTo(d, 15_000);
    expect(condition(hpa(d), 'ScalingActive')).toMatchObject({ status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    expect(replicas(d)).toBe(0);
  });

  it('refuses to act when two HPAs take the same pods', () => {
    const c = autoscaled();
    sh(c, 'kubectl autoscale deployment web --max=4 --name=web2');
    advanceTo(c, 30_000);
    const msg = 'pods by selector app=web are controlled by multiple HPAs: [default/web default/web2]';
    for (const name of ['web', 'web2']) {
      expect(condition(hpa(c, name), 'ScalingActive')).toMatchObject({ status: 'False', reason: 'AmbiguousSelector', message: msg });
    }
    expect(hpaEvents(c, 'web2')).toEqual([`Warning AmbiguousSelector ${msg}`, `Warning FailedComputeMetricsReplicas ${msg}`]);
  });

  it('brings the replicas into [minReplicas, maxReplicas] first', () => {
    const c = createCluster();
    apply(c, web(7));
    sh(c, 'kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=50');
    advanceTo(c, 15_000);
    expect(replicas(c)).toBe(5);
    expect(hpaEvents(c)).toEqual(['Normal SuccessfulRescale New size: 5; reason: Current number of replicas above Spec.MaxReplicas']);
  });
});
