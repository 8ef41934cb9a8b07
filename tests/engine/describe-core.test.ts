import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import type { Cluster } from '../../src/engine/cluster';
import { create, patchStatus } from './printers-helpers';

const post = create;
const status = patchStatus;

function event(c: Cluster, ns: string, name: string, involved: Record<string, unknown>, extra: Record<string, unknown>) {
  post(c, `/api/v1/namespaces/${ns}/events`, { apiVersion: 'v1', kind: 'Event', metadata: { name }, involvedObject: involved, ...extra });
}

function namespace(c: Cluster, name: string) {
  post(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

describe('kubectl describe pod', () => {
  it('prints the pod header, container state, conditions, QoS class and the events table', () => {
    const c = createCluster();
    const pod = post(c, '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', labels: { app: 'web', tier: 'fe' } },
      spec: {
        // A node with no kubelet: the status below stays as written.
        nodeName: 'worker-9',
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } },
            env: [{ name: 'MODE', value: 'prod' }],
          },
        ],
      },
    });
    status(c, '/api/v1/namespaces/default/pods/web-1', {
      phase: 'Running',
      hostIP: '172.18.0.3',
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      startTime: '2026-01-01T00:00:01Z',
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: '2026-01-01T00:00:01Z' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:09Z' },
      ],
      containerStatuses: [
        {
          name: 'nginx',
          ready: true,
          restartCount: 2,
          image: 'docker.io/library/nginx:1.27',
          imageID: 'docker.io/library/nginx@sha256:0a1b',
          containerID: 'containerd://c0ffee',
          started: true,
          state: { running: { startedAt: '2026-01-01T00:00:08Z' } },
          lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: '2026-01-01T00:00:03Z', finishedAt: '2026-01-01T00:00:07Z' } },
        },
      ],
    });
    const involved = { kind: 'Pod', namespace: 'default', name: 'web-1', uid: pod.metadata.uid, apiVersion: 'v1' };
    event(c, 'default', 'web-1.1', involved, {
      reason: 'Scheduled',
      message: 'Successfully assigned default/web-1 to worker-1',
      type: 'Normal',
      source: { component: 'default-scheduler' },
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:00:00Z',
      count: 1,
    });
    event(c, 'default', 'web-1.2', involved, {
      reason: 'Pulled',
      message: 'Container image "nginx:1.27" already present on machine',
      type: 'Normal',
      source: { component: 'kubelet', host: 'worker-1' },
      firstTimestamp: '2026-01-01T00:00:02Z',
      lastTimestamp: '2026-01-01T00:00:08Z',
      count: 3,
    });
    // An event about another pod with the same name prefix must not show up.
    event(c, 'default', 'web-10.1', { ...involved, name: 'web-10', uid: 'other' }, {
      reason: 'Scheduled',
      message: 'x',
      type: 'Normal',
      source: { component: 'default-scheduler' },
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:00:00Z',
      count: 1,
    });
    c.advance(21 * 60_000);
    const out = c.kubectl('describe pod web-1').stdout;
    const field = (label: string, value: string) => `${label.padEnd(18)}${value}`;
    expect(out.startsWith(
      [
        field('Name:', 'web-1'),
        field('Namespace:', 'default'),
        field('Priority:', '0'),
        field('Service Account:', 'default'),
        field('Node:', 'worker-9/172.18.0.3'),
        field('Start Time:', 'Thu, 01 Jan 2026 00:00:01 +0000'),
        field('Labels:', 'app=web'),
        field('', 'tier=fe'),
        field('Annotations:', '<none>'),
        field('Status:', 'Running'),
        field('IP:', '10.244.1.5'),
        'IPs:',
        '  IP:  10.244.1.5',
        '',
      ].join('\n'),
    ), out).toBe(true);
    expect(out).toContain(
      [
        'Containers:',
        '  nginx:',
        '    Container ID:   containerd://c0ffee',
        '    Image:          nginx:1.27',
        '    Image ID:       docker.io/library/nginx@sha256:0a1b',
        '    Port:           80/TCP',
        '    Host Port:      0/TCP',
        '    State:          Running',
        '      Started:      Thu, 01 Jan 2026 00:00:08 +0000',
        '    Last State:     Terminated',
        '      Reason:       OOMKilled',
        '      Exit Code:    137',
        '      Started:      Thu, 01 Jan 2026 00:00:03 +0000',
        '      Finished:     Thu, 01 Jan 2026 00:00:07 +0000',
        '    Ready:          True',
        '    Restart Count:  2',
        '    Limits:',
        '      memory:  128Mi',
        '    Requests:',
        '      cpu:     250m',
        '      memory:  64Mi',
        '    Environment:',
        '      MODE:  prod',
      ].join('\n'),
    );
    expect(out).toContain('Conditions:\n  Type          Status\n  Initialized   True \n  Ready         True \n');
    expect(out).toMatch(/\nQoS Class: +Burstable\nNode-Selectors: +<none>\n/);
    expect(out).toContain(
      [
        'Events:',
        '  Type    Reason     Age                From               Message',
        '  ----    ------     ----               ----               -------',
        '  Normal  Scheduled  21m                default-scheduler  Successfully assigned default/web-1 to worker-1',
        '  Normal  Pulled     20m (x3 over 20m)  kubelet            Container image "nginx:1.27" already present on machine',
        '',
      ].join('\n'),
    );
    expect(out).not.toContain('web-10');
  });

  it('says Events: <none> and BestEffort for a bare pending pod', () => {
    const c = createCluster();
    post(c, '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bare' },
      spec: { containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }] },
    });
    const out = c.kubectl('describe pod bare').stdout;
    expect(out).toMatch(/\nNode: +<none>\n/);
    expect(out).toContain('    Command:\n      sleep\n      3600\n');
    expect(out).toMatch(/\nQoS Class: +BestEffort\n/);
    expect(out).toMatch(/\nEvents: +<none>\n$/);
  });
});

