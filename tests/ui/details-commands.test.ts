// The commands the details panel runs: resolvable by kubectl, and the actions doing what their label says.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { editableManifest } from '../../src/ui/details/editable-manifest';
import { actionsFor, describeLine, isSimLine, resourceArg, scaleLine, yamlLine } from '../../src/ui/details/object-commands';

describe('details panel commands', () => {
  it('names a resource the way kubectl resolves it unambiguously', () => {
    expect(resourceArg('Pod', 'v1')).toBe('pod');
    expect(resourceArg('Deployment', 'apps/v1')).toBe('deployment.apps');
    expect(resourceArg('Ingress', 'networking.k8s.io/v1')).toBe('ingress.networking.k8s.io');
    expect(describeLine({ kind: 'Node', namespace: '', name: 'worker-1' }, 'v1')).toBe('kubectl describe node worker-1');
    expect(yamlLine({ kind: 'Deployment', namespace: 'default', name: 'web' }, 'apps/v1')).toBe('kubectl get deployment.apps web -n default -o yaml');
  });

  it('runs against the engine: describe, YAML, and each action', () => {
    const c = createCluster({ seed: 1, workers: 3 });
    c.advance(60_000);
    c.kubectl('kubectl create deployment web --image=nginx:1.27');
    c.advance(20_000);
    const dep = { kind: 'Deployment', namespace: 'default', name: 'web' };
    expect(c.kubectl(describeLine(dep, 'apps/v1')).stdout).toMatch(/^Name:\s+web\n/);
    expect(c.kubectl(yamlLine(dep, 'apps/v1')).stdout).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    expect(c.kubectl(scaleLine(dep, 3)).stdout).toBe('deployment.apps/web scaled\n');
    const restart = actionsFor(dep).find((a) => a.label === 'Restart')!;
    expect(c.kubectl(restart.line).stdout).toBe('deployment.apps/web restarted\n');

    const node = c.request({ method: 'GET', path: '/api/v1/nodes/worker-1' }).body;
    const cordon = actionsFor({ kind: 'Node', namespace: '', name: 'worker-1' }, node)[0];
    expect(cordon.label).toBe('Cordon');
    expect(c.kubectl(cordon.line).stdout).toBe('node/worker-1 cordoned\n');
    const cordoned = c.request({ method: 'GET', path: '/api/v1/nodes/worker-1' }).body;
    expect(actionsFor({ kind: 'Node', namespace: '', name: 'worker-1' }, cordoned)[0]).toEqual({ label: 'Uncordon', line: 'kubectl uncordon worker-1' });
    const fail = actionsFor({ kind: 'Node', namespace: '', name: 'worker-2' }).find((a) => a.label === 'Fail')!;
    expect(isSimLine(fail.line)).toBe(true);
    expect(c.sim(fail.line).stdout).toBe('node/worker-2 failed\n');

    c.advance(10_000);
    const pod = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body.items.find((p: { status: { phase: string } }) => p.status.phase === 'Running');
    const podSel = { kind: 'Pod', namespace: 'default', name: pod.metadata.name };
    const [del, crash] = actionsFor(podSel);
    expect(c.sim(crash.line)).toMatchObject({ exitCode: 0, stdout: `pod/${pod.metadata.name} crashed (container nginx exited with code 1)\n` });
    expect(c.kubectl(del.line).stdout).toBe(`pod "${pod.metadata.name}" deleted\n`);
  });

  it('opens a manifest in the editor that can be re-applied after the object changed', () => {
    const c = createCluster({ seed: 1, workers: 3 });
    c.advance(60_000);
    c.kubectl('kubectl apply -f -', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: nginx, image: "nginx:1.27"}]}\n');
    const text = editableManifest(c.kubectl('kubectl get deployment.apps web -n default -o yaml').stdout);
    expect(text).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n/);
    for (const gone of ['status:', 'resourceVersion', 'uid:', 'creationTimestamp: "', 'generation:', 'last-applied-configuration']) expect(text).not.toContain(gone);
    expect(text).toContain('deployment.kubernetes.io/revision: "1"');
    c.advance(20_000);
    const edited = text.replace('replicas: 1\n', 'replicas: 2\n');
    expect(c.kubectl('kubectl apply -f -', edited)).toEqual({ stdout: 'deployment.apps/web configured\n', stderr: '', exitCode: 0 });
    expect(editableManifest('not: [valid')).toBe('not: [valid');
  });
});
