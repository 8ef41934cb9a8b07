import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import type { Cluster } from '../../src/engine/cluster';
import { create, patchStatus } from './printers-helpers';

const post = create;
const status = patchStatus;

const APPS = '/apis/apps/v1/namespaces/foo';
const labels = { 'k8s-app': 'bar' };
const template = (image: string) => ({
  metadata: { labels },
  spec: {
    containers: [
      {
        name: 'c',
        image,
        volumeMounts: [
          { name: 'vol-foo', mountPath: '/tmp/vol-foo' },
          { name: 'vol-bar', mountPath: '/tmp/vol-bar' },
        ],
      },
    ],
    volumes: [
      { name: 'vol-foo', emptyDir: {} },
      { name: 'vol-bar', emptyDir: {} },
    ],
  },
});

function setup(): Cluster {
  const c = createCluster();
  post(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'foo' } });
  return c;
}

function ownedBy(kind: string, obj: any) {
  return [{ apiVersion: obj.apiVersion, kind, name: obj.metadata.name, uid: obj.metadata.uid, controller: true }];
}

describe('kubectl describe deployment and replicaset (describe_test.go TestDescribeDeployment, through the API)', () => {
  it('prints the rollout summary, the pod template and the old and new ReplicaSets', () => {
    const c = setup();
    const d = post(c, `${APPS}/deployments`, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'bar', labels },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: template('mytest-image:latest') },
    });
    post(c, `${APPS}/replicasets`, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'bar-001', labels, ownerReferences: ownedBy('Deployment', d) },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: template('mytest-image:latest') },
    });
    status(c, `${APPS}/replicasets/bar-001`, { replicas: 1, readyReplicas: 1, availableReplicas: 1 });
    post(c, `${APPS}/replicasets`, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'bar-000', labels, ownerReferences: ownedBy('Deployment', d) },
      spec: { replicas: 0, selector: { matchLabels: labels }, template: template('mytest-image:v0') },
    });
    const out = c.kubectl('describe deployment bar -n foo').stdout;
    for (const expected of [
      'Name:                   bar\nNamespace:              foo\n',
      'CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000\n',
      'Labels:                 k8s-app=bar\n',
      'Selector:               k8s-app=bar\n',
      'Replicas:               1 desired | 0 updated | 0 total | 0 available | 0 unavailable\n',
      'StrategyType:           RollingUpdate\nMinReadySeconds:        0\nRollingUpdateStrategy:  25% max unavailable, 25% max surge\n',
      '    Image:        mytest-image:latest\n',
      'Mounts:\n      /tmp/vol-bar from vol-bar (rw)\n      /tmp/vol-foo from vol-foo (rw)\n',
      '  Node-Selectors:  <none>\n  Tolerations:     <none>\n',
      'OldReplicaSets:    bar-000 (0/0 replicas created)\n',
      'NewReplicaSet:     bar-001 (1/1 replicas created)\n',
      'Events:            <none>\n',
    ]) {
      expect(out).toContain(expected);
    }
  });

  it('describes a ReplicaSet with its owner and the phases of the pods it controls', () => {
    const c = setup();
    const rs = post(c, `${APPS}/replicasets`, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-6d4cf56db6', labels },
      spec: { replicas: 3, selector: { matchLabels: labels }, template: template('nginx:1.27') },
    });
    status(c, `${APPS}/replicasets/web-6d4cf56db6`, { replicas: 2 });
    const pod = (name: string, owners: unknown[] | undefined, phase: string) => {
      post(c, '/api/v1/namespaces/foo/pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, labels, ...(owners ? { ownerReferences: owners } : {}) },
        spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx:1.27' }] },
      });
      status(c, `/api/v1/namespaces/foo/pods/${name}`, { phase });
    };
    pod('web-a', ownedBy('ReplicaSet', rs), 'Running');
    pod('web-b', ownedBy('ReplicaSet', rs), 'Pending');
    pod('stray', undefined, 'Running');
    const out = c.kubectl('describe rs web-6d4cf56db6 -n foo').stdout;
    expect(out).toMatch(/^Name: +web-6d4cf56db6\nNamespace: +foo\nSelector: +k8s-app=bar\n/);
    expect(out).toMatch(/\nReplicas: +2 current \/ 3 desired\nPods Status: +1 Running \/ 1 Waiting \/ 0 Succeeded \/ 0 Failed\nPod Template:\n/);
  });
});

