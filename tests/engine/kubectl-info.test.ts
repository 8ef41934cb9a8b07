import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

describe('kubectl informational commands', () => {
  it('version prints client, kustomize and server versions', () => {
    const c = createCluster();
    expect(c.kubectl('version').stdout).toBe('Client Version: v1.33.4\nKustomize Version: v5.6.0\nServer Version: v1.33.4\n');
    expect(c.kubectl('version --client').stdout).toBe('Client Version: v1.33.4\nKustomize Version: v5.6.0\n');
    const y = c.kubectl('version --client -o yaml').stdout;
    expect(y).toMatch(/^clientVersion:\n {2}buildDate: "[^"]+"\n {2}compiler: gc\n/);
    expect(y).toMatch(/\nkustomizeVersion: v5\.6\.0\n\n$/);
    expect(JSON.parse(c.kubectl('version -o json').stdout).serverVersion.gitVersion).toBe('v1.33.4');
    expect(c.kubectl('version -o foo').stderr).toBe("error: --output must be 'yaml' or 'json'\n");
  });

  it('api-resources lists preferred resources sorted by group, then name', () => {
    const c = createCluster();
    const lines = c.kubectl('api-resources').stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(lines[1]).toMatch(/^bindings|^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/);
    expect(lines).toContainEqual(expect.stringMatching(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/));
    expect(lines.findIndex((l) => l.startsWith('services'))).toBeLessThan(lines.findIndex((l) => l.startsWith('daemonsets')));
    const cluster = c.kubectl('api-resources --namespaced=false -o name').stdout.split('\n');
    expect(cluster).toContain('nodes');
    expect(cluster).not.toContain('pods');
    expect(c.kubectl('api-resources --api-group=apps -o name').stdout).toBe('controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n');
    expect(c.kubectl('api-resources -o wide').stdout).toMatch(/\npods\s+po\s+v1\s+true\s+Pod\s+create,delete,deletecollection,get,list,patch,update,watch\s+all\n/);
  });

  it('api-versions prints sorted group versions', () => {
    const out = createCluster().kubectl('api-versions').stdout.split('\n');
    expect(out).toContain('apps/v1');
    expect(out[out.length - 2]).toBe('v1');
  });

  it('cluster-info prints the control plane and cluster services', () => {
    const c = createCluster();
    const svc = c.request({ method: 'GET', path: '/api/v1/namespaces/kube-system/services/kube-dns' });
    if (svc.status === 404) {
      c.request({
        method: 'POST',
        path: '/api/v1/namespaces/kube-system/services',
        body: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'kube-dns', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } },
          spec: { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] },
        },
      });
    }
    expect(c.kubectl('cluster-info').stdout).toBe(
      'Kubernetes control plane is running at https://127.0.0.1:6443\n' +
        'CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\n' +
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
  });

  it('config shows the fixed kubeconfig with certificates omitted', () => {
    const c = createCluster();
    expect(c.kubectl('config view').stdout).toBe(
      'apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: https://127.0.0.1:6443\n  name: kubeplay\n' +
        'contexts:\n- context:\n    cluster: kubeplay\n    user: kubeplay-admin\n  name: kubeplay\ncurrent-context: kubeplay\nkind: Config\n' +
        'preferences: {}\nusers:\n- name: kubeplay-admin\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n',
    );
    expect(c.kubectl('config current-context').stdout).toBe('kubeplay\n');
    expect(c.kubectl('config use-context kubeplay').stdout).toBe('Switched to context "kubeplay".\n');
    expect(c.kubectl('config use-context nope').stderr).toBe('error: no context exists with the name: "nope"\n');
    expect(c.kubectl('config get-contexts').stdout).toBe(
      'CURRENT   NAME       CLUSTER    AUTHINFO         NAMESPACE\n*         kubeplay   kubeplay   kubeplay-admin   \n',
    );
  });

  it('config set-context --current --namespace changes the default namespace', () => {
    const c = createCluster();
    c.kubectl('config set-context --current --namespace=shop');
    expect(c.kubectl('config get-contexts').stdout).toMatch(/kubeplay-admin {3}shop\n$/);
    expect(c.kubectl("config view --minify -o jsonpath='{..namespace}'").stdout).toBe('shop');
    expect(c.kubectl('config view -o json').stdout).toMatch(/"context": {\n {16}"cluster": "kubeplay",\n {16}"user": "kubeplay-admin",\n {16}"namespace": "shop"\n/);
    expect(c.kubectl('get pods').stderr).toBe('No resources found in shop namespace.\n');
  });
});
