// @vitest-environment happy-dom
// The details panel rendered against a real engine (behind a stand-in for the worker client) and a filled mirror.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import type { ApiRequest, KObject } from '../../src/engine/types';
import { useCluster, type ObjectsByKind } from '../../src/ui/state/cluster-store';
import { useUi } from '../../src/ui/state/ui-store';
import { useEditorBuffer } from '../../src/ui/editor/editor-buffer';

const calls: string[] = [];
let cluster: Cluster;

vi.mock('../../src/ui/engine', () => ({
  engine: () => ({
    kubectl: async (line: string, stdin?: string) => {
      calls.push(line);
      return cluster.kubectl(line, stdin);
    },
    sim: async (line: string) => {
      calls.push(line);
      return cluster.sim(line);
    },
    request: async (req: ApiRequest) => cluster.request(req),
  }),
}));

const { DetailsPanel } = await import('../../src/ui/details/DetailsPanel');

const LISTS: [string, string, string][] = [
  ['Pod', 'v1', '/api/v1/pods'],
  ['Node', 'v1', '/api/v1/nodes'],
  ['Deployment', 'apps/v1', '/apis/apps/v1/deployments'],
  ['Event', 'v1', '/api/v1/events'],
];

/** What the worker would have mirrored: the objects the panel reads. */
function mirror(): void {
  const byKind: ObjectsByKind = {};
  for (const [kind, apiVersion, path] of LISTS) {
    for (const item of cluster.request({ method: 'GET', path }).body.items as KObject[]) {
      (byKind[kind] ??= {})[`${item.metadata.namespace ?? ''}/${item.metadata.name}`] = { ...item, kind, apiVersion };
    }
  }
  useCluster.setState({ status: 'ready', byKind, clock: { time: cluster.now(), playing: false, speed: 1 } });
}

const hog = `apiVersion: v1
kind: Pod
metadata: {name: hog}
spec:
  containers: [{name: c, image: nginx, resources: {requests: {cpu: "100"}}}]
`;

