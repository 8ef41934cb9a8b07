import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

type Cluster = ReturnType<typeof createCluster>;
const PODS = '/api/v1/namespaces/default/pods';

/** A pod no scheduler or kubelet touches (schedulerName nobody serves), so its status is what the test writes. */
function manualPod(c: Cluster, name: string, extra: Record<string, unknown> = {}, labels: Record<string, string> = { app: 'manual' }) {
  const body = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { schedulerName: 'manual', containers: [{ name: 'app', image: 'nginx' }], ...extra },
  };
  expect(c.request({ method: 'POST', path: PODS, body }).status).toBe(201);
}

function setPodStatus(c: Cluster, name: string, status: Record<string, unknown>) {
  const pod = c.request({ method: 'GET', path: `${PODS}/${name}` }).body;
  expect(c.request({ method: 'PUT', path: `${PODS}/${name}/status`, body: { ...pod, status } }).status).toBe(200);
}

describe('kubectl logs (client side)', () => {
  it('defaults to the first container and says so when there are several; rejects an unknown one', () => {
    const c = createCluster();
    manualPod(c, 'multi', {
      initContainers: [{ name: 'setup', image: 'busybox' }],
      containers: [
        { name: 'app', image: 'nginx' },
        { name: 'sidecar', image: 'busybox' },
      ],
    });
    expect(c.kubectl('kubectl logs multi').stderr.startsWith('Defaulted container "app" out of: app, sidecar, setup (init)\n')).toBe(true);
    expect(c.kubectl('kubectl logs multi -c sidecar').stderr).not.toContain('Defaulted container');
    expect(c.kubectl('kubectl logs multi nope')).toMatchObject({ stderr: 'error: container nope is not valid for pod multi\n', exitCode: 1 });
  });

  it('TYPE/NAME picks one pod of the workload and names it', () => {
    const c = createCluster();
    manualPod(c, 'web-a', {}, { app: 'web' });
    manualPod(c, 'web-b', {}, { app: 'web' });
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    expect(c.request({ method: 'POST', path: '/api/v1/namespaces/default/services', body: svc }).status).toBe(201);
    expect(c.kubectl('kubectl logs service/web').stderr.startsWith('Found 2 pods, using pod/web-a\n')).toBe(true);
  });

  it('reports a missing pod the way kubectl does, and its usage errors', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl logs ghost')).toMatchObject({
      stderr: 'error: error from server (NotFound): pods "ghost" not found in namespace "default"\n',
      exitCode: 1,
    });
    expect(c.kubectl('kubectl logs').stderr).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    );
    expect(c.kubectl('kubectl logs x -l app=web').stderr).toBe(
      "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n",
    );
    expect(c.kubectl('kubectl logs x --tail=-2').stderr).toBe('error: --tail must be greater than or equal to -1\n');
    expect(c.kubectl('kubectl logs x -c a --all-containers').stderr).toBe('error: --all-containers=true should not be specified with container name a\n');
    expect(c.kubectl('kubectl logs -l app=none')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('a pod on a failed machine: the API server cannot reach its kubelet, and the Status has no reason', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('kubectl run web --image=nginx:1.27');
    c.advance(20_000);
    const node = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/web' }).body.spec.nodeName;
    c.sim(`kubeplay node fail ${node}`);
    const res = c.kubectl('kubectl logs web');
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toMatch(/^Error from server: Get "https:\/\/[\d.]+:10250\/containerLogs\/default\/web\/web": dial tcp [\d.]+:10250: connect: no route to host\n$/);
  });

  it('-f over a selector is limited by --max-log-requests', () => {
    const c = createCluster();
    for (const n of ['a', 'b', 'c']) manualPod(c, `p-${n}`, {}, { app: 'many' });
    expect(c.kubectl('kubectl logs -f -l app=many --max-log-requests=2').stderr).toBe(
      'error: you are attempting to follow 3 log streams, but maximum allowed concurrency is 2, use --max-log-requests to increase the limit\n',
    );
  });
});

