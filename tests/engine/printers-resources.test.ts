import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { cellMap, columnNames, create, patchStatus, row } from './printers-helpers';

const NS = '/api/v1/namespaces/default';
const APPS = '/apis/apps/v1/namespaces/default';
const BATCH = '/apis/batch/v1/namespaces/default';
const template = (labels: Record<string, string>, image = 'nginx:1.27') => ({
  metadata: { labels },
  spec: { containers: [{ name: 'web', image }, { name: 'sidecar', image: 'busybox' }] },
});

describe('service, endpoints and endpointslice tables', () => {
  it('prints TYPE, CLUSTER-IP, EXTERNAL-IP and PORT(S) as kubectl get svc shows them', () => {
    const c = createCluster();
    expect(columnNames(c, `${NS}/services`)).toEqual(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector*']);
    create(c, `${NS}/services`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'NodePort', clusterIP: '10.96.100.10', selector: { app: 'web', tier: 'fe' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] },
    });
    create(c, `${NS}/services`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'lb' },
      spec: { type: 'LoadBalancer', clusterIP: '10.96.100.11', selector: { app: 'lb' }, ports: [{ name: 'https', port: 443, protocol: 'TCP', nodePort: 31443 }, { name: 'dns', port: 53, protocol: 'UDP', nodePort: 31053 }] },
    });
    create(c, `${NS}/services`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ext' },
      spec: { type: 'ExternalName', externalName: 'db.example.com' },
    });
    expect(cellMap(c, `${NS}/services/web`)).toMatchObject({
      Type: 'NodePort',
      'Cluster-IP': '10.96.100.10',
      'External-IP': '<none>',
      'Port(s)': '80:30080/TCP',
      Selector: 'app=web,tier=fe',
    });
    expect(cellMap(c, `${NS}/services/lb`)).toMatchObject({ 'External-IP': '<pending>', 'Port(s)': '443:31443/TCP,53:31053/UDP' });
    patchStatus(c, `${NS}/services/lb`, { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } });
    expect(cellMap(c, `${NS}/services/lb`)['External-IP']).toBe('203.0.113.9');
    expect(cellMap(c, `${NS}/services/ext`)).toMatchObject({ Type: 'ExternalName', 'Cluster-IP': '<none>', 'External-IP': 'db.example.com', 'Port(s)': '<none>' });
    expect(cellMap(c, `${NS}/services/kubernetes`)).toMatchObject({ Type: 'ClusterIP', 'Cluster-IP': '10.96.0.1', 'Port(s)': '443/TCP', Selector: '<none>' });
  });

  it('lists endpoints as ip:port, at most three, then "+ N more..."', () => {
    const c = createCluster();
    create(c, `${NS}/endpoints`, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web' },
      subsets: [{ addresses: ['10.244.1.2', '10.244.2.3', '10.244.3.4', '10.244.1.5'].map((ip) => ({ ip })), ports: [{ port: 80, protocol: 'TCP' }] }],
    });
    create(c, `${NS}/endpoints`, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'empty' } });
    expect(row(c, `${NS}/endpoints/web`)[1]).toBe('10.244.1.2:80,10.244.2.3:80,10.244.3.4:80 + 1 more...');
    expect(row(c, `${NS}/endpoints/empty`)[1]).toBe('<none>');
  });

  it('prints an EndpointSlice with ADDRESSTYPE, PORTS and ENDPOINTS', () => {
    const c = createCluster();
    const path = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';
    expect(columnNames(c, path)).toEqual(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
    create(c, path, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abcde', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      ports: [{ name: '', port: 8080, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.244.1.2'] }, { addresses: ['10.244.2.3'] }],
    });
    expect(row(c, `${path}/web-abcde`).slice(0, 4)).toEqual(['web-abcde', 'IPv4', '8080', '10.244.1.2,10.244.2.3']);
  });
});

describe('workload tables', () => {
  it('prints a Deployment with READY ready/desired, UP-TO-DATE, AVAILABLE and the wide columns', () => {
    const c = createCluster();
    expect(columnNames(c, `${APPS}/deployments`)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers*', 'Images*', 'Selector*']);
    create(c, `${APPS}/deployments`, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) },
    });
    patchStatus(c, `${APPS}/deployments/web`, { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 });
    expect(row(c, `${APPS}/deployments/web`)).toEqual(['web', '2/3', 3, 2, '0s', 'web,sidecar', 'nginx:1.27,busybox', 'app=web']);
  });

  it('prints ReplicaSet, StatefulSet and DaemonSet columns and cells', () => {
    const c = createCluster();
    expect(columnNames(c, `${APPS}/replicasets`)).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers*', 'Images*', 'Selector*']);
    expect(columnNames(c, `${APPS}/statefulsets`)).toEqual(['Name', 'Ready', 'Age', 'Containers*', 'Images*']);
    expect(columnNames(c, `${APPS}/daemonsets`)).toEqual([
      'Name',
      'Desired',
      'Current',
      'Ready',
      'Up-to-date',
      'Available',
      'Node Selector',
      'Age',
      'Containers*',
      'Images*',
      'Selector*',
    ]);
    create(c, `${APPS}/replicasets`, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-5d8f' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) },
    });
    patchStatus(c, `${APPS}/replicasets/web-5d8f`, { replicas: 2, readyReplicas: 1 });
    expect(row(c, `${APPS}/replicasets/web-5d8f`).slice(0, 4)).toEqual(['web-5d8f', 2, 2, 1]);
    create(c, `${APPS}/statefulsets`, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template({ app: 'db' }, 'postgres:16') },
    });
    patchStatus(c, `${APPS}/statefulsets/db`, { replicas: 1, readyReplicas: 1 });
    expect(row(c, `${APPS}/statefulsets/db`).slice(0, 2)).toEqual(['db', '1/3']);
    const dsTemplate = template({ app: 'agent' });
    (dsTemplate.spec as any).nodeSelector = { 'kubernetes.io/os': 'linux' };
    create(c, `${APPS}/daemonsets`, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: dsTemplate },
    });
    patchStatus(c, `${APPS}/daemonsets/agent`, {
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 2,
      updatedNumberScheduled: 3,
      numberAvailable: 2,
      numberMisscheduled: 0,
    });
    expect(row(c, `${APPS}/daemonsets/agent`).slice(0, 7)).toEqual(['agent', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux']);
  });
});