beforeEach(() => {
  calls.length = 0;
  cluster = createCluster({ seed: 1, workers: 3 });
  cluster.advance(60_000);
  cluster.kubectl('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  cluster.kubectl('kubectl apply -f -', hog);
  cluster.advance(20_000);
  mirror();
  useUi.setState({ selected: undefined, sideTab: 'details' });
});

afterEach(cleanup);

function webPod(): KObject {
  return Object.values(useCluster.getState().byKind.Pod).find((p) => p.metadata.name?.startsWith('web-'))!;
}

describe('the details panel', () => {
  it('asks the user to pick an object when nothing is selected', () => {
    render(<DetailsPanel />);
    expect(screen.getByText('Click an object in the graph to see its details.')).toBeTruthy();
  });

  it('shows kubectl describe for the selected pod, and the scheduler choosing its node', async () => {
    const pod = webPod();
    act(() => useUi.getState().select({ kind: 'Pod', namespace: 'default', name: pod.metadata.name! }));
    render(<DetailsPanel />);
    const text = await screen.findByText(/^Name:\s+web-/);
    expect(text.textContent).toContain(`Node:             ${pod.spec.nodeName}/`);
    expect(calls).toContain(`kubectl describe pod ${pod.metadata.name} -n default`);

    fireEvent.click(screen.getByRole('tab', { name: 'Scheduling' }));
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('row', { name: `${pod.spec.nodeName} chosen` })).toBeTruthy();
    expect(within(table).getByRole('row', { name: 'control-plane rejected' }).textContent).toContain('TaintToleration');
    expect(screen.getByText(new RegExp(`^Scheduled on ${pod.spec.nodeName}`))).toBeTruthy();
  });

  it('explains why a pending pod fits no node', async () => {
    act(() => useUi.getState().select({ kind: 'Pod', namespace: 'default', name: 'hog' }));
    render(<DetailsPanel />);
    fireEvent.click(screen.getByRole('tab', { name: 'Scheduling' }));
    expect(await screen.findByText('Pending: no node fits this pod.')).toBeTruthy();
    expect(screen.getByText(/^0\/4 nodes are available: .*3 Insufficient cpu/)).toBeTruthy();
    for (const n of ['worker-1', 'worker-2', 'worker-3']) {
      expect(screen.getByRole('row', { name: `${n} rejected` }).textContent).toContain('Insufficient cpu');
    }
    fireEvent.click(screen.getByRole('tab', { name: 'Events' }));
    expect(screen.getByRole('table', { name: 'Events' }).textContent).toContain('FailedScheduling');
  });

  it('opens the YAML in the editor', async () => {
    act(() => useUi.getState().select({ kind: 'Deployment', namespace: 'default', name: 'web' }));
    render(<DetailsPanel />);
    fireEvent.click(screen.getByRole('tab', { name: 'YAML' }));
    await screen.findByText(/^apiVersion: apps\/v1/);
    expect(calls).toContain('kubectl get deployment.apps web -n default -o yaml');
    fireEvent.click(screen.getByRole('button', { name: 'Edit in editor' }));
    await waitFor(() => expect(useUi.getState().sideTab).toBe('editor'));
    expect(useEditorBuffer.getState().text).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    expect(useEditorBuffer.getState().text).not.toContain('resourceVersion');
  });

  it('scales a deployment and shows kubectl output', async () => {
    act(() => useUi.getState().select({ kind: 'Deployment', namespace: 'default', name: 'web' }));
    render(<DetailsPanel />);
    const input = screen.getByRole('spinbutton', { name: 'Replicas' }) as HTMLInputElement;
    expect(input.value).toBe('2');
    fireEvent.change(input, { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Scale' }));
    const out = await screen.findByRole('status');
    expect(out.textContent).toBe('$ kubectl scale deployment.apps/web --replicas=4 -n default\ndeployment.apps/web scaled');
  });

  it('refreshes the description when the object changes', async () => {
    act(() => useUi.getState().select({ kind: 'Deployment', namespace: 'default', name: 'web' }));
    render(<DetailsPanel />);
    expect((await screen.findByText(/^Name:\s+web\s+Namespace:/)).textContent).toContain('Replicas:               2 desired');
    cluster.kubectl('kubectl scale deployment web --replicas=3');
    cluster.advance(5_000);
    act(() => mirror());
    await waitFor(() => expect(screen.getByText(/^Name:\s+web\s+Namespace:/).textContent).toContain('Replicas:               3 desired'));
  });

  it('describes a node with its pods and cordons it', async () => {
    act(() => useUi.getState().select({ kind: 'Node', namespace: '', name: 'worker-1' }));
    render(<DetailsPanel />);
    const text = await screen.findByText(/^Name:\s+worker-1\s/);
    expect(text.textContent).toContain('Non-terminated Pods:');
    expect(text.textContent).toContain('kube-proxy-');
    expect(calls).toContain('kubectl describe node worker-1');
    fireEvent.click(screen.getByRole('button', { name: 'Cordon' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('$ kubectl cordon worker-1\nnode/worker-1 cordoned'));
    act(() => mirror());
    expect(screen.getByRole('button', { name: 'Uncordon' })).toBeTruthy();
    await waitFor(() => expect(screen.getByText(/^Name:\s+worker-1\s/).textContent).toContain('Unschedulable:      true'));
  });

  it('says when the selected object does not exist, with kubectl\'s answer', async () => {
    act(() => useUi.getState().select({ kind: 'Pod', namespace: 'default', name: 'nope' }));
    render(<DetailsPanel />);
    expect(screen.getByText('not found')).toBeTruthy();
    expect((await screen.findByText(/NotFound/)).textContent).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('says when the selected object is deleted and keeps its last description', async () => {
    const pod = webPod();
    act(() => useUi.getState().select({ kind: 'Pod', namespace: 'default', name: pod.metadata.name! }));
    render(<DetailsPanel />);
    await screen.findByText(/^Name:\s+web-/);
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain(`pod "${pod.metadata.name}" deleted`));
    cluster.advance(40_000);
    act(() => mirror());
    expect(await screen.findByText('deleted')).toBeTruthy();
    expect(screen.getByText(/^Name:\s+web-/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Crash a container' })).toHaveProperty('disabled', true);
  });
});
