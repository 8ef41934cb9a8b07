import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { cellMap, columnNames, create, patchStatus, row, table } from './printers-helpers';

const NS = '/api/v1/namespaces/default';

describe('event table (printEvent)', () => {
  it('prints LAST SEEN, TYPE, REASON, OBJECT, MESSAGE and the wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME', () => {
    const c = createCluster();
    create(c, `${NS}/events`, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web-1.17f3' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', apiVersion: 'v1', fieldPath: 'spec.containers{app}' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container app in pod web-1_default(uid)\n',
      type: 'Warning',
      source: { component: 'kubelet', host: 'worker-1' },
      firstTimestamp: '2026-01-01T00:00:10Z',
      lastTimestamp: '2026-01-01T00:02:00Z',
      count: 7,
    });
    c.advance(5 * 60_000);
    expect(columnNames(c, `${NS}/events`)).toEqual([
      'Last Seen',
      'Type',
      'Reason',
      'Object',
      'Subobject*',
      'Source*',
      'Message',
      'First Seen*',
      'Count*',
      'Name*',
    ]);
    expect(row(c, `${NS}/events/web-1.17f3`)).toEqual([
      '3m',
      'Warning',
      'BackOff',
      'pod/web-1',
      'spec.containers{app}',
      'kubelet, worker-1',
      'Back-off restarting failed container app in pod web-1_default(uid)',
      '4m50s',
      7,
      'web-1.17f3',
    ]);
    expect(table(c, `${NS}/events`).columnDefinitions[9].format).toBe('name');
  });
});

describe('storage tables', () => {
  it('prints a PersistentVolume and a bound PersistentVolumeClaim', () => {
    const c = createCluster();
    expect(columnNames(c, '/api/v1/persistentvolumes')).toEqual([
      'Name',
      'Capacity',
      'Access Modes',
      'Reclaim Policy',
      'Status',
      'Claim',
      'StorageClass',
      'VolumeAttributesClass',
      'Reason',
      'Age',
      'VolumeMode*',
    ]);
    expect(columnNames(c, `${NS}/persistentvolumeclaims`)).toEqual([
      'Name',
      'Status',
      'Volume',
      'Capacity',
      'Access Modes',
      'StorageClass',
      'VolumeAttributesClass',
      'Age',
      'VolumeMode*',
    ]);
    create(c, '/api/v1/persistentvolumes', {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-1' },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteMany', 'ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: 'manual',
        hostPath: { path: '/mnt/data' },
        claimRef: { namespace: 'default', name: 'data' },
      },
    });
    patchStatus(c, '/api/v1/persistentvolumes/pv-1', { phase: 'Bound' });
    create(c, `${NS}/persistentvolumeclaims`, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', volumeName: 'pv-1', resources: { requests: { storage: '3Gi' } } },
    });
    create(c, `${NS}/persistentvolumeclaims`, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'waiting' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    patchStatus(c, `${NS}/persistentvolumeclaims/data`, { phase: 'Bound', accessModes: ['ReadWriteOnce', 'ReadWriteMany'], capacity: { storage: '10Gi' } });
    patchStatus(c, `${NS}/persistentvolumeclaims/waiting`, { phase: 'Pending' });
    expect(row(c, '/api/v1/persistentvolumes/pv-1')).toEqual([
      'pv-1',
      '10Gi',
      'RWO,RWX',
      'Retain',
      'Bound',
      'default/data',
      'manual',
      '<unset>',
      '',
      '0s',
      'Filesystem',
    ]);
    expect(row(c, `${NS}/persistentvolumeclaims/data`)).toEqual(['data', 'Bound', 'pv-1', '10Gi', 'RWO,RWX', 'manual', '<unset>', '0s', 'Filesystem']);
    expect(cellMap(c, `${NS}/persistentvolumeclaims/waiting`)).toMatchObject({ Status: 'Pending', Volume: '', Capacity: '', 'Access Modes': '' });
  });

  it('marks the default StorageClass and fills RECLAIMPOLICY and VOLUMEBINDINGMODE defaults', () => {
    const c = createCluster();
    const path = '/apis/storage.k8s.io/v1/storageclasses';
    expect(columnNames(c, path)).toEqual(['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
    // The default cluster ships kind's `standard` class.
    expect(row(c, `${path}/standard`).slice(0, 5)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false]);
  });
});

describe('HPA, ingress and ingress class tables', () => {
  it('prints HPA TARGETS as cpu: <unknown>/50% before metrics and cpu: 250%/50% after', () => {
    const c = createCluster();
    const path = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';
    expect(columnNames(c, path)).toEqual(['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
    create(c, path, {
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
    expect(row(c, `${path}/php`).slice(0, 6)).toEqual(['php', 'Deployment/php-apache', 'cpu: <unknown>/50%', '1', 10, 0]);
    patchStatus(c, `${path}/php`, {
      currentReplicas: 4,
      desiredReplicas: 5,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 250, averageValue: '500m' } } }],
    });
    expect(cellMap(c, `${path}/php`)).toMatchObject({ Targets: 'cpu: 250%/50%', Replicas: 4 });
  });

  it('prints an Ingress with CLASS, HOSTS, ADDRESS and PORTS, and an IngressClass', () => {
    const c = createCluster();
    const path = '/apis/networking.k8s.io/v1/namespaces/default/ingresses';
    expect(columnNames(c, path)).toEqual(['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
    const backend = { service: { name: 'web', port: { number: 80 } } };
    create(c, path, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop' },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        rules: ['a', 'b', 'c', 'd'].map((h) => ({ host: `${h}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } })),
      },
    });
    create(c, path, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'any' }, spec: { defaultBackend: backend } });
    expect(row(c, `${path}/shop`).slice(0, 5)).toEqual(['shop', 'nginx', 'a.example.com,b.example.com,c.example.com + 1 more...', '', '80, 443']);
    // The DefaultIngressClass admission gives a class-less Ingress the default class (the built-in nginx).
    expect(row(c, `${path}/any`).slice(0, 5)).toEqual(['any', 'nginx', '*', '', '80']);
    const classes = '/apis/networking.k8s.io/v1/ingressclasses';
    create(c, classes, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx-external' },
      spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } },
    });
    expect(columnNames(c, classes)).toEqual(['Name', 'Controller', 'Parameters', 'Age']);
    expect(row(c, `${classes}/nginx-external`).slice(0, 3)).toEqual(['nginx-external', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb']);
  });
});
