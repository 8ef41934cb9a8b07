import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

// Expected texts come from the real kubectl v1.33 (`--dry-run=client`), compared byte for byte.
describe('kubectl create generators', () => {
  it('create deployment -o yaml matches real kubectl', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl create deployment web --image=nginx --replicas=3 --port=80 --dry-run=client -o yaml -- sleep 10');
    expect(r.stdout).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - command:
        - sleep
        - "10"
        image: nginx
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
`);
  });

  it('create namespace -o json keeps Go field order', () => {
    const r = createCluster().kubectl('kubectl create namespace shop -o json --dry-run=client');
    expect(r.stdout).toBe(`{
    "kind": "Namespace",
    "apiVersion": "v1",
    "metadata": {
        "name": "shop",
        "creationTimestamp": null
    },
    "spec": {},
    "status": {}
}
`);
  });

  it('create service nodeport and clusterip build the ports kubectl builds', () => {
    const c = createCluster();
    const np = JSON.parse(c.kubectl('kubectl create service nodeport web --tcp=80:http --node-port=30080 --dry-run=client -o json').stdout);
    expect(np.spec).toEqual({
      ports: [{ name: '80-http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }],
      selector: { app: 'web' },
      type: 'NodePort',
    });
    expect(c.kubectl('kubectl create service clusterip web --clusterip=None --dry-run=client -o yaml').stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  type: ClusterIP
status:
  loadBalancer: {}
`);
    expect(c.kubectl('kubectl create service clusterip web').stderr).toBe('error: at least one tcp port specifier must be provided\n');
  });

  it('create configmap and secrets encode data as kubectl does', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl create configmap app --from-literal=a=1 --from-literal=b=x=y --dry-run=client -o yaml').stdout).toBe(`apiVersion: v1
data:
  a: "1"
  b: x=y
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: app
`);
    const dock = JSON.parse(c.kubectl('kubectl create secret docker-registry reg --docker-username=u --docker-password=p --docker-email=e@x --dry-run=client -o json').stdout);
    expect(dock.data['.dockerconfigjson']).toBe(
      'eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiZW1haWwiOiJlQHgiLCJhdXRoIjoiZFRwdyJ9fX0=',
    );
    expect(dock.type).toBe('kubernetes.io/dockerconfigjson');
    expect(c.kubectl('kubectl create secret generic s --from-literal=u=admin').stdout).toBe('secret/s created\n');
    expect(c.kubectl('kubectl create secret generic s2 --from-literal=a').stderr).toBe('error: invalid literal source a, expected key=value\n');
  });

  it('create --save-config stores the last-applied annotation kubectl writes', () => {
    const r = createCluster().kubectl('kubectl create configmap c --from-literal=x=1 -o yaml --dry-run=client --save-config');
    expect(r.stdout).toBe(`apiVersion: v1
data:
  x: "1"
kind: ConfigMap
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","creationTimestamp":null},"data":{"x":"1"}}
  creationTimestamp: null
  name: c
`);
  });

  it('create job, cronjob and ingress match real kubectl', () => {
    const c = createCluster();
    const job = JSON.parse(c.kubectl('kubectl create job pi --image=perl -n ns1 --dry-run=client -o json -- perl -e 1').stdout);
    expect(job.metadata).toEqual({ name: 'pi', namespace: 'ns1', creationTimestamp: null });
    expect(job.spec.template.spec).toEqual({
      containers: [{ name: 'pi', image: 'perl', command: ['perl', '-e', '1'], resources: {} }],
      restartPolicy: 'Never',
    });
    const cj = JSON.parse(c.kubectl('kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *" --dry-run=client -o json -- echo hi').stdout);
    expect(cj.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(c.kubectl('kubectl create cronjob c --image=x').stderr).toBe('error: required flag(s) "schedule" not set\n');
    const ing = JSON.parse(
      c.kubectl('kubectl create ingress web --class=nginx --rule="foo.com/=svc:80" --rule="foo.com/admin*=svc2:http,tls=sec" --rule="/x=s3:8080" --default-backend=def:80 --annotation a=b --dry-run=client -o json').stdout,
    );
    expect(ing.spec.tls).toEqual([{ hosts: ['foo.com'], secretName: 'sec' }]);
    expect(ing.spec.rules[0].http.paths.map((p: any) => [p.path, p.pathType])).toEqual([['/', 'Exact'], ['/admin', 'Prefix']]);
    expect(ing.spec.rules[1]).toEqual({ http: { paths: [{ path: '/x', pathType: 'Exact', backend: { service: { name: 's3', port: { number: 8080 } } } }] } });
  });

  it('creates on the server, with real messages for AlreadyExists', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl create deployment web --image=nginx').stdout).toBe('deployment.apps/web created\n');
    expect(c.kubectl('kubectl create deployment web --image=nginx').stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
    expect(c.kubectl('kubectl create namespace shop').stdout).toBe('namespace/shop created\n');
    expect(c.kubectl('kubectl create namespace shop').stderr).toBe('Error from server (AlreadyExists): namespaces "shop" already exists\n');
    expect(c.kubectl('kubectl create deployment web2 --image=nginx --dry-run=server').stdout).toBe('deployment.apps/web2 created (server dry run)\n');
    expect(c.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web2' }).status).toBe(404);
  });

  it('create -f reports AlreadyExists with the source', () => {
    const c = createCluster();
    const doc = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx}]\n';
    expect(c.kubectl('kubectl create -f -', doc).stdout).toBe('deployment.apps/web created\n');
    expect(c.kubectl('kubectl create -f -', doc).stderr).toBe(
      'Error from server (AlreadyExists): error when creating "STDIN": deployments.apps "web" already exists\n',
    );
    expect(c.kubectl('kubectl create').stderr).toBe('error: must specify one of -f and -k\n');
  });

  it('usage errors read as kubectl prints them', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl create deployment a b --image=x').stderr).toBe(
      "error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n",
    );
    expect(c.kubectl('kubectl create deployment web').stderr).toBe('error: required flag(s) "image" not set\n');
    expect(c.kubectl('kubectl create ns x --dry-run=foo').stderr).toBe('error: Invalid dry-run value (foo). Must be "none", "server", or "client".\n');
  });
});
