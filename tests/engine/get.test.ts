import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

function cluster() {
  const c = createCluster();
  const cm = (name: string, labels?: Record<string, string>, ns = 'default') =>
    c.request({
      method: 'POST',
      path: `/api/v1/namespaces/${ns}/configmaps`,
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(labels ? { labels } : {}) }, data: { a: '1' } },
    });
  cm('web', { app: 'web', tier: 'front' });
  c.advance(30_000);
  cm('api', { app: 'api' });
  c.advance(60_000);
  return c;
}

describe('kubectl get: tables', () => {
  it('prints the server table with upper-case headers and 3-space tabwriter padding', () => {
    const c = cluster();
    const r = c.kubectl('kubectl get configmaps');
    expect(r.stdout).toBe(
      'NAME               DATA   AGE\n' + 'api                1      60s\n' + 'kube-root-ca.crt   1      90s\n' + 'web                1      90s\n',
    );
    expect(r.exitCode).toBe(0);
  });

  it('adds NAMESPACE with -A, LABELS with --show-labels and label columns with -L', () => {
    const c = cluster();
    const all = c.kubectl('get cm -A --no-headers').stdout.split('\n');
    expect(all[0]).toMatch(/^default\s+api\s+1\s+60s$/);
    expect(all).toContainEqual(expect.stringMatching(/^kube-system\s+kube-root-ca\.crt\s+1\s+90s$/));
    expect(c.kubectl('get cm web api --show-labels').stdout).toBe(
      'NAME   DATA   AGE   LABELS\nweb    1      90s   app=web,tier=front\napi    1      60s   app=api\n',
    );
    expect(c.kubectl('get cm -l app -L app,example.com/tier').stdout).toBe(
      'NAME   DATA   AGE   APP   TIER\napi    1      60s   api   \nweb    1      90s   web   \n',
    );
  });

  it('reports each missing name and still prints the others', () => {
    const c = cluster();
    const r = c.kubectl('get cm web nope');
    expect(r.stdout).toBe('NAME   DATA   AGE\nweb    1      90s\n');
    expect(r.stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    expect(r.exitCode).toBe(1);
    expect(c.kubectl('get cm nope --ignore-not-found')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('says no resources were found on stderr', () => {
    const c = cluster();
    expect(c.kubectl('get pods')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(c.kubectl('get pods -n kube-public').stderr).toBe('No resources found in kube-public namespace.\n');
    expect(c.kubectl('get cm -l app=none -A').stderr).toBe('No resources found\n');
  });

  it('prints one table per type with kind-prefixed names, like kubectl get all', () => {
    const c = cluster();
    const out = c.kubectl('get cm,ns -l app=web').stdout;
    expect(out).toBe('NAME            DATA   AGE\nconfigmap/web   1      90s\n');
    const both = c.kubectl('get configmap/web namespace/default').stdout;
    expect(both).toBe('NAME            DATA   AGE\nconfigmap/web   1      90s\n\nNAME                STATUS   AGE\nnamespace/default   Active   90s\n');
    expect(c.kubectl('get all').stdout).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP.*\nservice\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s/);
  });

  it('sorts with --sort-by, names as strings and quantities by value', () => {
    const c = cluster();
    const names = c.kubectl('get cm --sort-by=.metadata.name -o name').stdout;
    expect(names).toBe('configmap/api\nconfigmap/kube-root-ca.crt\nconfigmap/web\n');
    const byTime = c.kubectl('get cm --sort-by=.metadata.creationTimestamp --no-headers').stdout.split('\n');
    expect(byTime[byTime.length - 2]).toMatch(/^api\s/);
    const missing = c.kubectl('get cm --sort-by=.spec.nothing');
    expect(missing.stderr).toBe('error: couldn\'t find any field with path "{.spec.nothing}" in the list of objects\n');
  });

  it('rejects an unknown output format with the real list of formats', () => {
    const r = cluster().kubectl('get cm -o foo');
    expect(r.stderr).toBe(
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: ' +
        'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
  });

  it('asks for a resource type when none is given', () => {
    const r = cluster().kubectl('get');
    expect(r.stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples\n",
    );
  });

  it('watch prints the current state once (our kubectl does not stream)', () => {
    const c = cluster();
    expect(c.kubectl('get cm web -w')).toMatchObject({ stdout: 'NAME   DATA   AGE\nweb    1      90s\n', exitCode: 0 });
    expect(c.kubectl('get cm,ns -w').stderr).toBe(
      'error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n',
    );
  });
});

describe('kubectl get: object output', () => {
  it('prints one object as itself and several as a List, in kubectl YAML', () => {
    const c = cluster();
    const one = c.kubectl('get cm web -o yaml').stdout;
    expect(one).toMatch(/^apiVersion: v1\ndata:\n {2}a: "1"\nkind: ConfigMap\nmetadata:\n {2}creationTimestamp: "2026-01-01T00:00:00Z"\n/);
    const list = c.kubectl('get cm -l app=web -o yaml').stdout;
    expect(list).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}data:\n/);
    expect(list).toMatch(/\nkind: List\nmetadata:\n {2}resourceVersion: ""\n$/);
    expect(c.kubectl('get cm -l app=none -o yaml').stdout).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    const json = JSON.parse(c.kubectl('get cm web api -o json').stdout);
    expect(json.kind).toBe('List');
    expect(json.items.map((i: any) => i.metadata.name)).toEqual(['web', 'api']);
    expect(c.kubectl('get cm web -o json').stdout).toMatch(/^{\n {4}"apiVersion": "v1",\n {4}"data": {\n {8}"a": "1"\n/);
  });

  it('prints names, custom columns, jsonpath and go templates', () => {
    const c = cluster();
    expect(c.kubectl('get cm -l app -o name').stdout).toBe('configmap/api\nconfigmap/web\n');
    expect(c.kubectl('get cm -l app -o custom-columns=NAME:.metadata.name,APP:.metadata.labels.app,X:.spec.x').stdout).toBe(
      'NAME   APP   X\napi    api   <none>\nweb    web   <none>\n',
    );
    expect(c.kubectl("get cm -l app -o jsonpath='{.items[*].metadata.name}'").stdout).toBe('api web');
    expect(c.kubectl(`get cm web -o go-template='{{.metadata.name}}:{{range $k, $v := .metadata.labels}} {{$k}}={{$v}}{{end}}'`).stdout).toBe(
      'web: app=web tier=front',
    );
    expect(c.kubectl(`get cm web --template='{{.metadata.missing}}'`).stdout).toBe('<no value>');
  });

  it('fails a single missing object without printing a List', () => {
    const r = cluster().kubectl('get cm nope -o yaml');
    expect(r).toMatchObject({ stdout: '', stderr: 'Error from server (NotFound): configmaps "nope" not found\n', exitCode: 1 });
  });

  it('uses the namespace set with kubectl config set-context', () => {
    const c = cluster();
    expect(c.kubectl('config set-context --current --namespace=kube-system').stdout).toBe('Context "kubeplay" modified.\n');
    expect(c.kubectl('get cm -o name').stdout).toBe('configmap/coredns\nconfigmap/kube-proxy\nconfigmap/kube-root-ca.crt\n');
    expect(c.kubectl('get pods -o name').stdout).toContain('pod/etcd-control-plane\n');
  });
});
