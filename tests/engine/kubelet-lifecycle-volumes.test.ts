/** Kubelet lifecycle hooks (preStop, postStart) and configMap/secret volumes that cannot mount yet. */
import { describe, expect, it } from 'vitest';
import { cluster, pod, podEvents, runPod, statusColumn } from './kubelet-helpers';

const sleeper = (lifecycle: Record<string, unknown>, grace = 30) => ({
  terminationGracePeriodSeconds: grace,
  containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], lifecycle }],
});

describe('preStop', { timeout: 30_000 }, () => {
  it('runs before SIGTERM: a 5s sleep hook holds a pod that ignores TERM for 5s plus the remaining grace', () => {
    const c = cluster();
    runPod(c, 'p', sleeper({ preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } } }, 10));
    c.advance(5_000);
    expect(pod(c, 'p').status.phase).toBe('Running');
    c.kubectl('kubectl delete pod p --wait=false');
    c.advance(9_000);
    expect(statusColumn(c, 'p')).toBe('Terminating');
    // preStop used 5s of the 10s grace; SIGTERM then gets the remaining 5s before SIGKILL.
    c.advance(1_500);
    expect(pod(c, 'p').kind).toBe('Status');
    expect(podEvents(c, 'p').filter((e) => e.reason === 'FailedPreStopHook')).toEqual([]);
  });

  it('a sleep action waits its seconds; a hook outlasting the grace is cut off; a failing one is reported', () => {
    const c = cluster();
    runPod(c, 'nap', sleeper({ preStop: { sleep: { seconds: 6 } } }, 10));
    runPod(c, 'slow', sleeper({ preStop: { exec: { command: ['sh', '-c', 'sleep 60'] } } }, 10));
    runPod(c, 'bad', sleeper({ preStop: { exec: { command: ['sh', '-c', 'exit 3'] } } }, 4));
    c.advance(5_000);
    c.kubectl('kubectl delete pod nap slow bad --wait=false');
    // nap: 6s of hook, then the remaining 4s of grace before SIGKILL.
    c.advance(9_500);
    expect(pod(c, 'nap').metadata.deletionTimestamp).toBeDefined();
    // slow: the hook is cut off at the 10s grace and SIGTERM still gets the 2s minimum.
    c.advance(1_000);
    expect(pod(c, 'nap').kind).toBe('Status');
    expect(pod(c, 'slow').metadata.deletionTimestamp).toBeDefined();
    c.advance(2_000);
    expect(pod(c, 'slow').kind).toBe('Status');
    const bad = podEvents(c, 'bad').filter((e) => e.reason === 'FailedPreStopHook');
    expect(bad).toEqual([{ type: 'Warning', reason: 'FailedPreStopHook', message: 'PreStopHook failed', count: 1, source: { component: 'kubelet', host: 'worker-1' } }]);
    expect(pod(c, 'bad').kind).toBe('Status');
  });
});

describe('postStart', { timeout: 30_000 }, () => {
  it('a failing hook kills the container, which restarts with back-off', () => {
    const c = cluster();
    runPod(c, 'p', sleeper({ postStart: { httpGet: { port: 8080, path: '/ready' } } }, 1));
    c.advance(3_000);
    const events = podEvents(c, 'p');
    expect(events).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'FailedPostStartHook', message: 'PostStartHook failed' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'Normal', reason: 'Killing', message: 'FailedPostStartHook' }));
    c.advance(60_000);
    expect(pod(c, 'p').status.containerStatuses[0].restartCount).toBeGreaterThan(0);
  });

  it('a hook that succeeds leaves the container running', () => {
    const c = cluster();
    runPod(c, 'p', sleeper({ postStart: { exec: { command: ['sh', '-c', 'echo started > /tmp/started'] } } }));
    c.advance(10_000);
    expect(pod(c, 'p').status.containerStatuses[0]).toMatchObject({ ready: true, restartCount: 0 });
    expect(podEvents(c, 'p').some((e) => e.reason === 'FailedPostStartHook')).toBe(false);
  });
});

describe('configMap and secret volumes', { timeout: 30_000 }, () => {
  const withVolume = (volume: Record<string, unknown>) => ({
    containers: [{ name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'config', mountPath: '/etc/app' }] }],
    volumes: [{ name: 'config', ...volume }],
  });

  it('a missing configMap keeps the pod ContainerCreating with FailedMount retried, until it is created', () => {
    const c = cluster();
    runPod(c, 'p', withVolume({ configMap: { name: 'app-config' } }));
    c.advance(10_000);
    expect(statusColumn(c, 'p')).toBe('ContainerCreating');
    const failed = podEvents(c, 'p').filter((e) => e.reason === 'FailedMount');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ type: 'Warning', message: 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found' });
    // Attempts at 0, 0.5, 1.5, 3.5 and 7.5s.
    expect(failed[0].count).toBe(5);
    expect(c.kubectl('kubectl describe pod p').stdout).toMatch(
      /Warning {2}FailedMount {2}\S+ \(x5 over \S+\)\s+kubelet {2}MountVolume.SetUp failed for volume "config" : configmap "app-config" not found\n/,
    );
    c.kubectl('kubectl create configmap app-config --from-literal=mode=prod');
    // The next retry (15.5s) mounts it; the sandbox and the image pull follow.
    c.advance(5_000);
    expect(podEvents(c, 'p').some((e) => e.reason === 'Pulling')).toBe(false);
    c.advance(1_000);
    expect(podEvents(c, 'p').some((e) => e.reason === 'Pulling')).toBe(true);
    c.advance(5_000);
    expect(statusColumn(c, 'p')).toBe('Running');
  });

  it('a missing secret and a missing key give their own messages; optional sources do not block', () => {
    const c = cluster();
    c.kubectl('kubectl create configmap partial --from-literal=a=1');
    runPod(c, 's', withVolume({ secret: { secretName: 'db-pass' } }));
    runPod(c, 'k', withVolume({ configMap: { name: 'partial', items: [{ key: 'b', path: 'b' }] } }));
    runPod(c, 'o', withVolume({ configMap: { name: 'nothing', optional: true } }));
    c.advance(5_000);
    expect(podEvents(c, 's').find((e) => e.reason === 'FailedMount')?.message).toBe('MountVolume.SetUp failed for volume "config" : secret "db-pass" not found');
    expect(podEvents(c, 'k').find((e) => e.reason === 'FailedMount')?.message).toBe(
      'MountVolume.SetUp failed for volume "config" : configmap references non-existent config key: b',
    );
    expect(statusColumn(c, 'o')).toBe('Running');
  });
});