describe('job and cronjob tables', () => {
  it('prints STATUS, COMPLETIONS and DURATION of a running and a complete job', () => {
    const c = createCluster();
    expect(columnNames(c, `${BATCH}/jobs`)).toEqual(['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers*', 'Images*', 'Selector*']);
    const job = (name: string, spec: Record<string, unknown>) =>
      create(c, `${BATCH}/jobs`, {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name },
        // No node matches, so the pods stay Pending and the status below is the test's own.
        spec: { ...spec, template: { spec: { restartPolicy: 'Never', nodeSelector: { disktype: 'none' }, containers: [{ name: 'pi', image: 'perl:5.34' }] } } },
      });
    job('pi', { completions: 3 });
    job('queue', { parallelism: 2 });
    c.advance(95_000);
    patchStatus(c, `${BATCH}/jobs/pi`, { startTime: '2026-01-01T00:00:05Z', active: 1, succeeded: 1 });
    patchStatus(c, `${BATCH}/jobs/queue`, { startTime: '2026-01-01T00:00:05Z', active: 2 });
    expect(cellMap(c, `${BATCH}/jobs/pi`)).toMatchObject({ Status: 'Running', Completions: '1/3', Duration: '90s', Age: '95s' });
    expect(cellMap(c, `${BATCH}/jobs/queue`).Completions).toBe('0/1 of 2');
    patchStatus(c, `${BATCH}/jobs/pi`, {
      succeeded: 3,
      active: 0,
      completionTime: '2026-01-01T00:00:47Z',
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: '2026-01-01T00:00:47Z', lastTransitionTime: '2026-01-01T00:00:47Z' },
        { type: 'Complete', status: 'True', lastProbeTime: '2026-01-01T00:00:47Z', lastTransitionTime: '2026-01-01T00:00:47Z' },
      ],
    });
    expect(cellMap(c, `${BATCH}/jobs/pi`)).toMatchObject({ Status: 'Complete', Completions: '3/3', Duration: '42s' });
    expect(cellMap(c, `${BATCH}/jobs/pi`).Selector).toMatch(/^batch\.kubernetes\.io\/controller-uid=|^<none>$/);
  });

  it('prints a CronJob with SCHEDULE, TIMEZONE, SUSPEND, ACTIVE and LAST SCHEDULE', () => {
    const c = createCluster();
    const path = `${BATCH}/cronjobs`;
    expect(columnNames(c, path)).toEqual(['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers*', 'Images*', 'Selector*']);
    create(c, path, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'hello' },
      spec: {
        schedule: '*/1 * * * *',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28' }] } } } },
      },
    });
    expect(row(c, `${path}/hello`).slice(0, 6)).toEqual(['hello', '*/1 * * * *', '<none>', 'False', 0, '<none>']);
  });
});

describe('config, identity, namespace and lease tables', () => {
  it('counts DATA of ConfigMaps and Secrets and SECRETS of ServiceAccounts', () => {
    const c = createCluster();
    expect(columnNames(c, `${NS}/configmaps`)).toEqual(['Name', 'Data', 'Age']);
    expect(columnNames(c, `${NS}/secrets`)).toEqual(['Name', 'Type', 'Data', 'Age']);
    create(c, `${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1', b: '2' }, binaryData: { c: 'AAE=' } });
    create(c, `${NS}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, type: 'Opaque', data: { password: 'czNjcjN0IQ==' } });
    create(c, `${NS}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot' }, secrets: [{ name: 'db' }] });
    expect(row(c, `${NS}/configmaps/cfg`).slice(0, 2)).toEqual(['cfg', 3]);
    expect(row(c, `${NS}/secrets/db`).slice(0, 3)).toEqual(['db', 'Opaque', 1]);
    expect(row(c, `${NS}/serviceaccounts/bot`).slice(0, 2)).toEqual(['bot', 1]);
  });

  it('prints namespace STATUS and lease HOLDER', () => {
    const c = createCluster();
    expect(columnNames(c, '/api/v1/namespaces')).toEqual(['Name', 'Status', 'Age']);
    expect(row(c, '/api/v1/namespaces/kube-system').slice(0, 2)).toEqual(['kube-system', 'Active']);
    const leases = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';
    // worker-1's kubelet holds its node Lease.
    expect(columnNames(c, leases)).toEqual(['Name', 'Holder', 'Age']);
    expect(row(c, `${leases}/worker-1`).slice(0, 2)).toEqual(['worker-1', 'worker-1']);
  });
});
