import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { apply, hpa, sh, web } from './hpa-helpers';

describe('kubectl autoscale', () => {
  it('creates an autoscaling/v2 HPA on the deployment', () => {
    const c = createCluster();
    apply(c, web(2));
    expect(sh(c, 'kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=50')).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    const h = hpa(c);
    expect(h.apiVersion).toBe('autoscaling/v2');
    expect(h.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    });
  });

  it('leaves minReplicas and the metric to the server defaults (1, 80% CPU) and takes --name', () => {
    const c = createCluster();
    apply(c, web(1));
    expect(sh(c, 'kubectl autoscale deploy/web --max=3 --name=front')).toBe('horizontalpodautoscaler.autoscaling/front autoscaled\n');
    expect(hpa(c, 'front').spec).toMatchObject({ minReplicas: 1, maxReplicas: 3, metrics: [{ resource: { target: { averageUtilization: 80 } } }] });
    expect(sh(c, 'kubectl get hpa front')).toContain('front   Deployment/web   cpu: <unknown>/80%   1         3         0          0s');
  });

  it('prints the object it would create with --dry-run=client', () => {
    const c = createCluster();
    apply(c, web(1));
    expect(sh(c, 'kubectl autoscale deployment web --max=5 --cpu-percent=50 --dry-run=client -o yaml')).toBe(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  creationTimestamp: null
  name: web
spec:
  maxReplicas: 5
  metrics:
  - resource:
      name: cpu
      target:
        averageUtilization: 50
        type: Utilization
    type: Resource
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
status:
  currentMetrics: null
  desiredReplicas: 0
`);
    expect(sh(c, 'kubectl autoscale deployment web --max=5 --dry-run=client')).toBe('horizontalpodautoscaler.autoscaling/web created (dry run)\n');
    expect(c.request({ method: 'GET', path: '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web' }).status).toBe(404);
  });

  it('refuses what kubectl refuses', () => {
    const c = createCluster();
    apply(c, web(1));
    const err = (line: string) => c.kubectl(line).stderr;
    expect(err('kubectl autoscale deployment web')).toBe('error: required flag(s) "max" not set\n');
    expect(err('kubectl autoscale deployment web --max=0')).toBe('error: --max=MAXPODS is required and must be at least 1, max: 0\n');
    expect(err('kubectl autoscale deployment web --min=4 --max=3')).toBe('error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 3, min: 4\n');
    expect(err('kubectl autoscale deployment nope --max=3')).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    apply(c, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
    expect(err('kubectl autoscale pod solo --max=3')).toBe('error: cannot autoscale a Pod: could not find scale subresource for /v1, Resource=pods in discovery information\n');
    sh(c, 'kubectl autoscale deployment web --max=3');
    expect(err('kubectl autoscale deployment web --max=3')).toBe('Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n');
  });
});