describe('kubectl describe statefulset, daemonset, job and cronjob', () => {
  it('describes a StatefulSet with its update strategy and volume claim templates', () => {
    const c = setup();
    post(c, `${APPS}/statefulsets`, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        replicas: 2,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    const out = c.kubectl('describe sts db -n foo').stdout;
    expect(out).toMatch(/\nReplicas: +2 desired \| 0 total\nUpdate Strategy: +RollingUpdate\n {2}Partition: +0\nPods Status: +0 Running/);
    expect(out).toMatch(/\nVolume Claims:\n {2}Name: +data\n {2}StorageClass: +\n {2}Labels: +<none>\n {2}Annotations: +<none>\n {2}Capacity: +1Gi\n {2}Access Modes: +\[ReadWriteOnce\]\n/);
  });

  it('describes a DaemonSet with the node counts', () => {
    const c = setup();
    post(c, `${APPS}/daemonsets`, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'fluentd' }] } } },
    });
    status(c, `${APPS}/daemonsets/agent`, {
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      updatedNumberScheduled: 3,
      numberAvailable: 2,
      numberMisscheduled: 0,
      numberReady: 2,
    });
    const out = c.kubectl('describe daemonset agent -n foo').stdout;
    expect(out).toContain(
      [
        'Desired Number of Nodes Scheduled: 3',
        'Current Number of Nodes Scheduled: 3',
        'Number of Nodes Scheduled with Up-to-date Pods: 3',
        'Number of Nodes Scheduled with Available Pods: 2',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  0 Running / 0 Waiting / 0 Succeeded / 0 Failed',
      ].join('\n'),
    );
    expect(out).toMatch(/^Name: +agent\nNamespace: +foo\nSelector: +app=agent\nNode-Selector: +<none>\n/);
  });

  it('describes a Job with its start, completion, duration and pod statuses', () => {
    const c = setup();
    post(c, '/apis/batch/v1/namespaces/foo/jobs', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { completions: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } } },
    });
    status(c, '/apis/batch/v1/namespaces/foo/jobs/pi', {
      startTime: '2026-01-01T00:00:02Z',
      completionTime: '2026-01-01T00:00:40Z',
      succeeded: 1,
      ready: 0,
      conditions: [{ type: 'Complete', status: 'True', lastProbeTime: '2026-01-01T00:00:40Z', lastTransitionTime: '2026-01-01T00:00:40Z' }],
    });
    const out = c.kubectl('describe job pi -n foo').stdout;
    expect(out).toMatch(/\nStart Time: +Thu, 01 Jan 2026 00:00:02 \+0000\nCompleted At: +Thu, 01 Jan 2026 00:00:40 \+0000\nDuration: +38s\n/);
    expect(out).toMatch(/\nPods Statuses: +0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed\n/);
    expect(out).toMatch(/\nCompletions: +1\n/);
  });

  it('describes a CronJob with its schedule, job template and active jobs', () => {
    const c = setup();
    post(c, '/apis/batch/v1/namespaces/foo/cronjobs', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'hello' },
      spec: {
        schedule: '*/1 * * * *',
        concurrencyPolicy: 'Forbid',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28' }] } } } },
      },
    });
    const out = c.kubectl('describe cronjob hello -n foo').stdout;
    for (const line of [
      /\nSchedule: +\*\/1 \* \* \* \*\n/,
      /\nConcurrency Policy: +Forbid\n/,
      /\nSuspend: +False\n/,
      /\nSuccessful Job History Limit: +3\n/,
      /\nStarting Deadline Seconds: +<unset>\n/,
      /\nSelector: +<unset>\nParallelism: +<unset>\nCompletions: +<unset>\nPod Template:\n/,
      /\nLast Schedule Time: +<unset>\nActive Jobs: +<none>\n/,
    ]) {
      expect(out).toMatch(line);
    }
  });
});

