import { describe, expect, it } from 'vitest';
import { cluster, container, pod, podEvents, runPod, statusColumn, track } from './kubelet-helpers';

describe('kubelet: image pulls', { timeout: 30_000 }, () => {
  it('pulls a catalog image, starts the container, and reports the real events and status', () => {
    const c = cluster();
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] });
    expect(statusColumn(c, 'web')).toBe('ContainerCreating');
    expect(container(c, 'web').state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    c.advance(5000);
    expect(c.kubectl('get pod web').stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          5s\n');
    const p = pod(c, 'web');
    expect(p.status.phase).toBe('Running');
    expect(p.status.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(p.status.podIPs).toEqual([{ ip: p.status.podIP }]);
    expect(p.status.hostIP).toBe('172.18.0.3');
    expect(p.status.qosClass).toBe('BestEffort');
    expect(p.status.conditions.map((x: any) => `${x.type}=${x.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    const cs = container(c, 'web');
    expect(cs).toMatchObject({ name: 'nginx', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.27', lastState: {} });
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    const events = podEvents(c, 'web');
    expect(events.map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual([
      'Normal Pulling Pulling image "nginx:1.27"',
      expect.stringMatching(/^Normal Pulled Successfully pulled image "nginx:1\.27" in (\d\.\d+)s \(\1s including waiting\)\. Image size: \d+ bytes\.$/),
      'Normal Created Created container: nginx',
      'Normal Started Started container nginx',
    ]);
    expect(events[0].source).toEqual({ component: 'kubelet', host: 'worker-1' });
  });

  it('reuses the node cache: a second pod gets "already present on machine" and the node lists the image', () => {
    const c = cluster();
    runPod(c, 'a', { containers: [{ name: 'redis', image: 'redis:7.4' }] });
    c.advance(10_000);
    runPod(c, 'b', { containers: [{ name: 'redis', image: 'redis:7.4' }] });
    c.advance(2000);
    expect(statusColumn(c, 'b')).toBe('Running');
    expect(podEvents(c, 'b').map((e) => e.message)).toContain('Container image "redis:7.4" already present on machine');
    c.advance(10_000);
    const node = c.request({ method: 'GET', path: '/api/v1/nodes/worker-1' }).body;
    const names = node.status.images.flatMap((i: any) => i.names);
    expect(names).toContain('docker.io/library/redis:7.4');
    expect(names.some((n: string) => /^docker\.io\/library\/redis@sha256:/.test(n))).toBe(true);
    const other = c.request({ method: 'GET', path: '/api/v1/nodes/worker-2' }).body;
    expect(other.status.images.flatMap((i: any) => i.names)).not.toContain('docker.io/library/redis:7.4');
  });

  it('fails a misspelled image: ErrImagePull, then ImagePullBackOff, retrying after 10s, 20s, 40s', () => {
    const c = cluster();
    const reasons = track(c, 'bad', (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? 'none');
    runPod(c, 'bad', { containers: [{ name: 'web', image: 'ngnix' }] });
    c.advance(120_000);
    expect(reasons.map((r) => r.value)).toEqual([
      'none',
      'ContainerCreating',
      'ErrImagePull',
      'ImagePullBackOff',
      'ErrImagePull',
      'ImagePullBackOff',
      'ErrImagePull',
      'ImagePullBackOff',
      'ErrImagePull',
      'ImagePullBackOff',
    ]);
    const failures = reasons.filter((r) => r.value === 'ErrImagePull').map((r) => r.at);
    const backoffs = reasons.filter((r) => r.value === 'ImagePullBackOff').map((r) => r.at);
    backoffs.forEach((at, i) => expect(at - failures[i]).toBe(1000));
    // Each retry starts when the back-off since the previous failure has passed: 10s, 20s, 40s.
    const gaps = failures.slice(1).map((at, i) => at - failures[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(10_000);
    expect(gaps[0]).toBeLessThan(11_500);
    expect(gaps[1]).toBeGreaterThanOrEqual(20_000);
    expect(gaps[1]).toBeLessThan(21_500);
    expect(gaps[2]).toBeGreaterThanOrEqual(40_000);
    expect(gaps[2]).toBeLessThan(41_500);
    expect(statusColumn(c, 'bad')).toBe('ImagePullBackOff');
    const waiting = container(c, 'bad').state.waiting;
    expect(waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "ngnix"' });
    const events = podEvents(c, 'bad');
    const text = events.map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(text).toContain('Normal Pulling Pulling image "ngnix"');
    expect(text).toContain(
      'Warning Failed Failed to pull image "ngnix": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(text).toContain('Warning Failed Error: ErrImagePull');
    expect(text).toContain('Normal BackOff Back-off pulling image "ngnix"');
    expect(text).toContain('Warning Failed Error: ImagePullBackOff');
    expect(events.find((e) => e.reason === 'Pulling')!.count).toBe(4);
    expect(pod(c, 'bad').status.phase).toBe('Pending');
  });

  it('fails an unknown tag of a catalog image with NotFound, and pulls any image with a registry or user prefix', () => {
    const c = cluster();
    runPod(c, 'typo', { containers: [{ name: 'nginx', image: 'nginx:1.161' }] });
    runPod(c, 'good', { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] });
    runPod(c, 'custom', { containers: [{ name: 'app', image: 'scottb/bookstore:2.0' }] });
    runPod(c, 'ghcr', { containers: [{ name: 'app', image: 'ghcr.io/acme/shop/api:v3' }] });
    c.advance(30_000);
    expect(statusColumn(c, 'typo')).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    expect(podEvents(c, 'typo').map((e) => e.message)).toContain(
      'Failed to pull image "nginx:1.161": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found',
    );
    for (const name of ['good', 'custom', 'ghcr']) expect(statusColumn(c, name)).toBe('Running');
  });

  it('honours imagePullPolicy Never and reports an invalid image name', () => {
    const c = cluster();
    runPod(c, 'never', { containers: [{ name: 'app', image: 'nginx:1.27', imagePullPolicy: 'Never' }] });
    runPod(c, 'upper', { containers: [{ name: 'app', image: 'Nginx' }] });
    c.advance(5000);
    expect(statusColumn(c, 'never')).toBe('ErrImageNeverPull');
    expect(container(c, 'never').state.waiting.message).toBe('Container image "nginx:1.27" is not present with pull policy of Never');
    expect(statusColumn(c, 'upper')).toBe('InvalidImageName');
    expect(podEvents(c, 'upper').map((e) => e.reason)).toEqual(['InspectFailed', 'Failed']);
  });

  it('serializes pulls on a node: the second pull counts its wait in "including waiting"', () => {
    const c = cluster();
    runPod(c, 'two', {
      containers: [
        { name: 'db', image: 'postgres:16', env: [{ name: 'POSTGRES_PASSWORD', value: 'x' }] },
        { name: 'cache', image: 'redis:7.4' },
      ],
    });
    c.advance(20_000);
    const pulled = podEvents(c, 'two').filter((e) => e.reason === 'Pulled').map((e) => e.message);
    const m = /in ([\d.]+)s \(([\d.]+)s including waiting\)/.exec(pulled.find((x) => x.includes('redis'))!)!;
    expect(Number(m[2])).toBeGreaterThan(Number(m[1]));
    expect(c.kubectl('get pod two --no-headers').stdout).toMatch(/^two\s+2\/2\s+Running\s+0\s/);
  });

  it('picks up a fixed image on a bare pod (the image is the one field a pod may change)', () => {
    const c = cluster();
    runPod(c, 'fixme', { containers: [{ name: 'web', image: 'ngnix' }] });
    c.advance(15_000);
    expect(statusColumn(c, 'fixme')).toBe('ImagePullBackOff');
    c.request({
      method: 'PATCH',
      path: '/api/v1/namespaces/default/pods/fixme',
      contentType: 'application/strategic-merge-patch+json',
      body: { spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    });
    c.advance(5000);
    expect(statusColumn(c, 'fixme')).toBe('Running');
    expect(container(c, 'fixme').image).toBe('docker.io/library/nginx:latest');
  });

  it('prints the version the tag names: a minor line its last release, a major its newest, a full version itself', () => {
    const c = cluster();
    const cases: [string, string, RegExp][] = [
      ['n127', 'nginx:1.27', /nginx\/1\.27\.5$/m],
      ['n1', 'nginx:1', /nginx\/1\.29\.1$/m],
      ['n1161', 'nginx:1.16.1', /nginx\/1\.16\.1$/m],
      ['pg16', 'postgres:16', /starting PostgreSQL 16\.10 /],
      ['pg17', 'postgres:17-alpine', /starting PostgreSQL 17\.6 /],
    ];
    for (const [name, image] of cases) {
      const env = image.startsWith('postgres') ? [{ name: 'POSTGRES_PASSWORD', value: 'x' }] : [];
      runPod(c, name, { containers: [{ name: 'main', image, env }] });
    }
    c.advance(30_000);
    for (const [name, , banner] of cases) expect(c.kubectl(`kubectl logs ${name}`).stdout).toMatch(banner);
  });
});
