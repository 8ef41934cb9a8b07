import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { apply, sh, topPods, web } from './hpa-helpers';

const pendingPod = `apiVersion: v1
kind: Pod
metadata:
  name: big
  labels:
    app: big
spec:
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: "64"
`;

describe('metrics.k8s.io and kubectl top', () => {
  it('has no metrics before the first scrapes, then pod metrics from a 15 s window', () => {
    const c = createCluster();
    apply(c, web(2));
    const early = c.kubectl('kubectl top pods');
    expect(early.exitCode).toBe(1);
    expect(early.stderr).toBe('error: metrics not available yet\n');
    expect(c.kubectl('kubectl top nodes').stderr).toBe('error: metrics not available yet\n');
    c.advance(31_000);
    const out = sh(c, 'kubectl top pods');
    const lines = out.split('\n');
    expect(lines[0]).toBe('NAME                   CPU(cores)   MEMORY(bytes)   ');
    expect(lines[1]).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5} {3}1m {11}8Mi {13}$/);
    const list = c.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods', query: { labelSelector: 'app=web' } });
    expect(list.body.kind).toBe('PodMetricsList');
    const pm = list.body.items[0];
    expect(pm).toMatchObject({ kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', window: '15s', timestamp: '2026-01-01T00:00:30Z' });
    expect(pm.metadata.labels.app).toBe('web');
    expect(pm.containers).toEqual([{ name: 'nginx', usage: { cpu: '1m', memory: '8Mi' } }]);
  });

  it('prints node usage with percentages of allocatable, following the load', () => {
    const c = createCluster();
    apply(c, web(1));
    c.advance(31_000);
    const idle = sh(c, 'kubectl top nodes');
    expect(idle.split('\n')[0]).toBe('NAME            CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    expect(idle).toMatch(/^worker-\d +\d+m +\d+% +\d+Mi +\d+% +$/m);
    const node = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body.items[0].spec.nodeName;
    const cpuOf = (text: string) => Number(new RegExp(`^${node} +(\\d+)m`, 'm').exec(text)![1]);
    sh(c, 'kubeplay load web 400');
    c.advance(30_000);
    const busy = sh(c, `kubectl top node ${node}`);
    expect(cpuOf(busy) - cpuOf(idle)).toBe(400);
    // 4 allocatable CPUs: 400m more is 10% more.
    expect(busy).toMatch(new RegExp(`^${node} +\\d+m +1\\d%`, 'm'));
    expect(sh(c, `kubectl top node ${node} --no-headers`)).not.toContain('NAME');
  });

  it('lists containers, namespaces, selections and sorts as kubectl top pod does', () => {
    const c = createCluster();
    apply(c, web(2));
    c.advance(31_000);
    const containers = sh(c, 'kubectl top pods --containers -l app=web').split('\n');
    expect(containers[0]).toBe('POD                    NAME    CPU(cores)   MEMORY(bytes)   ');
    expect(containers[1]).toMatch(/^web-\S+ {3}nginx {3}1m {11}8Mi {13}$/);
    const all = sh(c, 'kubectl top pods -A --sort-by=memory').split('\n');
    expect(all[0]).toMatch(/^NAMESPACE {5}NAME +CPU\(cores\) {3}MEMORY\(bytes\) {3}$/);
    expect(all[1]).toMatch(/^kube-system {3}kube-apiserver-control-plane +45m +250Mi +$/);
    const sum = sh(c, 'kubectl top pods -l app=web --sum').split('\n');
    expect(sum[3]).toBe('                       ________     ________        ');
    expect(sum[4]).toBe('                       2m           16Mi            ');
    expect(topPods(c, '-n kube-system --sort-by=cpu')[0][0]).toBe('kube-apiserver-control-plane');
  });

  it('explains missing metrics as kubectl does', () => {
    const c = createCluster();
    apply(c, pendingPod);
    c.advance(31_000);
    const one = c.kubectl('kubectl top pod big');
    expect(one.stderr).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "default/big" not found\n');
    expect(c.kubectl('kubectl top pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(c.kubectl('kubectl top pod -l app=big').stderr).toBe('error: metrics not available yet\n');
    c.advance(120_000);
    expect(c.kubectl('kubectl top pod -l app=big').stderr).toBe('error: Metrics not available for pod default/big, age: 2m31s\n');
    const none = c.kubectl('kubectl top pod -l app=none');
    expect(none).toMatchObject({ exitCode: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(c.kubectl('kubectl top pod -A -l app=none').stderr).toBe('No resources found\n');
    expect(c.kubectl('kubectl top node nope').stderr).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });

  it('serves metrics.k8s.io read-only, discoverable, with a table', () => {
    const c = createCluster();
    apply(c, web(1));
    c.advance(31_000);
    expect(sh(c, 'kubectl api-resources --api-group=metrics.k8s.io')).toBe(
      'NAME    SHORTNAMES   APIVERSION               NAMESPACED   KIND\n' +
        'nodes                metrics.k8s.io/v1beta1   false        NodeMetrics\n' +
        'pods                 metrics.k8s.io/v1beta1   true         PodMetrics\n',
    );
    expect(sh(c, 'kubectl get podmetrics')).toMatch(/^NAME +CPU +MEMORY +WINDOW\nweb-\S+ +1m +8Mi +15s\n$/);
    const nm = JSON.parse(sh(c, 'kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes/worker-1'));
    expect(nm).toMatchObject({ kind: 'NodeMetrics', window: '15s', metadata: { name: 'worker-1' } });
    expect(Object.keys(nm.usage)).toEqual(['cpu', 'memory']);
    const del = c.request({ method: 'DELETE', path: '/apis/metrics.k8s.io/v1beta1/nodes/worker-1' });
    expect(del.status).toBe(405);
    // `kubectl get pods` still means core pods.
    expect(sh(c, 'kubectl get pods')).toMatch(/^NAME +READY +STATUS/);
  });

  it('loses a failed machine and its pods from the metrics', () => {
    const c = createCluster();
    apply(c, web(3));
    c.advance(31_000);
    expect(topPods(c)).toHaveLength(3);
    const pod = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body.items[0];
    sh(c, `kubeplay node fail ${pod.spec.nodeName}`);
    c.advance(30_000);
    expect(topPods(c).map((r) => r[0])).not.toContain(pod.metadata.name);
    expect(sh(c, 'kubectl top nodes')).toMatch(new RegExp(`^${pod.spec.nodeName} +<unknown> +<unknown> +<unknown> +<unknown> +$`, 'm'));
  });

  it('prints kubectl\'s usage errors', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl top pod a b').stderr).toBe("error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n");
    expect(c.kubectl('kubectl top node --sort-by=x').stderr).toBe('error: --sort-by accepts only cpu or memory\n');
    expect(c.kubectl('kubectl top node a -l x=y').stderr).toBe('error: only one of NAME or --selector can be provided\n');
    expect(c.kubectl('kubectl top foo').stderr).toBe('Error: unknown command "foo"\nSee \'kubectl top -h\' for help and examples\n');
    const bare = c.kubectl('kubectl top');
    expect(bare.exitCode).toBe(1);
    expect(bare.stderr).toContain('Available Commands:\n  node          Display resource (CPU/memory) usage of nodes\n');
  });
});
