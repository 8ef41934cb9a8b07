import { describe, expect, it } from 'vitest';
import { cluster, container, logs, pod, podEvents, PODS, runPod, statusColumn, statusOf, track } from './kubelet-helpers';

describe('kubelet: containers and restarts', { timeout: 30_000 }, () => {
  it('restarts a crashing container at once, then backs off 10s, 20s, 40s ... capped at 5m', () => {
    const c = cluster();
    const states = track(c, 'crash', (p) => {
      const s = p.status?.containerStatuses?.[0];
      return s ? `${Object.keys(s.state)[0]}:${s.restartCount}` : 'none';
    });
    runPod(c, 'crash', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; sleep 2; exit 1'] }] });
    c.advance(20 * 60_000);
    const exits = states.filter((s) => s.value.startsWith('terminated')).map((s) => s.at);
    const starts = states.filter((s) => s.value.startsWith('running')).map((s) => s.at);
    const delays = starts.slice(1).map((at, i) => at - exits[i]);
    // The first restart is immediate (the next relist, 1s); then the back-off since the exit.
    expect(delays.slice(0, 8)).toEqual([1000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    const cs = container(c, 'crash');
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(statusColumn(c, 'crash')).toMatch(/^(CrashLoopBackOff|Error|Running)$/);
    expect(pod(c, 'crash').status.phase).toBe('Running');
  });

  it('shows Error, then CrashLoopBackOff with the back-off message and the BackOff event', () => {
    const c = cluster();
    const statuses = track(c, 'crash', (x) => statusOf(c, x));
    const p = runPod(c, 'crash', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1; exit 3'] }] });
    c.advance(30_000);
    expect(statuses.map((s) => s.value)).toEqual([
      'Pending',
      'ContainerCreating',
      'Running',
      'Error',
      'Running',
      'Error',
      'CrashLoopBackOff',
      'Running',
      'Error',
      'CrashLoopBackOff',
    ]);
    const waiting = container(c, 'crash').state.waiting;
    expect(waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 20s restarting failed container=app pod=crash_default(${p.metadata.uid})` });
    expect(podEvents(c, 'crash').find((e) => e.reason === 'BackOff')).toMatchObject({
      type: 'Warning',
      message: `Back-off restarting failed container app in pod crash_default(${p.metadata.uid})`,
    });
    expect(c.kubectl('get pod crash --no-headers').stdout).toMatch(/^crash\s+0\/1\s+CrashLoopBackOff\s+2 \(\d+s ago\)\s+30s\n$/);
  });

  it('resets the back-off once the container ran for more than 10 minutes', () => {
    const c = cluster();
    const starts = track(c, 'web', (p) => p.status?.containerStatuses?.[0]?.restartCount ?? -1);
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    c.advance(5000);
    const crash = () => expect(c.sim('kubeplay pod crash web').exitCode).toBe(0);
    crash();
    c.advance(5000);
    crash();
    c.advance(15_000);
    crash();
    c.advance(25_000);
    expect(container(c, 'web').restartCount).toBe(3);
    c.advance(11 * 60_000);
    crash();
    const at = c.now();
    c.advance(5000);
    expect(container(c, 'web').restartCount).toBe(4);
    expect(starts[starts.length - 1].at - at).toBe(1000);
  });

  it('completes with restartPolicy Never or OnFailure: Completed / Error and the pod phase', () => {
    const c = cluster();
    runPod(c, 'ok', { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox', command: ['sh', '-c', 'echo done'] }] });
    runPod(c, 'bad', { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox', command: ['false'] }] });
    runPod(c, 'retry', { restartPolicy: 'OnFailure', containers: [{ name: 'job', image: 'busybox', command: ['sh', '-c', 'sleep 1 && true'] }] });
    c.advance(10_000);
    expect(statusColumn(c, 'ok')).toBe('Completed');
    expect(pod(c, 'ok').status.phase).toBe('Succeeded');
    expect(statusColumn(c, 'bad')).toBe('Error');
    expect(pod(c, 'bad').status.phase).toBe('Failed');
    expect(container(c, 'bad').state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(pod(c, 'retry').status.phase).toBe('Succeeded');
    expect(pod(c, 'ok').status.conditions.find((x: any) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('OOM-kills a container whose memory limit is below what the image uses', () => {
    const c = cluster();
    runPod(c, 'db', {
      containers: [{ name: 'mysql', image: 'mysql:8.0', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'pw' }], resources: { limits: { memory: '128Mi' } } }],
    });
    runPod(c, 'stress', {
      containers: [{ name: 'memory-demo-ctr', image: 'polinux/stress', resources: { limits: { memory: '100Mi' }, requests: { memory: '50Mi' } }, command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'] }],
    });
    runPod(c, 'fits', {
      containers: [{ name: 'memory-demo-ctr', image: 'polinux/stress', resources: { limits: { memory: '200Mi' } }, command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'] }],
    });
    const reasons = track(c, 'stress', (p) => p.status?.containerStatuses?.[0]?.state?.terminated?.reason ?? '');
    c.advance(20_000);
    expect(reasons.map((r) => r.value)).toContain('OOMKilled');
    expect(container(c, 'stress').lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(container(c, 'db').lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(statusColumn(c, 'fits')).toBe('Running');
  });

  it('waits in CreateContainerConfigError until the referenced ConfigMap exists', () => {
    const c = cluster();
    runPod(c, 'app', {
      containers: [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }] }],
    });
    c.advance(15_000);
    expect(statusColumn(c, 'app')).toBe('CreateContainerConfigError');
    expect(container(c, 'app').state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' });
    expect(podEvents(c, 'app').find((e) => e.message === 'Error: configmap "settings" not found')).toMatchObject({ type: 'Warning', reason: 'Failed' });
    c.kubectl('create configmap settings --from-literal=other=1');
    c.advance(10_000);
    expect(container(c, 'app').state.waiting.message).toBe("couldn't find key mode in ConfigMap default/settings");
    c.kubectl('create configmap settings --from-literal=mode=fast --dry-run=client -o yaml');
    c.request({ method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/settings', contentType: 'application/merge-patch+json', body: { data: { mode: 'fast' } } });
    c.advance(10_000);
    expect(statusColumn(c, 'app')).toBe('Running');
  });

  it('runs init containers in order (Init:0/2, Init:1/2, PodInitializing) before the app', () => {
    const c = cluster();
    const statuses = track(c, 'init', (x) => statusOf(c, x));
    runPod(c, 'init', {
      initContainers: [
        { name: 'wait-db', image: 'busybox:1.28', command: ['sh', '-c', 'echo waiting for db; sleep 5'] },
        { name: 'migrate', image: 'busybox:1.28', command: ['sh', '-c', 'sleep 3'] },
      ],
      containers: [{ name: 'app', image: 'nginx:1.27' }],
    });
    c.advance(30_000);
    expect(statuses.map((s) => s.value)).toEqual(['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
    const p = pod(c, 'init');
    expect(p.status.initContainerStatuses.map((s: any) => s.state.terminated.reason)).toEqual(['Completed', 'Completed']);
    expect(logs(c, 'init', { container: 'wait-db' }).body).toBe('waiting for db\n');
  });

  it('shows Init:Error then Init:CrashLoopBackOff for a failing init container', () => {
    const c = cluster();
    runPod(c, 'init', {
      initContainers: [{ name: 'check', image: 'busybox', command: ['sh', '-c', 'exit 1'] }],
      containers: [{ name: 'app', image: 'nginx:1.27' }],
    });
    c.advance(15_000);
    expect(statusColumn(c, 'init')).toBe('Init:CrashLoopBackOff');
    expect(pod(c, 'init').status.conditions.find((x: any) => x.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [check]',
    });
  });

  it('terminates gracefully: Terminating for the grace period of a shell that ignores SIGTERM, at once for nginx', () => {
    const c = cluster();
    runPod(c, 'sleeper', { containers: [{ name: 'sleep', image: 'busybox', command: ['sleep', '3600'] }] });
    runPod(c, 'web', { terminationGracePeriodSeconds: 45, containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
    c.advance(10_000);
    c.request({ method: 'DELETE', path: `${PODS}/sleeper` });
    c.request({ method: 'DELETE', path: `${PODS}/web` });
    c.advance(0);
    expect(statusColumn(c, 'sleeper')).toBe('Terminating');
    expect(podEvents(c, 'sleeper').map((e) => `${e.reason} ${e.message}`)).toContain('Killing Stopping container sleep');
    c.advance(1000);
    expect(c.request({ method: 'GET', path: `${PODS}/web` }).status).toBe(404);
    c.advance(28_000);
    expect(statusColumn(c, 'sleeper')).toBe('Terminating');
    c.advance(1000);
    expect(c.request({ method: 'GET', path: `${PODS}/sleeper` }).status).toBe(404);
  });

  it('serves logs per container and per previous instance, with tailLines and timestamps, and the real errors', () => {
    const c = cluster();
    runPod(c, 'counter', { containers: [{ name: 'count', image: 'busybox:1.28', args: ['/bin/sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] }] });
    runPod(c, 'two', { containers: [{ name: 'a', image: 'busybox', command: ['sleep', '1d'] }, { name: 'b', image: 'redis' }] });
    runPod(c, 'crash', { containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo boom; exit 1'] }] });
    expect(logs(c, 'counter').body).toMatchObject({ message: 'container "count" in pod "counter" is waiting to start: ContainerCreating' });
    c.advance(10_000);
    const lines = (logs(c, 'counter').body as string).split('\n');
    expect(lines[0]).toMatch(/^0: Thu Jan {2}1 00:00:0\d UTC 2026$/);
    expect(lines[1]).toMatch(/^1: Thu Jan {2}1 00:00:0\d UTC 2026$/);
    expect(logs(c, 'counter', { tailLines: '2' }).body.split('\n')).toHaveLength(3);
    expect(logs(c, 'counter', { tailLines: '1', timestamps: 'true' }).body).toMatch(/^2026-01-01T00:00:\d\d(\.\d+)?Z \d+: Thu Jan {2}1 00:00:\d\d UTC 2026\n$/);
    const two = logs(c, 'two');
    expect(two.status).toBe(400);
    expect(two.body.message).toBe('a container name must be specified for pod two, choose one of: [a b]');
    expect(logs(c, 'two', { container: 'b' }).body).toContain('Ready to accept connections tcp');
    expect(logs(c, 'two', { container: 'c' }).body.message).toBe('container c is not valid for pod two');
    expect(logs(c, 'counter', { previous: 'true' }).body.message).toBe('previous terminated container "count" in pod "counter" not found');
    expect(logs(c, 'crash').body).toBe('boom\n');
    expect(logs(c, 'crash', { previous: 'true' }).body).toBe('boom\n');
  });

  it('interprets the shell forms tutorials use, with env and $(VAR) expansion in args', () => {
    const c = cluster();
    runPod(c, 'sh', {
      restartPolicy: 'Never',
      containers: [
        {
          name: 'sh',
          image: 'alpine:3.20',
          env: [{ name: 'GREETING', value: 'Warm greetings to' }, { name: 'NAME', value: 'Kubernetes' }],
          command: ['sh', '-c'],
          args: [
            'echo "$(GREETING) $NAME"; for i in 1 2 3; do echo "item $i"; done; ' +
              'if [ -f /tmp/x ]; then echo yes; else echo no; fi; echo hi > /tmp/a && cat /tmp/a; ' +
              'false || echo recovered; n=0; while [ $n -lt 2 ]; do n=$((n+1)); done; echo "n=$n"; nosuch; exit 7',
          ],
        },
      ],
    });
    c.advance(10_000);
    expect(logs(c, 'sh').body).toBe(
      'Warm greetings to Kubernetes\nitem 1\nitem 2\nitem 3\nno\nhi\nrecovered\nn=2\nsh: nosuch: not found\n',
    );
    expect(container(c, 'sh').state.terminated).toMatchObject({ exitCode: 7, reason: 'Error' });
  });
});
