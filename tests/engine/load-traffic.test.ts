import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { apply, sh, topPods, unreadyPod, web } from './hpa-helpers';

describe('kubeplay load: steady traffic through a Service', () => {
  it('spreads the requests evenly over the ready endpoints and none to a pod that is not ready', () => {
    const c = createCluster();
    apply(c, web(3));
    apply(c, unreadyPod);
    c.advance(20_000);
    expect(sh(c, 'kubeplay load web 300')).toBe('service/web: 300 requests/s spread over 3 ready endpoints (100 requests/s each)\n');
    c.advance(30_000);
    const rows = topPods(c);
    const cpu = Object.fromEntries(rows.map(([name, cores]) => [name, cores]));
    // Each ready nginx pod: 1m idle + 1m per request/s.
    expect(rows.filter(([name]) => name.startsWith('web-')).map(([, cores]) => cores)).toEqual(['101m', '101m', '101m']);
    expect(cpu.unready).toBe('1m');
    // Per pod: its share now, and the requests it has served in the 30 s since the load began.
    const shown = sh(c, 'kubeplay load web').trim().split('\n');
    expect(shown[0]).toBe('service/web: 300 requests/s');
    expect(shown[1].split(/\s+/)).toEqual(['POD', 'REQUESTS/S', 'SERVED']);
    expect(shown.slice(2).map((l) => l.split(/\s+/).slice(1))).toEqual([
      ['100', '3000'],
      ['100', '3000'],
      ['100', '3000'],
    ]);
  });

  it('changes and stops the load, and follows the endpoints when the deployment scales', () => {
    const c = createCluster();
    apply(c, web(2));
    c.advance(20_000);
    sh(c, 'kubeplay load web 100');
    c.advance(30_000);
    expect(topPods(c).map((r) => r[1])).toEqual(['51m', '51m']);
    sh(c, 'kubectl scale deployment web --replicas=4');
    c.advance(45_000);
    expect(topPods(c).map((r) => r[1])).toEqual(['26m', '26m', '26m', '26m']);
    expect(sh(c, 'kubeplay load web 0')).toBe('service/web: load stopped\n');
    c.advance(30_000);
    expect(topPods(c).map((r) => r[1])).toEqual(['1m', '1m', '1m', '1m']);
  });

  it('answers a missing Service with NotFound and a bad rate with an error', () => {
    const c = createCluster();
    const missing = c.sim('kubeplay load nope 10');
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): services "nope" not found\n');
    const otherNs = c.sim('kubeplay load kubernetes 10 -n kube-system');
    expect(otherNs.stderr).toBe('Error from server (NotFound): services "kubernetes" not found\n');
    apply(c, web(1));
    const bad = c.sim('kubeplay load web fast');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/^error: invalid RPS "fast"/);
    expect(c.sim('kubeplay load').stderr).toMatch(/^error: SERVICE and RPS are required\nUsage:\n {2}kubeplay load SERVICE RPS \[-n NAMESPACE\]/);
    expect(c.sim('kubeplay load web').stdout).toBe('service/web: no load\n');
  });

  it('says so when the Service has no ready endpoint to take the traffic', () => {
    const c = createCluster();
    apply(c, web(0));
    expect(sh(c, 'kubeplay load web 50')).toBe('service/web: 50 requests/s; it has no ready endpoints, so every request is refused\n');
    expect(sh(c, 'kubeplay load kubernetes 5')).toBe('service/kubernetes: 5 requests/s spread over 1 ready endpoint (5 requests/s each)\n');
  });
});
