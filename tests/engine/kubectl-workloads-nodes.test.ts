import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

type Cluster = ReturnType<typeof createCluster>;
const node = (c: Cluster, name: string) => c.request({ method: 'GET', path: `/api/v1/nodes/${name}` }).body;

describe('kubectl cordon and uncordon', () => {
  it('marks a node unschedulable and back, saying when it already was', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl cordon worker-1')).toMatchObject({ stdout: 'node/worker-1 cordoned\n', exitCode: 0 });
    expect(node(c, 'worker-1').spec.unschedulable).toBe(true);
    expect(c.kubectl('kubectl get node worker-1').stdout).toContain('Ready,SchedulingDisabled');
    expect(c.kubectl('kubectl cordon worker-1').stdout).toBe('node/worker-1 already cordoned\n');
    expect(c.kubectl('kubectl uncordon worker-1').stdout).toBe('node/worker-1 uncordoned\n');
    expect(node(c, 'worker-1').spec.unschedulable).toBeUndefined();
    expect(c.kubectl('kubectl uncordon worker-1').stdout).toBe('node/worker-1 already uncordoned\n');
  });

  it('takes a selector, a dry run, and reports a missing node', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl cordon worker-2 --dry-run=client').stdout).toBe('node/worker-2 cordoned (dry run)\n');
    expect(node(c, 'worker-2').spec.unschedulable).toBeUndefined();
    c.kubectl('kubectl label node worker-2 worker-3 pool=blue');
    expect(c.kubectl('kubectl cordon -l pool=blue').stdout).toBe('node/worker-2 cordoned\nnode/worker-3 cordoned\n');
    expect(c.kubectl('kubectl cordon nope')).toMatchObject({ stderr: 'Error from server (NotFound): nodes "nope" not found\n', exitCode: 1 });
    expect(c.kubectl('kubectl cordon').stderr).toBe("error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
  });
});

describe('kubectl taint', () => {
  it('adds, overwrites and removes taints with the operation kubectl prints', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl taint nodes worker-1 dedicated=gpu:NoSchedule').stdout).toBe('node/worker-1 tainted\n');
    expect(node(c, 'worker-1').spec.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    expect(c.kubectl('kubectl taint nodes worker-1 dedicated=cpu:NoSchedule')).toMatchObject({
      stderr: 'error: node worker-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
      exitCode: 1,
    });
    expect(c.kubectl('kubectl taint nodes worker-1 dedicated=cpu:NoSchedule --overwrite').stdout).toBe('node/worker-1 modified\n');
    expect(node(c, 'worker-1').spec.taints).toEqual([{ key: 'dedicated', value: 'cpu', effect: 'NoSchedule' }]);
    expect(c.kubectl('kubectl taint node worker-1 spot:NoExecute').stdout).toBe('node/worker-1 tainted\n');
    expect(c.kubectl('kubectl taint node worker-1 dedicated:NoSchedule-').stdout).toBe('node/worker-1 untainted\n');
    expect(c.kubectl('kubectl taint node worker-1 spot-').stdout).toBe('node/worker-1 untainted\n');
    expect(node(c, 'worker-1').spec.taints).toBeUndefined();
    expect(c.kubectl('kubectl taint node worker-1 spot-')).toMatchObject({ stderr: 'error: taint "spot" not found\n', exitCode: 1 });
  });

  it('taints every node with --all, or the nodes a selector picks', () => {
    const c = createCluster();
    const names = (node(c, '') as any).items.map((n: any) => n.metadata.name);
    expect(c.kubectl('kubectl taint nodes --all maintenance=soon:PreferNoSchedule').stdout).toBe(
      names.map((n: string) => `node/${n} tainted\n`).join(''),
    );
    c.kubectl('kubectl label node worker-3 pool=blue');
    expect(c.kubectl('kubectl taint nodes -l pool=blue maintenance:PreferNoSchedule-').stdout).toBe('node/worker-3 untainted\n');
  });

  it('gives kubectl errors for bad specs and arguments', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl taint nodes worker-1 a=b:Sometimes').stderr).toBe(
      "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect(c.kubectl('kubectl taint nodes worker-1 a:b:c').stderr).toBe("error: invalid taint spec: a:b:c\nSee 'kubectl taint -h' for help and examples\n");
    // Without an effect the whole word is the key, and `=` is not allowed in one (checked against kubectl v1.32).
    expect(c.kubectl('kubectl taint nodes worker-1 a=b').stderr).toMatch(/^error: invalid taint spec: a=b, name part must consist of alphanumeric characters/);
    expect(c.kubectl('kubectl taint nodes worker-1').stderr).toBe('error: at least one taint update is required\n');
    expect(c.kubectl('kubectl taint pods web a=b:NoSchedule').stderr).toBe('error: invalid resource type pods, only node types are supported\n');
    expect(c.kubectl('kubectl taint nodes a=b:NoSchedule').stderr).toBe(
      "error: at least one resource name must be specified since 'all' parameter is not set\n",
    );
    expect(c.kubectl('kubectl taint nodes worker-1 a=b:NoSchedule a-').stderr).toBe(
      'error: can not both modify and remove the following taint(s) in the same command: a=\n',
    );
    expect(c.kubectl('kubectl taint nodes worker-1 a=b:NoSchedule other').stderr).toBe(
      'error: all resources must be specified before taint changes: other\n',
    );
  });
});

