/** Tab completion in the console, against the engine's own discovery documents and a mirror of objects. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { COMMANDS } from '../../src/engine/kubectl/commands';
import { complete, type CompletionData } from '../../src/ui/console/complete';
import { KUBECTL_VERBS } from '../../src/ui/console/kubectl-words';
import { loadResourceTypes, type ResourceType } from '../../src/ui/console/resource-types';
import { mirrorNames } from '../../src/ui/console/use-completion-data';

let resources: ResourceType[];

const byKind = {
  Pod: {
    'default/web-7d4b9c-abcde': {},
    'default/web-7d4b9c-fghij': {},
    'default/db-0': {},
    'kube-system/coredns-5d78c9869d-x1': {},
  },
  Deployment: { 'default/web': {}, 'kube-system/coredns': {} },
  Node: { '/control-plane': {}, '/worker-1': {}, '/worker-2': {}, '/worker-3': {} },
  Namespace: { '/default': {}, '/kube-system': {}, '/kube-public': {}, '/kube-node-lease': {} },
} as any;

const data = (): CompletionData => ({ resources, names: (kind, ns) => mirrorNames(byKind, kind, ns) });
const tab = (line: string) => complete(line, data());

beforeAll(async () => {
  const cluster = createCluster({ seed: 1 });
  resources = await loadResourceTypes(async (req) => cluster.request(req));
});

describe('console completion', () => {
  it('knows every verb the engine implements, and nothing it does not', () => {
    const engine = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]).sort();
    expect([...KUBECTL_VERBS].sort()).toEqual(engine);
  });

  it('completes the first word and kubectl verbs', () => {
    expect(tab('kub').candidates).toEqual(['kubectl', 'kubeplay']);
    expect(tab('kub').text).toBe('kube');
    expect(tab('kubect').text).toBe('kubectl ');
    expect(tab('kubectl ro').text).toBe('kubectl rollout ');
    expect(tab('kubectl de').candidates).toEqual(['delete', 'describe']);
    expect(tab('kubectl de').text).toBe('kubectl de');
  });

  it('turns short names and singulars into the plural resource name, as kubectl knows them', () => {
    expect(tab('kubectl get po').text).toBe('kubectl get pods ');
    expect(tab('kubectl get deploy').text).toBe('kubectl get deployments ');
    expect(tab('kubectl get svc').text).toBe('kubectl get services ');
    expect(tab('kubectl describe no').text).toBe('kubectl describe nodes ');
    expect(tab('kubectl get pod').text).toBe('kubectl get pods ');
    expect(tab('kubectl delete rs').text).toBe('kubectl delete replicasets ');
    expect(tab('kubectl get deployme').text).toBe('kubectl get deployments ');
  });

  it('lists several resource types like a shell and completes their common prefix', () => {
    const c = tab('kubectl get pers');
    expect(c.candidates).toEqual(['persistentvolumeclaims', 'persistentvolumes']);
    expect(c.text).toBe('kubectl get persistentvolume');
  });

  it('completes object names in the namespace of -n, default otherwise', () => {
    expect(tab('kubectl get pods web').text).toBe('kubectl get pods web-7d4b9c-');
    expect(tab('kubectl get pods web').candidates).toEqual(['web-7d4b9c-abcde', 'web-7d4b9c-fghij']);
    expect(tab('kubectl get pods -n kube-system co').text).toBe('kubectl get pods -n kube-system coredns-5d78c9869d-x1 ');
    expect(tab('kubectl --namespace=kube-system describe deploy co').text).toBe('kubectl --namespace=kube-system describe deploy coredns ');
    expect(tab('kubectl get pods co').candidates).toEqual([]);
    expect(tab('kubectl get pods co').text).toBe('kubectl get pods co');
    expect(tab('kubectl delete pods web-7d4b9c-abcde web').text).toBe('kubectl delete pods web-7d4b9c-abcde web-7d4b9c-fghij ');
    expect(complete('kubectl get pods co', { ...data(), namespace: 'kube-system' }).text).toBe('kubectl get pods coredns-5d78c9869d-x1 ');
    expect(tab('kubectl get pods -A co').text).toBe('kubectl get pods -A coredns-5d78c9869d-x1 ');
  });

  it('completes TYPE/NAME, nodes for node verbs, and pods for logs', () => {
    expect(tab('kubectl get deployment/w').text).toBe('kubectl get deployment/web ');
    expect(tab('kubectl rollout status deploy').text).toBe('kubectl rollout status deployments/');
    expect(tab('kubectl rollout status deployments/').text).toBe('kubectl rollout status deployments/web ');
    expect(tab('kubectl cordon worker-').candidates).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(tab('kubectl drain worker-2').text).toBe('kubectl drain worker-2 ');
    expect(tab('kubectl logs -f d').text).toBe('kubectl logs -f db-0 ');
    expect(tab('kubectl taint no').text).toBe('kubectl taint nodes ');
  });

  it('completes flags of the verb, namespaces and flag values', () => {
    expect(tab('kubectl get pods --all-n').text).toBe('kubectl get pods --all-namespaces ');
    expect(tab('kubectl get pods -n kube-').candidates).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
    expect(tab('kubectl get pods --namespace=kube-s').text).toBe('kubectl get pods --namespace=kube-system ');
    expect(tab('kubectl get pods -o ya').text).toBe('kubectl get pods -o yaml ');
    expect(tab('kubectl apply --dry-run=c').text).toBe('kubectl apply --dry-run=client ');
    expect(tab('kubectl create dep').text).toBe('kubectl create deployment ');
    expect(tab('kubectl create secret g').text).toBe('kubectl create secret generic ');
  });

  it('completes kubeplay actions and their targets', () => {
    expect(tab('kubeplay ').candidates).toEqual(['curl', 'iptables', 'load', 'node', 'pod', 'scenario']);
    expect(tab('kubeplay scenario ').candidates).toEqual(['apply', 'list', 'show']);
    expect(tab('kubeplay iptables worker-').candidates).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(tab('kubeplay node ').candidates).toEqual(['add', 'fail', 'recover']);
    expect(tab('kubeplay node fail worker-3').text).toBe('kubeplay node fail worker-3 ');
    expect(tab('kubeplay pod crash d').text).toBe('kubeplay pod crash db-0 ');
    expect(tab('kubeplay pod crash -n kube-system c').text).toBe('kubeplay pod crash -n kube-system coredns-5d78c9869d-x1 ');
    expect(tab('kubeplay node add big --m').text).toBe('kubeplay node add big --memory ');
  });

  it('completes only the last line of a multi-line input', () => {
    expect(tab('kubectl apply -f - <<EOF\nkind: Pod\nEOF\nkubectl get po').text).toBe('kubectl apply -f - <<EOF\nkind: Pod\nEOF\nkubectl get pods ');
  });
});
