import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createCluster } from '../../src/engine';
import * as kubectlOut from './strategies-core-fixtures';

type Cluster = ReturnType<typeof createCluster>;

const NS = '/api/v1/namespaces';
const paths: Record<string, string> = {
  Namespace: NS,
  Service: `${NS}/default/services`,
  ConfigMap: `${NS}/default/configmaps`,
  Secret: `${NS}/default/secrets`,
  ServiceAccount: `${NS}/default/serviceaccounts`,
  Ingress: '/apis/networking.k8s.io/v1/namespaces/default/ingresses',
};

const post = (c: Cluster, path: string, body: unknown) => c.request({ method: 'POST', path, body });
const create = (c: Cluster, yamlText: string) => {
  const obj = parse(yamlText);
  return post(c, paths[obj.kind], obj);
};
const mergePatch = (c: Cluster, path: string, body: unknown) =>
  c.request({ method: 'PATCH', path, body, contentType: 'application/merge-patch+json' });

const svc = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
const ipToInt = (ip: string) => ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);

const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('Namespace strategy', () => {
  it('creates kubectl create namespace output as Active with the kubernetes finalizer and name label', () => {
    const c = createCluster();
    const res = create(c, kubectlOut.namespace);
    expect(res.status).toBe(201);
    expect(res.body.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(res.body.status).toEqual({ phase: 'Active' });
    expect(res.body.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
    expect(res.body.metadata.generation).toBeUndefined();
  });

  it('keeps the metadata.name label equal to the name on update', () => {
    const c = createCluster();
    create(c, kubectlOut.namespace);
    const res = mergePatch(c, `${NS}/shop`, { metadata: { labels: { 'kubernetes.io/metadata.name': 'other', team: 'a' } } });
    expect(res.body.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop', team: 'a' });
  });

  it('requires DNS-1123 label names', () => {
    const c = createCluster();
    const res = post(c, NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my.ns' } });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Namespace "my.ns" is invalid: metadata.name: Invalid value: "my.ns": must not contain dots');
    const upper = post(c, NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Shop' } });
    expect(upper.body.message).toBe(
      `Namespace "Shop" is invalid: metadata.name: Invalid value: "Shop": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
  });
});

describe('ObjectMeta validation', () => {
  it('requires a name or generateName', () => {
    const c = createCluster();
    const res = post(c, paths.ConfigMap, { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
  });

  it('checks label keys and values with the real messages', () => {
    const c = createCluster();
    const res = post(c, paths.ConfigMap, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { 'app/x/y': 'ok', tier: '-bad' } } });
    expect(res.body.message).toBe(
      `ConfigMap "x" is invalid: [metadata.labels: Invalid value: "app/x/y": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName'), metadata.labels: Invalid value: "-bad": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]`,
    );
  });

  it('limits annotations to 256 KiB in total', () => {
    const c = createCluster();
    const big = 'x'.repeat(256 * 1024);
    const res = post(c, paths.ConfigMap, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: { a: big } } });
    expect(res.body.message).toBe('ConfigMap "x" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes');
  });

  it('rejects finalizers that are neither standard nor qualified, and owner references without a uid', () => {
    const c = createCluster();
    const res = post(c, paths.ConfigMap, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', finalizers: ['cleanup'], ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }] },
    });
    expect(res.body.message).toBe(
      'ConfigMap "x" is invalid: [metadata.ownerReferences.uid: Invalid value: "": uid must not be empty, metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified]',
    );
  });
});

describe('Service strategy', () => {
  it('defaults kubectl create service clusterip output and allocates from the dynamic band', () => {
    const c = createCluster();
    const res = create(c, kubectlOut.serviceClusterIP);
    expect(res.status).toBe(201);
    const spec = res.body.spec;
    expect(spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      ports: [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }],
      selector: { app: 'web' },
    });
    expect(spec.externalTrafficPolicy).toBeUndefined();
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    // 10.96.0.0/12, above the 256-address static band (10.96.0.1-10.96.1.0).
    expect(ipToInt(spec.clusterIP)).toBeGreaterThan(ipToInt('10.96.1.0'));
    expect(ipToInt(spec.clusterIP)).toBeLessThanOrEqual(ipToInt('10.111.255.254'));
    expect(res.body.status).toEqual({ loadBalancer: {} });
    expect(res.body.metadata.generation).toBeUndefined();
  });

  it('allocates the same addresses for the same seed and never hands out one twice', () => {
    const ips = (seed: number) => {
      const c = createCluster({ seed });
      return ['a', 'b', 'c'].map((n) => post(c, paths.Service, svc(n, { ports: [{ port: 80 }] })).body.spec.clusterIP);
    };
    const first = ips(7);
    expect(ips(7)).toEqual(first);
    expect(new Set([...first, '10.96.0.1', '10.96.0.10']).size).toBe(5);
  });

  it('honours a free static clusterIP and refuses a taken or foreign one', () => {
    const c = createCluster();
    expect(post(c, paths.Service, svc('dns', { clusterIP: '10.96.0.53', ports: [{ port: 53 }] })).body.spec.clusterIPs).toEqual(['10.96.0.53']);
    const taken = post(c, paths.Service, svc('again', { clusterIP: '10.96.0.1', ports: [{ port: 80 }] }));
    expect(taken.status).toBe(422);
    expect(taken.body.message).toBe(
      'Service "again" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    );
    const foreign = post(c, paths.Service, svc('far', { clusterIP: '192.168.0.5', ports: [{ port: 80 }] }));
    expect(foreign.body.message).toBe(
      'Service "far" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.0.5"}: failed to allocate IP 192.168.0.5: the provided network does not match the current range',
    );
    const network = post(c, paths.Service, svc('net', { clusterIP: '10.96.0.0', ports: [{ port: 80 }] }));
    expect(network.body.message).toBe(
      'Service "net" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.0"}: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('keeps a requested nodePort and refuses it to a second Service', () => {
    const c = createCluster();
    const res = create(c, kubectlOut.serviceNodePort);
    expect(res.body.spec.ports).toEqual([{ name: '80-8080', nodePort: 30080, port: 80, protocol: 'TCP', targetPort: 8080 }]);
    expect(res.body.spec.externalTrafficPolicy).toBe('Cluster');
    const again = post(c, paths.Service, svc('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(again.body.message).toBe('Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    const outside = post(c, paths.Service, svc('np3', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }));
    expect(outside.body.message).toBe(
      'Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('defaults a LoadBalancer and allocates its node port from the dynamic band', () => {
    const c = createCluster();
    const res = create(c, kubectlOut.serviceLoadBalancer);
    const spec = res.body.spec;
    expect(spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(spec.externalTrafficPolicy).toBe('Cluster');
    expect(spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(res.body.status).toEqual({ loadBalancer: {} });
  });

  it('creates headless and ExternalName services without a cluster IP', () => {
    const c = createCluster();
    const headless = create(c, kubectlOut.serviceHeadless).body.spec;
    expect(headless).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    const selectorless = post(c, paths.Service, svc('bare', { clusterIP: 'None' })).body.spec;
    expect(selectorless).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] });
    const ext = create(c, kubectlOut.serviceExternalName).body.spec;
    expect(ext).toEqual({ externalName: 'example.com', selector: { app: 'ext' }, sessionAffinity: 'None', type: 'ExternalName' });
  });

  it('requires DNS-1035 names, named ports when there are several, and a known type', () => {
    const c = createCluster();
    expect(post(c, paths.Service, svc('1web', { ports: [{ port: 80 }] })).body.message).toBe(
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": ${DNS1035}`,
    );
    const ports = post(c, paths.Service, svc('two', { ports: [{ port: 80 }, { port: 80, name: 'http' }] }));
    expect(ports.body.message).toBe(
      'Service "two" is invalid: [spec.ports[0].name: Required value, spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}]',
    );
    const type = post(c, paths.Service, svc('t', { type: 'Internal', ports: [{ port: 80 }] }));
    expect(type.body.message).toBe(
      'Service "t" is invalid: spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(post(c, paths.Service, svc('none', {})).body.message).toBe('Service "none" is invalid: spec.ports: Required value');
  });

  it('does not let the cluster IP change', () => {
    const c = createCluster();
    const created = create(c, kubectlOut.serviceClusterIP).body;
    const res = mergePatch(c, `${paths.Service}/web`, { spec: { clusterIP: '10.96.0.50' } });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.50"}: may not change once set');
    // A PUT that leaves the allocated values out keeps them.
    const put = c.request({ method: 'PUT', path: `${paths.Service}/web`, body: parse(kubectlOut.serviceClusterIP) });
    expect(put.status).toBe(200);
    expect(put.body.spec.clusterIP).toBe(created.spec.clusterIP);
  });

  it('releases node ports when the type changes to ClusterIP and allocates them back for NodePort', () => {
    const c = createCluster();
    create(c, kubectlOut.serviceNodePort);
    const toClusterIP = mergePatch(c, `${paths.Service}/np`, { spec: { type: 'ClusterIP' } });
    expect(toClusterIP.status).toBe(200);
    expect(toClusterIP.body.spec.ports[0].nodePort).toBeUndefined();
    expect(toClusterIP.body.spec.externalTrafficPolicy).toBeUndefined();
    expect(post(c, paths.Service, svc('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })).status).toBe(201);
    const back = mergePatch(c, `${paths.Service}/np`, { spec: { type: 'NodePort' } });
    expect(back.body.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(back.body.spec.externalTrafficPolicy).toBe('Cluster');
  });
});

describe('ConfigMap and Secret strategies', () => {
  it('stores kubectl create configmap output as sent, without a generation', () => {
    const c = createCluster();
    const res = create(c, kubectlOut.configMap);
    expect(res.body.data).toEqual({ a: '1', b: 'two' });
    expect(res.body.metadata.generation).toBeUndefined();
  });

  it('checks config keys and refuses changes to immutable data', () => {
    const c = createCluster();
    const bad = post(c, paths.ConfigMap, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { 'a b': '1' } });
    expect(bad.body.message).toBe(
      `ConfigMap "x" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    post(c, paths.ConfigMap, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'frozen' }, data: { a: '1' }, immutable: true });
    const res = mergePatch(c, `${paths.ConfigMap}/frozen`, { data: { a: '2' } });
    expect(res.body.message).toBe('ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  });

  it('defaults the Secret type, folds stringData into data and never stores it', () => {
    const c = createCluster();
    const generic = create(c, kubectlOut.secretGeneric);
    expect(generic.body).toMatchObject({ type: 'Opaque', data: { password: 'czNjcmV0' } });
    const mixed = post(c, paths.Secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'mixed' },
      data: { user: 'YWRtaW4=', pass: 'b2xk' },
      stringData: { pass: 'new' },
    });
    expect(mixed.body.data).toEqual({ user: 'YWRtaW4=', pass: 'bmV3' });
    expect(mixed.body.stringData).toBeUndefined();
    const got = c.request({ method: 'GET', path: `${paths.Secret}/mixed` });
    expect(got.body.stringData).toBeUndefined();
  });

  it('answers bad base64 with the decoder error', () => {
    const c = createCluster();
    const res = post(c, paths.Secret, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'abcd$' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
  });

  it('accepts kubectl tls and docker-registry secrets and requires their keys', () => {
    const c = createCluster();
    expect(create(c, kubectlOut.secretTLS).body.type).toBe('kubernetes.io/tls');
    expect(create(c, kubectlOut.secretDockerRegistry).status).toBe(201);
    const tls = post(c, paths.Secret, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 't' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } });
    expect(tls.body.message).toBe('Secret "t" is invalid: data[tls.key]: Required value');
    const docker = post(c, paths.Secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'd' },
      type: 'kubernetes.io/dockerconfigjson',
      stringData: { '.dockerconfigjson': 'nope' },
    });
    expect(docker.body.message).toBe(
      `Secret "d" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character 'o' in literal null (expecting 'u')`,
    );
  });

  it('does not let the Secret type change', () => {
    const c = createCluster();
    create(c, kubectlOut.secretGeneric);
    const res = mergePatch(c, `${paths.Secret}/db`, { type: 'kubernetes.io/basic-auth', data: { username: 'dQ==' } });
    expect(res.body.message).toBe('Secret "db" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
  });
});

describe('Ingress, ServiceAccount and other strategies', () => {
  it('creates kubectl create ingress output with an empty load balancer status and generation 1', () => {
    const c = createCluster();
    const res = create(c, kubectlOut.ingress);
    expect(res.status).toBe(201);
    expect(res.body.status).toEqual({ loadBalancer: {} });
    expect(res.body.metadata.generation).toBe(1);
    expect(res.body.spec.rules[0].http.paths[0]).toEqual({ backend: { service: { name: 'svc1', port: { number: 8080 } } }, path: '/bar', pathType: 'Prefix' });
  });

  it('validates ingress paths, hosts and backends', () => {
    const c = createCluster();
    const ing = (rules: unknown[]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules } });
    const backend = { service: { name: 'web', port: { number: 80 } } };
    const noType = post(c, paths.Ingress, ing([{ http: { paths: [{ path: '/', backend }] } }]));
    expect(noType.body.message).toBe('Ingress.networking.k8s.io "i" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified');
    const relative = post(c, paths.Ingress, ing([{ host: '*.foo.com', http: { paths: [{ path: 'api', pathType: 'Prefix', backend }] } }]));
    expect(relative.body.message).toBe('Ingress.networking.k8s.io "i" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path');
    const wildcard = post(c, paths.Ingress, ing([{ host: 'foo.*.com', http: { paths: [{ path: '/', pathType: 'Exact', backend: {} }] } }]));
    expect(wildcard.body.message).toBe(
      `Ingress.networking.k8s.io "i" is invalid: [spec.rules[0].host: Invalid value: "foo.*.com": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required]`,
    );
  });

  it('creates kubectl create serviceaccount output', () => {
    const c = createCluster();
    const res = create(c, kubectlOut.serviceAccount);
    expect(res.status).toBe(201);
    expect(res.body.metadata.namespace).toBe('default');
  });

  it('defaults and guards PersistentVolumeClaims', () => {
    const c = createCluster();
    const path = `${NS}/default/persistentvolumeclaims`;
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } };
    const res = post(c, path, pvc);
    // DefaultStorageClass admission names the default class.
    expect(res.body.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' });
    expect(res.body.status).toEqual({ phase: 'Pending' });
    const empty = post(c, path, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'e' }, spec: { accessModes: ['ReadWriteSometimes'] } });
    expect(empty.body.message).toBe(
      'PersistentVolumeClaim "e" is invalid: [spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod", spec.resources[storage]: Required value]',
    );
    const change = mergePatch(c, `${path}/data`, { spec: { accessModes: ['ReadWriteMany'] } });
    expect(change.status).toBe(422);
    expect(change.body.message).toMatch(
      /^PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/,
    );
  });

  it('defaults PersistentVolumes and StorageClasses', () => {
    const c = createCluster();
    const pv = post(c, '/api/v1/persistentvolumes', {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv1' },
      spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
    });
    expect(pv.body.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem', hostPath: { path: '/data', type: '' } });
    expect(pv.body.status.phase).toBe('Pending');
    const sc = post(c, '/apis/storage.k8s.io/v1/storageclasses', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'x.io/p', parameters: { a: '1' } });
    expect(sc.body).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    const edit = mergePatch(c, '/apis/storage.k8s.io/v1/storageclasses/fast', { parameters: { a: '2' } });
    expect(edit.body.message).toBe('StorageClass.storage.k8s.io "fast" is invalid: parameters: Forbidden: updates to parameters are forbidden.');
  });

  it('defaults HorizontalPodAutoscalers and checks replica bounds', () => {
    const c = createCluster();
    const path = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';
    const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php' };
    const res = post(c, path, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php' }, spec: { scaleTargetRef: target, maxReplicas: 10, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } });
    expect(res.body.spec).toEqual({
      scaleTargetRef: target,
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ],
        },
        scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
      },
    });
    const bad = post(c, path, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'bad' }, spec: { scaleTargetRef: target, minReplicas: 5, maxReplicas: 2 } });
    expect(bad.body.message).toBe(
      'HorizontalPodAutoscaler.autoscaling "bad" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    );
  });

  it('checks node taint effects and event namespaces', () => {
    const c = createCluster();
    const node = mergePatch(c, '/api/v1/nodes/worker-1', { spec: { taints: [{ key: 'gpu', effect: 'NoRun' }] } });
    expect(node.body.message).toBe(
      'Node "worker-1" is invalid: metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
    const ev = post(c, `${NS}/default/events`, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e1' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'kube-system' },
      reason: 'Test',
    });
    expect(ev.body.message).toBe('Event "e1" is invalid: involvedObject.namespace: Invalid value: "kube-system": does not match event.namespace');
  });

  it('checks the EndpointSlice address type', () => {
    const c = createCluster();
    const res = post(c, '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'es' },
      addressType: 'IPv5',
      endpoints: [],
    });
    expect(res.body.message).toBe(
      'EndpointSlice.discovery.k8s.io "es" is invalid: addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"',
    );
  });
});
