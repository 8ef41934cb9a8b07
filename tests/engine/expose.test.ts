/**
 * kubectl expose. Expected texts were produced by the real kubectl v1.32 talking to this simulator's API server
 * (objects created from the same manifests), compared byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';

const MULTI_PORT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: mp
  labels: {app: mp, tier: be}
spec:
  containers:
  - name: a
    image: nginx
    ports:
    - containerPort: 80
    - containerPort: 53
      protocol: UDP
    - containerPort: 53
      protocol: TCP
  - name: b
    image: nginx
    ports:
    - containerPort: 9000
      name: metrics
`;

function setup(): Cluster {
  const c = createCluster({ seed: 3 });
  c.kubectl('kubectl create deployment web --image=nginx --port=80');
  c.kubectl('kubectl create deployment np --image=nginx');
  c.kubectl('kubectl create -f -', MULTI_PORT_POD);
  return c;
}

const serviceYaml = (name: string, labels: string, spec: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n${labels}  name: ${name}\nspec:\n${spec}status:\n  loadBalancer: {}\n`;

describe('kubectl expose builds the Service as kubectl does', () => {
  it('takes selector, port and labels from a Deployment', () => {
    const c = setup();
    expect(c.kubectl('kubectl expose deployment web --dry-run=client -o yaml').stdout).toBe(
      serviceYaml('web', '    app: web\n', '  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\n'),
    );
    expect(c.kubectl('kubectl expose deployment web --port=8080 --target-port=80 --type=NodePort --name=web2 --dry-run=client -o yaml').stdout).toBe(
      serviceYaml('web2', '    app: web\n', '  ports:\n  - port: 8080\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\n  type: NodePort\n'),
    );
  });

  it('prints -o json in the Service struct order with every optional field', () => {
    const c = setup();
    const r = c.kubectl(
      'kubectl expose deploy web --type=LoadBalancer --load-balancer-ip=1.2.3.4 --external-ip=5.6.7.8 --session-affinity=ClientIP --cluster-ip=10.96.5.5 --name=w3 -n default --dry-run=client -o json',
    );
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'w3', namespace: 'default', creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }],
        selector: { app: 'web' },
        clusterIP: '10.96.5.5',
        type: 'LoadBalancer',
        externalIPs: ['5.6.7.8'],
        sessionAffinity: 'ClientIP',
        loadBalancerIP: '1.2.3.4',
      },
      status: { loadBalancer: {} },
    });
    expect(r.stdout.split('\n').slice(0, 4)).toEqual(['{', '    "kind": "Service",', '    "apiVersion": "v1",', '    "metadata": {']);
  });

  it('names several ports port-N, and splits a port with two protocols', () => {
    const c = setup();
    const ports = (cmd: string) => JSON.parse(c.kubectl(`${cmd} --dry-run=client -o json`).stdout).spec.ports;
    expect(ports('kubectl expose pod mp')).toEqual([
      { name: 'port-1', protocol: 'TCP', port: 80, targetPort: 80 },
      { name: 'port-2-udp', protocol: 'UDP', port: 53, targetPort: 53 },
      { name: 'port-2-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
      { name: 'port-3', protocol: 'TCP', port: 9000, targetPort: 9000 },
    ]);
    expect(ports('kubectl expose pod mp --protocol=SCTP').map((p: any) => `${p.name}/${p.protocol}`)).toEqual(['port-1/SCTP', 'port-2/SCTP', 'port-3/SCTP']);
    expect(ports('kubectl expose pod mp --port=53').map((p: any) => p.name)).toEqual(['port-1-udp', 'port-1-tcp']);
    expect(ports('kubectl expose pod mp --port=7777')).toEqual([{ protocol: 'TCP', port: 7777, targetPort: 7777 }]);
    expect(ports('kubectl expose deploy np --port 80 --target-port=http --protocol=UDP')).toEqual([{ protocol: 'UDP', port: 80, targetPort: 'http' }]);
    const custom = JSON.parse(c.kubectl('kubectl expose pod/mp --name=x --selector=a=b,c=d -l z=1 --dry-run=client -o json').stdout);
    expect(custom.metadata.labels).toEqual({ z: '1' });
    expect(custom.spec.selector).toEqual({ a: 'b', c: 'd' });
  });

  it('creates the Service; it gets a ClusterIP and endpoints from the pods', () => {
    const c = setup();
    expect(c.kubectl('kubectl expose deployment web').stdout).toBe('service/web exposed\n');
    c.advance(30_000);
    const svc = JSON.parse(c.kubectl('kubectl get svc web -o json').stdout);
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'web' } });
    expect(svc.spec.clusterIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(c.kubectl('kubectl get endpoints web --no-headers').stdout).toMatch(/^web\s+10\.244\.\d+\.\d+:80\s/);
    expect(c.kubectl('kubectl expose svc web --name=web-copy --dry-run=client -o yaml').stdout).toBe(
      serviceYaml('web-copy', '    app: web\n', '  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\n'),
    );
    expect(c.kubectl('kubectl expose deploy web --dry-run=server').stderr).toBe('Error from server (AlreadyExists): services "web" already exists\n');
    expect(c.kubectl('kubectl expose deploy web --name w4 -o name').stdout).toBe('service/w4\n');
    expect(c.kubectl('kubectl expose deploy web --name w8 --port 81 --dry-run=server').stdout).toBe('service/w8 exposed (server dry run)\n');
  });

  it('headless needs no port; overrides apply to the generated object', () => {
    const c = setup();
    expect(c.kubectl('kubectl expose deploy np --cluster-ip=None --dry-run=client -o yaml').stdout).toBe(
      serviceYaml('np', '    app: np\n', '  clusterIP: None\n  selector:\n    app: np\n'),
    );
    const merged = c.kubectl(`kubectl expose deploy web --name=w6 --overrides='{"spec":{"type":"NodePort"}}' --dry-run=client -o yaml`);
    expect(merged.stdout).toContain('  type: NodePort\n');
    const patched = c.kubectl(
      `kubectl expose deploy web --name=w7 --overrides='[{"op":"add","path":"/spec/type","value":"NodePort"}]' --override-type=json --dry-run=client -o yaml`,
    );
    expect(patched.stdout).toContain('  type: NodePort\n');
  });
});

describe('kubectl expose errors', () => {
  it('prints the real messages', () => {
    const c = setup();
    const err = (cmd: string) => c.kubectl(cmd).stderr;
    expect(err('kubectl expose deploy np')).toBe("error: couldn't find port via --port flag or introspection\n");
    expect(err('kubectl expose deploy nope')).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(err('kubectl expose cm kube-root-ca.crt')).toBe('error: cannot expose a ConfigMap\n');
    expect(err('kubectl expose ns default')).toBe('error: cannot expose a Namespace\n');
    c.kubectl('kubectl create -f -', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n      - name: db\n        image: redis\n');
    expect(err('kubectl expose sts db --port=6379')).toBe('error: cannot expose a StatefulSet.apps\n');
    expect(err('kubectl expose deploy')).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(err('kubectl expose')).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
    expect(err('kubectl expose deploy np --session-affinity=x --port 80')).toBe('error: unknown session affinity: x\n');
    expect(err('kubectl expose deploy np --port=abc')).toBe('error: strconv.Atoi: parsing "abc": invalid syntax\n');
    expect(err('kubectl expose deploy np --port=80 --selector=foo')).toBe('error: unexpected label spec: foo\n');
    expect(err('kubectl expose deploy np --port=80 --labels=a')).toBe('error: unexpected label spec: a\n');
    expect(err('kubectl expose deploy np --port 80 --type=Bogus')).toBe(
      'The Service "np" is invalid: spec.type: Unsupported value: "Bogus": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n',
    );
  });

  it('reports a pod without labels and a Service without selector', () => {
    const c = setup();
    c.kubectl('kubectl create -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\nspec:\n  containers:\n  - name: a\n    image: nginx\n');
    c.kubectl('kubectl create -f -', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: manual\nspec:\n  ports:\n  - port: 80\n');
    expect(c.kubectl('kubectl expose pod bare --port=80').stderr).toBe(
      "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n",
    );
    expect(c.kubectl('kubectl expose svc manual --name=m2').stderr).toBe(
      "error: couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set\n",
    );
  });

  it('goes on after a failing object and reports the errors at the end, in order', () => {
    const c = setup();
    const r = c.kubectl('kubectl expose deploy np nope web --name=zz --dry-run=client -o name');
    expect(r.stdout).toBe('service/zz\n');
    expect(r.stderr).toBe(`couldn't find port via --port flag or introspection\nError from server (NotFound): deployments.apps "nope" not found\n`);
    expect(r.exitCode).toBe(1);
    // What the first object filled in (port, selector) carries over to the next, as in kubectl.
    expect(c.kubectl('kubectl expose deploy web np --name=zz3 --dry-run=client -o name').stdout).toBe('service/zz3\nservice/zz3\n');
  });
});

describe('kubectl expose -f', () => {
  it('exposes the object as written in the file, without reading it from the server', () => {
    const c = createCluster({ seed: 3 });
    const manifest = c.kubectl('kubectl create deployment fileonly --image=nginx --port=8080 --dry-run=client -o yaml').stdout;
    expect(c.kubectl('kubectl expose -f - --dry-run=client -o yaml', manifest).stdout).toBe(
      serviceYaml('fileonly', '    app: fileonly\n', '  ports:\n  - port: 8080\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: fileonly\n'),
    );
    expect(c.kubectl('kubectl expose -f -', manifest).stdout).toBe('service/fileonly exposed\n');
    expect(c.kubectl('kubectl get svc fileonly --no-headers').stdout).toMatch(/^fileonly\s+ClusterIP\s+10\.\S+\s+<none>\s+8080\/TCP\s/);
  });
});
