import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { cellMap, columnNames, create, patchStatus, table } from './printers-helpers';

const PODS = '/api/v1/namespaces/default/pods';

function pod(name: string, extra: Record<string, unknown> = {}, containers = [{ name: 'app', image: 'nginx:1.27' }]) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers, ...extra } };
}

describe('pod table (printPod)', () => {
  it('declares the real pod columns, with the wide ones at priority 1', () => {
    const c = createCluster();
    create(c, PODS, pod('web'));
    const t = table(c, PODS);
    expect(t.columnDefinitions.map((d: any) => [d.name, d.type, d.format, d.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
    expect(t.columnDefinitions[2].description).toBe('The aggregate status of the containers in this pod.');
    expect(t.columnDefinitions[0].description).toMatch(/^Name must be unique within a namespace\. Is required when creating resources/);
  });

  it('shows a new pod as Pending 0/1 with <none> for IP, node, nominated node and readiness gates', () => {
    const c = createCluster();
    // No node matches the selector, so the pod stays Pending and unscheduled, as on a real cluster.
    create(c, PODS, pod('web', { nodeSelector: { disktype: 'none' } }, [
      { name: 'a', image: 'nginx' },
      { name: 'b', image: 'redis' },
    ]));
    c.advance(42_000);
    const cells = cellMap(c, `${PODS}/web`);
    expect(cells).toMatchObject({ Name: 'web', Ready: '0/2', Status: 'Pending', Restarts: '0', Age: '42s', IP: '<none>', Node: '<none>' });
    expect(cells['Nominated Node']).toBe('<none>');
    expect(cells['Readiness Gates']).toBe('<none>');
  });

  it('counts ready running containers and shows the pod IP and node', () => {
    const c = createCluster();
    create(c, PODS, pod('web', { nodeName: 'worker-1' }, [
      { name: 'a', image: 'nginx' },
      { name: 'b', image: 'redis' },
    ]));
    patchStatus(c, `${PODS}/web`, {
      phase: 'Running',
      podIP: '10.244.1.7',
      podIPs: [{ ip: '10.244.1.7' }],
      containerStatuses: [
        { name: 'a', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: '2026-01-01T00:00:02Z' } } },
        { name: 'b', ready: false, restartCount: 0, image: 'redis', imageID: '', state: { running: { startedAt: '2026-01-01T00:00:02Z' } } },
      ],
    });
    expect(cellMap(c, `${PODS}/web`)).toMatchObject({ Ready: '1/2', Status: 'Running', IP: '10.244.1.7', Node: 'worker-1' });
  });

  it('shows CrashLoopBackOff and RESTARTS with the time since the last restart', () => {
    const c = createCluster();
    // Bound to a node with no kubelet, so the status below stays as written.
    create(c, PODS, pod('crash', { nodeName: 'worker-9' }));
    patchStatus(c, `${PODS}/crash`, {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          ready: false,
          restartCount: 5,
          image: 'nginx:1.27',
          imageID: '',
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: '2026-01-01T00:00:50Z', finishedAt: '2026-01-01T00:01:00Z' } },
        },
      ],
    });
    c.advance(100_000);
    expect(cellMap(c, `${PODS}/crash`)).toMatchObject({ Ready: '0/1', Status: 'CrashLoopBackOff', Restarts: '5 (40s ago)' });
  });

  it('shows Init:0/1 while an init container runs and PodInitializing is skipped', () => {
    const c = createCluster();
    create(c, PODS, pod('init', { nodeName: 'worker-1', initContainers: [{ name: 'setup', image: 'busybox' }] }));
    patchStatus(c, `${PODS}/init`, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'setup', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { running: { startedAt: '2026-01-01T00:00:01Z' } } }],
      containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', state: { waiting: { reason: 'PodInitializing' } } }],
    });
    expect(cellMap(c, `${PODS}/init`).Status).toBe('Init:0/1');
  });

  it('shows Init:CrashLoopBackOff and Init:ExitCode:N for failing init containers', () => {
    const c = createCluster();
    create(c, PODS, pod('a', { nodeName: 'worker-1', initContainers: [{ name: 'setup', image: 'busybox' }] }));
    create(c, PODS, pod('b', { nodeName: 'worker-1', initContainers: [{ name: 'setup', image: 'busybox' }] }));
    patchStatus(c, `${PODS}/a`, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'setup', ready: false, restartCount: 2, image: 'busybox', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff' } } }],
    });
    patchStatus(c, `${PODS}/b`, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'setup', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { terminated: { exitCode: 3 } } }],
    });
    expect(cellMap(c, `${PODS}/a`)).toMatchObject({ Status: 'Init:CrashLoopBackOff', Restarts: '2' });
    expect(cellMap(c, `${PODS}/b`).Status).toBe('Init:ExitCode:3');
  });

  it('shows Completed for a succeeded pod and ErrImagePull from the waiting reason', () => {
    const c = createCluster();
    create(c, PODS, pod('done', { nodeName: 'worker-1', restartPolicy: 'Never' }));
    create(c, PODS, pod('typo', { nodeName: 'worker-1' }));
    patchStatus(c, `${PODS}/done`, {
      phase: 'Succeeded',
      containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
    });
    patchStatus(c, `${PODS}/typo`, {
      phase: 'Pending',
      containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', state: { waiting: { reason: 'ErrImagePull' } } }],
    });
    expect(cellMap(c, `${PODS}/done`)).toMatchObject({ Ready: '0/1', Status: 'Completed' });
    const rows = table(c, PODS).rows;
    expect(rows.find((r: any) => r.cells[0] === 'done').conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    expect(rows.find((r: any) => r.cells[0] === 'typo').conditions).toBeUndefined();
    expect(cellMap(c, `${PODS}/typo`).Status).toBe('ErrImagePull');
  });

  it('shows Terminating once the pod has a deletionTimestamp, and Unknown for NodeLost', () => {
    const c = createCluster();
    create(c, PODS, pod('going', { nodeName: 'worker-1' }));
    create(c, PODS, pod('lost', { nodeName: 'worker-1' }));
    patchStatus(c, `${PODS}/going`, { phase: 'Running' });
    patchStatus(c, `${PODS}/lost`, { phase: 'Running', reason: 'NodeLost' });
    for (const name of ['going', 'lost']) {
      const res = c.request({ method: 'DELETE', path: `${PODS}/${name}` });
      expect(res.status).toBeLessThan(300);
    }
    expect(cellMap(c, `${PODS}/going`).Status).toBe('Terminating');
    expect(cellMap(c, `${PODS}/lost`).Status).toBe('Unknown');
  });

  it('uses status.reason (Evicted) and SchedulingGated from the PodScheduled condition', () => {
    const c = createCluster();
    create(c, PODS, pod('ev', { nodeName: 'worker-1' }));
    create(c, PODS, pod('gated'));
    patchStatus(c, `${PODS}/ev`, { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' });
    patchStatus(c, `${PODS}/gated`, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
    expect(cellMap(c, `${PODS}/ev`).Status).toBe('Evicted');
    expect(cellMap(c, `${PODS}/gated`).Status).toBe('SchedulingGated');
  });
});

describe('node table (printNode)', () => {
  it('has the real columns and shows Ready, roles and the wide system info', () => {
    const c = createCluster();
    expect(columnNames(c, '/api/v1/nodes')).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
      'Internal-IP*',
      'External-IP*',
      'OS-Image*',
      'Kernel-Version*',
      'Container-Runtime*',
    ]);
    c.advance(3 * 3600_000 + 5 * 60_000);
    expect(cellMap(c, '/api/v1/nodes/control-plane')).toMatchObject({
      Status: 'Ready',
      Roles: 'control-plane',
      Age: '3h5m',
      'Internal-IP': '172.18.0.2',
      'External-IP': '<none>',
    });
    expect(cellMap(c, '/api/v1/nodes/worker-1').Roles).toBe('<none>');
  });

  it('shows Ready,SchedulingDisabled when cordoned, NotReady and Unknown', () => {
    const c = createCluster();
    const patch = (name: string, body: unknown, sub = '') =>
      c.request({ method: 'PATCH', path: `/api/v1/nodes/${name}${sub}`, contentType: 'application/merge-patch+json', body });
    expect(patch('worker-1', { spec: { unschedulable: true } }).status).toBe(200);
    const conds = (status: string) => [
      { type: 'Ready', status, reason: 'x', message: 'y', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' },
    ];
    expect(patch('worker-2', { status: { conditions: conds('False') } }, '/status').status).toBe(200);
    expect(patch('worker-3', { status: { conditions: conds('Unknown') } }, '/status').status).toBe(200);
    expect(cellMap(c, '/api/v1/nodes/worker-1').Status).toBe('Ready,SchedulingDisabled');
    expect(cellMap(c, '/api/v1/nodes/worker-2').Status).toBe('NotReady');
    expect(cellMap(c, '/api/v1/nodes/worker-3').Status).toBe('NotReady');
    create(c, '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare', labels: { 'kubernetes.io/role': 'edge' } } });
    expect(cellMap(c, '/api/v1/nodes/bare')).toMatchObject({ Status: 'Unknown', Roles: 'edge', 'OS-Image': '<unknown>' });
  });
});