describe('kubectl describe secret, configmap and namespace', () => {
  it('hides secret values behind their byte counts', () => {
    const c = createCluster();
    post(c, '/api/v1/namespaces/default/secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      type: 'Opaque',
      data: { password: btoa('s3cr3t!!!'), username: btoa('admin') },
    });
    expect(c.kubectl('describe secret db').stdout).toBe(
      [
        'Name:         db',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Type:  Opaque',
        '',
        'Data',
        '====',
        'password:  9 bytes',
        'username:  5 bytes',
        '',
      ].join('\n'),
    );
  });

  it('prints each ConfigMap key with its value under a ---- rule', () => {
    const c = createCluster();
    post(c, '/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', labels: { app: 'shop' } },
      data: { 'game.properties': 'lives=3\nenemies=aliens', mode: 'fast' },
    });
    expect(c.kubectl('describe configmap cfg').stdout).toBe(
      [
        'Name:         cfg',
        'Namespace:    default',
        'Labels:       app=shop',
        'Annotations:  <none>',
        '',
        'Data',
        '====',
        'game.properties:',
        '----',
        'lives=3',
        'enemies=aliens',
        '',
        'mode:',
        '----',
        'fast',
        '',
        '',
        'BinaryData',
        '====',
        '',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
  });

  it('shows a namespace with its quota and limit range lines', () => {
    const c = createCluster();
    expect(c.kubectl('describe namespace default').stdout).toBe(
      [
        'Name:         default',
        'Labels:       kubernetes.io/metadata.name=default',
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'No resource quota.',
        '',
        'No LimitRange resource.',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl describe service (describe_test.go TestDescribeService, through the API)', () => {
  it('aligns every field and lists the ready endpoints of the port', () => {
    const c = createCluster();
    namespace(c, 'foo');
    post(c, '/api/v1/namespaces/foo/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'bar' },
      spec: {
        type: 'LoadBalancer',
        ports: [{ name: 'port-tcp', port: 8080, protocol: 'TCP', targetPort: 9527, nodePort: 31111 }],
        selector: { blah: 'heh' },
        clusterIP: '10.96.5.5',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        loadBalancerIP: '5.6.7.8',
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Local',
        internalTrafficPolicy: 'Cluster',
        healthCheckNodePort: 32222,
      },
    });
    status(c, '/api/v1/namespaces/foo/services/bar', { loadBalancer: { ingress: [{ ip: '5.6.7.8', ipMode: 'VIP' }] } });
    post(c, '/apis/discovery.k8s.io/v1/namespaces/foo/endpointslices', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'bar-abcde', labels: { 'kubernetes.io/service-name': 'bar' } },
      addressType: 'IPv4',
      endpoints: ['10.244.0.1', '10.244.0.2', '10.244.0.3'].map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      ports: [{ name: 'port-tcp', port: 9527, protocol: 'TCP' }],
    });
    expect(c.kubectl('describe service bar -n foo').stdout).toBe(
      [
        'Name:                     bar',
        'Namespace:                foo',
        'Labels:                   <none>',
        'Annotations:              <none>',
        'Selector:                 blah=heh',
        'Type:                     LoadBalancer',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.5.5',
        'IPs:                      10.96.5.5',
        'Desired LoadBalancer IP:  5.6.7.8',
        'LoadBalancer Ingress:     5.6.7.8 (VIP)',
        'Port:                     port-tcp  8080/TCP',
        'TargetPort:               9527/TCP',
        'NodePort:                 port-tcp  31111/TCP',
        'Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.3:9527',
        'Session Affinity:         None',
        'External Traffic Policy:  Local',
        'Internal Traffic Policy:  Cluster',
        'HealthCheck NodePort:     32222',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl describe node (describe_test.go TestDescribeNode, through the API)', () => {
  it('prints the lease, the pods table and the allocated resources with percentages, and node events', () => {
    const c = createCluster();
    const capacity = { cpu: '8', memory: '24Gi', 'hugepages-2Mi': '4Gi', 'hugepages-1Gi': '0', pods: '110' };
    const allocatable = { cpu: '4', memory: '12Gi', 'hugepages-2Mi': '2Gi', 'hugepages-1Gi': '0', pods: '110' };
    const node = post(c, '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'bar' }, spec: { unschedulable: true } });
    status(c, '/api/v1/nodes/bar', { capacity, allocatable });
    post(c, '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'bar' },
      spec: { holderIdentity: 'holder', acquireTime: '2026-01-01T00:00:00.000000Z', renewTime: '2026-01-01T00:00:10.000000Z' },
    });
    namespace(c, 'foo');
    post(c, '/api/v1/namespaces/foo/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pod-with-resources' },
      spec: {
        nodeName: 'bar',
        containers: [
          { name: 'cpu-mem', image: 'image:latest', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } },
          {
            name: 'hugepages',
            image: 'image:latest',
            resources: { requests: { 'hugepages-2Mi': '512Mi', memory: '1Mi' }, limits: { 'hugepages-2Mi': '512Mi', memory: '1Mi' } },
          },
        ],
      },
    });
    status(c, '/api/v1/namespaces/foo/pods/pod-with-resources', { phase: 'Running' });
    const ev = (name: string, uid: string, message: string) =>
      event(c, 'default', name, { kind: 'Node', name: 'bar', uid }, {
        message,
        reason: 'NodeHasStatus',
        type: 'Normal',
        source: { component: 'kubelet', host: 'bar' },
        firstTimestamp: '2026-01-01T00:00:00Z',
        lastTimestamp: '2026-01-01T00:00:00Z',
        count: 1,
      });
    ev('event-1', 'bar', 'Node bar status is now: NodeHasNoDiskPressure');
    ev('event-2', node.metadata.uid, 'Node bar status is now: NodeReady');
    const out = c.kubectl('describe node bar').stdout;
    expect(out).toMatch(/\nUnschedulable: +true\nLease:\n {2}HolderIdentity: {2}holder\n {2}AcquireTime: {5}Thu, 01 Jan 2026 00:00:00 \+0000\n {2}RenewTime: {7}Thu, 01 Jan 2026 00:00:10 \+0000\n/);
    expect(out).toMatch(/\nNon-terminated Pods: +\(1 in total\)\n/);
    expect(out).toMatch(/\n {2}foo +pod-with-resources +1 \(25%\) +2 \(50%\) +1025Mi \(8%\) +2049Mi \(16%\) +0s\n/);
    expect(out).toContain(
      [
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests     Limits',
        '  --------           --------     ------',
        '  cpu                1 (25%)      2 (50%)',
        '  memory             1025Mi (8%)  2049Mi (16%)',
        '  ephemeral-storage  0 (0%)       0 (0%)',
        '  hugepages-1Gi      0 (0%)       0 (0%)',
        '  hugepages-2Mi      512Mi (25%)  512Mi (25%)',
      ].join('\n'),
    );
    expect(out).toContain('Node bar status is now: NodeHasNoDiskPressure');
    expect(out).toContain('Node bar status is now: NodeReady');
  });

  it('shows roles, taints, conditions and system info of a default node', () => {
    const c = createCluster();
    const out = c.kubectl('describe node control-plane').stdout;
    expect(out).toMatch(/^Name: +control-plane\nRoles: +control-plane\n/);
    expect(out).toMatch(/\nTaints: +node-role\.kubernetes\.io\/control-plane:NoSchedule\nUnschedulable: +false\n/);
    expect(out).toMatch(/\n {2}Ready +True +Thu, 01 Jan 2026 00:00:00 \+0000 +Thu, 01 Jan 2026 00:00:00 \+0000 +KubeletReady +kubelet is posting ready status\n/);
    expect(out).toMatch(/\n {2}Kubelet Version: +v1\.33\.\d+\n/);
    expect(out).toMatch(/\nPodCIDR: +10\.244\.0\.0\/24\n/);
  });
});