describe('kubectl describe storage, networking, autoscaling and generic kinds', () => {
  it('describes a PVC with the pods that use it, and a PV with its source', () => {
    const c = setup();
    post(c, '/api/v1/persistentvolumes', {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-1' },
      spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', hostPath: { path: '/mnt/data' }, claimRef: { namespace: 'foo', name: 'data' } },
    });
    status(c, '/api/v1/persistentvolumes/pv-1', { phase: 'Bound' });
    post(c, '/api/v1/namespaces/foo/persistentvolumeclaims', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', volumeName: 'pv-1', resources: { requests: { storage: '1Gi' } } },
    });
    status(c, '/api/v1/namespaces/foo/persistentvolumeclaims/data', { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'] });
    post(c, '/api/v1/namespaces/foo/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'app' },
      spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] },
    });
    const pvc = c.kubectl('describe pvc data -n foo').stdout;
    expect(pvc).toMatch(/^Name: +data\nNamespace: +foo\nStorageClass: +manual\nStatus: +Bound\nVolume: +pv-1\n/);
    expect(pvc).toMatch(/\nCapacity: +10Gi\nAccess Modes: +RWO\nVolumeMode: +Filesystem\nUsed By: +app\nEvents: +<none>\n$/);
    const pv = c.kubectl('describe pv pv-1').stdout;
    expect(pv).toMatch(/\nStatus: +Bound\nClaim: +foo\/data\nReclaim Policy: +Retain\nAccess Modes: +RWO\n/);
    expect(pv).toMatch(/\nNode Affinity: +<none>\nMessage: +\nSource:\n {4}Type: +HostPath \(bare host directory volume\)\n {4}Path: +\/mnt\/data\n/);
  });

  it('describes a default StorageClass', () => {
    // The default cluster ships kind's `standard` class.
    const c = setup();
    expect(c.kubectl('describe sc standard').stdout).toBe(
      [
        'Name:                  standard',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           rancher.io/local-path',
        'Parameters:            <none>',
        'AllowVolumeExpansion:  <unset>',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     WaitForFirstConsumer',
        'Events:                <none>',
        '',
      ].join('\n'),
    );
  });

  it('describes an Ingress with its rules and backends', () => {
    const c = setup();
    post(c, '/api/v1/namespaces/foo/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
    post(c, '/apis/discovery.k8s.io/v1/namespaces/foo/endpointslices', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-x1', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.1.4'], conditions: { ready: true } }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
    post(c, '/apis/networking.k8s.io/v1/namespaces/foo/ingresses', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop' },
      spec: {
        ingressClassName: 'nginx',
        rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
      },
    });
    expect(c.kubectl('describe ingress shop -n foo').stdout).toBe(
      [
        'Name:             shop',
        'Labels:           <none>',
        'Namespace:        foo',
        'Address:          ',
        'Ingress Class:    nginx',
        'Default backend:  <default>',
        'Rules:',
        '  Host              Path  Backends',
        '  ----              ----  --------',
        '  shop.example.com  ',
        '                    /   web:80 (10.244.1.4:8080)',
        'Annotations:        <none>',
        'Events:',
        '  Type    Reason  Age   From                      Message',
        '  ----    ------  ----  ----                      -------',
        '  Normal  Sync    0s    nginx-ingress-controller  Scheduled for sync',
        '',
      ].join('\n'),
    );
  });

  it('describes an HPA with its metrics as ( current / target )', () => {
    const c = setup();
    const path = '/apis/autoscaling/v2/namespaces/foo/horizontalpodautoscalers';
    post(c, path, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'php' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      },
    });
    status(c, `${path}/php`, {
      currentReplicas: 1,
      desiredReplicas: 4,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 250, averageValue: '500m' } } }],
    });
    const out = c.kubectl('describe hpa php -n foo').stdout;
    expect(out).toMatch(/\nReference: +Deployment\/php-apache\nMetrics: +\( current \/ target \)\n {2}resource cpu on pods {2}\(as a percentage of request\): {2}250% \(500m\) \/ 50%\n/);
    expect(out).toMatch(/\nMin replicas: +1\nMax replicas: +10\nDeployment pods: +1 current \/ 4 desired\n/);
  });

  it('describes Endpoints subsets and falls back to the generic describer for a Lease', () => {
    const c = setup();
    post(c, '/api/v1/namespaces/foo/endpoints', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web' },
      subsets: [{ addresses: [{ ip: '10.244.1.2' }], notReadyAddresses: [{ ip: '10.244.2.2' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }],
    });
    expect(c.kubectl('describe endpoints web -n foo').stdout).toBe(
      [
        'Name:         web',
        'Namespace:    foo',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Subsets:',
        '  Addresses:          10.244.1.2',
        '  NotReadyAddresses:  10.244.2.2',
        '  Ports:',
        '    Name  Port  Protocol',
        '    ----  ----  --------',
        '    http  80    TCP',
        '',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
    post(c, '/apis/coordination.k8s.io/v1/namespaces/foo/leases', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'lock' },
      spec: { holderIdentity: 'me', leaseDurationSeconds: 15 },
    });
    const lease = c.kubectl('describe lease lock -n foo').stdout;
    expect(lease).toMatch(/^Name: +lock\nNamespace: +foo\nLabels: +<none>\nAnnotations: +<none>\nAPI Version: +coordination\.k8s\.io\/v1\nKind: +Lease\nMetadata:\n {2}Creation Timestamp: +2026-01-01T00:00:00Z\n/);
    expect(lease).toMatch(/\nSpec:\n {2}Holder Identity: +me\n {2}Lease Duration Seconds: +15\nEvents: +<none>\n$/);
  });

  it('describes a ServiceAccount with its secrets and tokens', () => {
    const c = setup();
    post(c, '/api/v1/namespaces/foo/serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'bot' },
      imagePullSecrets: [{ name: 'regcred' }],
    });
    expect(c.kubectl('describe sa bot -n foo').stdout).toBe(
      [
        'Name:                bot',
        'Namespace:           foo',
        'Labels:              <none>',
        'Annotations:         <none>',
        'Image pull secrets:  regcred (not found)',
        'Mountable secrets:   <none>',
        'Tokens:              <none>',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
  });
});