/** Pods placed on worker-1 directly (spec.nodeName), labelled so --pod-selector keeps the drain to them. */
function withPodsOnWorker1() {
  const c = createCluster();
  const ds = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { nodeSelector: { nowhere: 'true' }, containers: [{ name: 'a', image: 'busybox' }] },
      },
    },
  };
  const created = c.request({ method: 'POST', path: '/apis/apps/v1/namespaces/default/daemonsets', body: ds }).body;
  const pod = (name: string, extra: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { test: 'drain' }, ...meta },
    spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx' }], ...extra },
  });
  const pods = [
    pod('agent-x7k2p', {}, {
      labels: { test: 'drain', app: 'agent' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: created.metadata.uid, controller: true }],
    }),
    pod('scratch', { volumes: [{ name: 'tmp', emptyDir: {} }] }),
    pod('solo'),
  ];
  for (const p of pods) expect(c.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: p }).status).toBe(201);
  return c;
}

const exists = (c: Cluster, name: string) => c.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}` }).status === 200;

describe('kubectl drain', () => {
  it('cordons, then refuses DaemonSet pods, pods with local storage and unmanaged pods with the real texts', () => {
    const c = withPodsOnWorker1();
    const r = c.kubectl('kubectl drain worker-1 --pod-selector=test=drain');
    const ds = 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-x7k2p';
    const local = 'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch';
    const solo = 'cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo';
    expect(r.stdout).toBe('node/worker-1 cordoned\n');
    expect(r.stderr).toBe(
      `error: unable to drain node "worker-1" due to error: [${ds}, ${local}, ${solo}], continuing command...\n` +
        'There are pending nodes to be drained:\n worker-1\n' +
        `${ds}\n${local}\n${solo}\n`,
    );
    expect(r.exitCode).toBe(1);
    expect(node(c, 'worker-1').spec.unschedulable).toBe(true);
    // Nothing was evicted (the DaemonSet controller may still remove its misplaced pod on its own).
    expect(['scratch', 'solo'].every((p) => exists(c, p))).toBe(true);
  });

  it('one refusal prints as one error without the `error: ` prefix, as kubectl prints an aggregate', () => {
    const c = withPodsOnWorker1();
    const r = c.kubectl('kubectl drain worker-1 --pod-selector=test=drain --force --delete-emptydir-data');
    const ds = 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-x7k2p';
    expect(r.stderr).toBe(
      `error: unable to drain node "worker-1" due to error: ${ds}, continuing command...\nThere are pending nodes to be drained:\n worker-1\n${ds}\n`,
    );
  });

  it('with the flags, warns, evicts through the Eviction API, waits for the pods to go and prints drained', () => {
    const c = withPodsOnWorker1();
    const r = c.kubectl('kubectl drain worker-1 --pod-selector=test=drain --ignore-daemonsets --delete-emptydir-data --force --grace-period=0');
    expect(r.stdout).toBe(
      'node/worker-1 cordoned\n' +
        'evicting pod default/scratch\nevicting pod default/solo\n' +
        'pod/scratch evicted\npod/solo evicted\n' +
        'node/worker-1 drained\n',
    );
    expect(r.stderr).toBe(
      'Warning: ignoring DaemonSet-managed Pods: default/agent-x7k2p; deleting Pods that declare no controller: default/scratch, default/solo\n',
    );
    expect(r.exitCode).toBe(0);
    expect(exists(c, 'scratch') || exists(c, 'solo')).toBe(false);
  });

  it('--disable-eviction deletes instead; --dry-run=client changes nothing', () => {
    const c = withPodsOnWorker1();
    const dry = c.kubectl('kubectl drain worker-1 --pod-selector=test=drain --ignore-daemonsets --delete-emptydir-data --force --dry-run=client');
    expect(dry.stdout).toBe(
      'node/worker-1 cordoned (dry run)\nevicting pod default/scratch (dry run)\nevicting pod default/solo (dry run)\nnode/worker-1 drained (dry run)\n',
    );
    expect(node(c, 'worker-1').spec.unschedulable).toBeUndefined();
    const r = c.kubectl('kubectl drain worker-1 --pod-selector=test=drain --ignore-daemonsets --delete-emptydir-data --force --disable-eviction --grace-period=0');
    expect(r.stdout).toBe('node/worker-1 cordoned\npod/scratch deleted\npod/solo deleted\nnode/worker-1 drained\n');
  });

  it('an empty node drains at once; a missing node is an API error; no node is a usage error', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl drain worker-3 --pod-selector=test=none').stdout).toBe('node/worker-3 cordoned\nnode/worker-3 drained\n');
    expect(c.kubectl('kubectl drain nope').stderr).toBe('Error from server (NotFound): nodes "nope" not found\n');
    expect(c.kubectl('kubectl drain').stderr).toBe("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
  });
});