describe('kubectl events and get events', () => {
  function withEvents() {
    const c = createCluster();
    c.kubectl('kubectl create namespace obs');
    const ev = (name: string, kind: string, obj: string, reason: string, type: string, first: string, last: string, count: number, message: string) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'obs' },
      involvedObject: { apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1', kind, name: obj, namespace: 'obs' },
      reason,
      type,
      message,
      firstTimestamp: first,
      lastTimestamp: last,
      count,
      source: { component: 'test' },
    });
    const events = [
      ev('aaa.1', 'Pod', 'aaa', 'BackOff', 'Warning', '2026-01-01T00:01:00Z', '2026-01-01T00:09:00Z', 5, 'Back-off restarting failed container'),
      ev('web.1', 'Deployment', 'web', 'ScalingReplicaSet', 'Normal', '2026-01-01T00:02:00Z', '2026-01-01T00:02:00Z', 1, 'Scaled up replica set web-1 from 0 to 1 '),
      ev('zzz.1', 'Pod', 'zzz', 'Pulled', 'Normal', '2026-01-01T00:00:30Z', '2026-01-01T00:00:30Z', 1, 'Pulled'),
    ];
    for (const e of events) expect(c.request({ method: 'POST', path: '/api/v1/namespaces/obs/events', body: e }).status).toBe(201);
    c.advance(10 * 60_000 - c.now());
    return c;
  }

  it('kubectl events sorts by last time and prints Kind/name and (xN over T)', () => {
    const c = withEvents();
    expect(c.kubectl('kubectl events -n obs').stdout).toBe(
      'LAST SEEN          TYPE      REASON              OBJECT           MESSAGE\n' +
        '9m30s              Normal    Pulled              Pod/zzz          Pulled\n' +
        '8m                 Normal    ScalingReplicaSet   Deployment/web   Scaled up replica set web-1 from 0 to 1\n' +
        '60s (x5 over 9m)   Warning   BackOff             Pod/aaa          Back-off restarting failed container\n',
    );
  });

  it('filters by --types and --for, and says when there are none', () => {
    const c = withEvents();
    expect(c.kubectl('kubectl events -n obs --types=Warning --no-headers').stdout.trim().split('\n')).toHaveLength(1);
    expect(c.kubectl('kubectl events -n obs --for deployment/web').stdout).toContain('Deployment/web');
    expect(c.kubectl('kubectl events -n obs --for deployment/web').stdout).not.toContain('Pod/');
    expect(c.kubectl('kubectl events -n obs --types=Bad').stderr).toBe('error: valid --types are Normal or Warning\n');
    expect(c.kubectl('kubectl events -n default --for pod/none').stderr).toBe('No events found in default namespace.\n');
  });

  it('kubectl get events keeps the server order (by name), as kubectl get does not sort', () => {
    const c = withEvents();
    const lines = c.kubectl('kubectl get events -n obs').stdout.trim().split('\n').slice(1);
    expect(lines.map((l) => l.split(/\s+/).find((w) => w.includes('/')))).toEqual(['pod/aaa', 'deployment/web', 'pod/zzz']);
  });
});

describe('kubectl wait', () => {
  it('condition met for a condition that holds; the real timeout error when it never does', () => {
    const c = createCluster();
    manualPod(c, 'ready');
    setPodStatus(c, 'ready', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
    expect(c.kubectl('kubectl wait --for=condition=Ready pod/ready')).toMatchObject({ stdout: 'pod/ready condition met\n', exitCode: 0 });
    expect(c.kubectl('kubectl wait --for=condition=ready=TRUE pod ready').stdout).toBe('pod/ready condition met\n');
    manualPod(c, 'stuck');
    const before = c.now();
    expect(c.kubectl('kubectl wait --for=condition=Ready pod/stuck --timeout=15s')).toMatchObject({
      stdout: '',
      stderr: 'error: timed out waiting for the condition on pods/stuck\n',
      exitCode: 1,
    });
    expect(c.now() - before).toBe(15_000);
    expect(c.kubectl('kubectl wait --for=condition=Ready pod/stuck --timeout=0').stderr).toBe('error: condition not met for pods/stuck\n');
  });

  it('a Deployment condition reads deployment.apps/NAME condition met', () => {
    const c = createCluster();
    c.kubectl('kubectl create deployment web --image=nginx');
    const d = c.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' }).body;
    const status = { observedGeneration: d.metadata.generation, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] };
    c.request({ method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web/status', body: { ...d, status } });
    expect(c.kubectl('kubectl wait --for=condition=Available deployment/web --timeout=0').stdout).toBe('deployment.apps/web condition met\n');
  });

  it('--for=jsonpath compares the value; --for=delete waits for the object to go', () => {
    const c = createCluster();
    manualPod(c, 'p1');
    setPodStatus(c, 'p1', { phase: 'Running' });
    expect(c.kubectl("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/p1").stdout).toBe('pod/p1 condition met\n');
    expect(c.kubectl('kubectl wait --for=jsonpath={.status.phase}=Failed pod/p1 --timeout=1s').stderr).toBe(
      'error: timed out waiting for the condition on pods/p1\n',
    );
    expect(c.kubectl('kubectl wait --for=jsonpath={.spec} pod/p1 --timeout=0').stdout).toBe('pod/p1 condition met\n');
    expect(c.kubectl('kubectl wait --for=jsonpath={.spec}=x pod/p1 --timeout=0').stderr).toBe(
      'error: jsonpath leads to a nested object or list which is not supported\n',
    );
    expect(c.kubectl('kubectl wait --for=delete pod/p1 --timeout=2s').stderr).toBe('error: timed out waiting for the condition on pods/p1\n');
    c.request({ method: 'DELETE', path: `${PODS}/p1`, body: { gracePeriodSeconds: 0 } });
    expect(c.kubectl('kubectl wait --for=delete pod/p1 --timeout=2s')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('--for=create waits for the object to appear; bad conditions and no matches are errors', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl wait --for=create pod/later --timeout=1s').stderr).toBe('error: timed out waiting for the condition\n');
    manualPod(c, 'later');
    expect(c.kubectl('kubectl wait --for=create pod/later').stdout).toBe('pod/later condition met\n');
    expect(c.kubectl('kubectl wait --for=ready pod/later').stderr).toBe('error: unrecognized condition: "ready"\n');
    expect(c.kubectl('kubectl wait --for=delete').stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect(c.kubectl('kubectl wait --for=condition=Ready pods -l app=none').stderr).toBe('error: no matching resources found\n');
    expect(c.kubectl('kubectl wait --for=condition=Ready pod/ghost').stderr).toBe('Error from server (NotFound): pods "ghost" not found\n');
  });
});
