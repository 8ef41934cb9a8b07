import { describe, expect, it } from 'vitest';
import { cluster, container, pod, podEvents, runPod, track } from './kubelet-helpers';

const readyCondition = (p: any) => p.status?.conditions?.find((x: any) => x.type === 'Ready');

describe('kubelet: probes', { timeout: 30_000 }, () => {
  it('runs the liveness-exec example of the Kubernetes docs: healthy for 30s, then killed and restarted', () => {
    const c = cluster();
    const restarts = track(c, 'liveness-exec', (p) => p.status?.containerStatuses?.[0]?.restartCount ?? 0);
    runPod(c, 'liveness-exec', {
      containers: [
        {
          name: 'liveness',
          image: 'registry.k8s.io/busybox:1.27.2',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
        },
      ],
    });
    c.advance(30_000);
    expect(podEvents(c, 'liveness-exec').some((e) => e.reason === 'Unhealthy')).toBe(false);
    c.advance(20_000);
    const events = podEvents(c, 'liveness-exec');
    expect(events.find((e) => e.reason === 'Unhealthy')).toMatchObject({
      type: 'Warning',
      message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
      count: 3,
    });
    expect(events.find((e) => e.reason === 'Killing')).toMatchObject({
      type: 'Normal',
      message: 'Container liveness failed liveness probe, will be restarted',
    });
    expect(container(c, 'liveness-exec').restartCount).toBe(0);
    // busybox's sh ignores SIGTERM as PID 1: the restart comes after the 30s grace period.
    c.advance(30_000);
    expect(container(c, 'liveness-exec').restartCount).toBe(1);
    expect(container(c, 'liveness-exec').lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    const killedAt = restarts.find((r) => r.value === 1)!.at;
    expect(killedAt).toBeGreaterThan(70_000);
    expect(killedAt).toBeLessThan(80_000);
  });

  it('restarts on a failing liveness httpGet (agnhost liveness serves /healthz 200 for 10s, then 500)', () => {
    const c = cluster();
    runPod(c, 'liveness-http', {
      containers: [
        {
          name: 'liveness',
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.40',
          args: ['liveness'],
          livenessProbe: { httpGet: { path: '/healthz', port: 8080, httpHeaders: [{ name: 'Custom-Header', value: 'Awesome' }] }, initialDelaySeconds: 3, periodSeconds: 3 },
        },
      ],
    });
    c.advance(40_000);
    const events = podEvents(c, 'liveness-http');
    expect(events.map((e) => e.message)).toContain('Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(events.map((e) => e.message)).toContain('Container liveness failed liveness probe, will be restarted');
    expect(container(c, 'liveness-http').restartCount).toBeGreaterThanOrEqual(1);
  });

  it('a failing readiness probe makes the pod not Ready without restarting it', () => {
    const c = cluster();
    runPod(c, 'web', {
      containers: [{ name: 'nginx', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/not-there', port: 80 }, periodSeconds: 5 } }],
    });
    c.advance(60_000);
    const p = pod(c, 'web');
    expect(p.status.phase).toBe('Running');
    expect(readyCondition(p)).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(container(c, 'web')).toMatchObject({ ready: false, started: true, restartCount: 0 });
    expect(c.kubectl('get pod web --no-headers').stdout).toMatch(/^web\s+0\/1\s+Running\s+0\s/);
    const unhealthy = podEvents(c, 'web').find((e) => e.reason === 'Unhealthy')!;
    expect(unhealthy.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 404');
    expect(podEvents(c, 'web').some((e) => e.reason === 'Killing')).toBe(false);
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/web/log' }).body).toContain('"GET /not-there HTTP/1.1" 404 153 "-" "kube-probe/1.33" "-"');
  });

  it('marks the pod Ready only after the first readiness success, and a refused tcpSocket stays unready', () => {
    const c = cluster();
    const ready = track(c, 'db', (p) => readyCondition(p)?.status ?? 'none');
    runPod(c, 'db', {
      containers: [
        {
          name: 'redis',
          image: 'redis:7.4',
          readinessProbe: { tcpSocket: { port: 6379 }, initialDelaySeconds: 5, periodSeconds: 10 },
          livenessProbe: { tcpSocket: { port: 6379 }, periodSeconds: 10 },
        },
      ],
    });
    runPod(c, 'wrong', { containers: [{ name: 'redis', image: 'redis:7.4', readinessProbe: { tcpSocket: { port: 3306 } } }] });
    c.advance(30_000);
    expect(ready.map((r) => r.value)).toEqual(['none', 'False', 'True']);
    expect(ready[2].at).toBeGreaterThanOrEqual(5000);
    expect(readyCondition(pod(c, 'wrong')).status).toBe('False');
    expect(podEvents(c, 'wrong').find((e) => e.reason === 'Unhealthy')!.message).toMatch(
      /^Readiness probe failed: dial tcp 10\.244\.1\.\d+:3306: connect: connection refused$/,
    );
    expect(container(c, 'wrong').restartCount).toBe(0);
  });

  it('holds liveness and readiness until the startup probe succeeds', () => {
    const c = cluster();
    runPod(c, 'slow', {
      containers: [
        {
          name: 'app',
          image: 'busybox',
          command: ['sh', '-c', 'sleep 20; touch /tmp/started; sleep 3600'],
          startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5, failureThreshold: 10 },
          livenessProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5, failureThreshold: 1 },
        },
      ],
    });
    c.advance(15_000);
    expect(container(c, 'slow')).toMatchObject({ started: false, ready: false });
    c.advance(15_000);
    expect(container(c, 'slow')).toMatchObject({ started: true, ready: true, restartCount: 0 });
    const messages = podEvents(c, 'slow').map((e) => e.message);
    expect(messages.some((m) => m.startsWith('Startup probe failed: '))).toBe(true);
    expect(messages.some((m) => m.startsWith('Liveness probe failed: '))).toBe(false);
  });

  it("an exec probe's and a postStart hook's variables stay in their own shell, out of the container's environment", () => {
    const c = cluster();
    runPod(c, 'p', {
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sleep 3600'],
          env: [{ name: 'MODE', value: 'prod' }],
          readinessProbe: { exec: { command: ['sh', '-c', 'MODE=probe; export FROM_PROBE=1; true'] }, periodSeconds: 5 },
          lifecycle: { postStart: { exec: { command: ['sh', '-c', 'export FROM_HOOK=1'] } } },
        },
      ],
    });
    c.advance(20_000);
    expect(readyCondition(pod(c, 'p'))?.status).toBe('True');
    const r = c.kubectl(`kubectl exec p -- sh -c 'echo "$MODE/$FROM_PROBE/$FROM_HOOK"'`);
    expect(r.stdout).toBe('prod//\n');
  });
});
