import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import type { Cluster } from '../../src/engine/cluster';

function get(c: Cluster, path: string): any {
  return c.request({ method: 'GET', path }).body;
}

const NS = '/api/v1/namespaces/default';

function events(c: Cluster, kind: string, name: string): string[] {
  return get(c, `${NS}/events`)
    .items.filter((e: any) => e.involvedObject.kind === kind && e.involvedObject.name === name)
    .map((e: any) => `${e.type} ${e.reason} ${e.message}`);
}

const pvcYaml = (name: string, extra = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
${extra}`;

const podYaml = (name: string, claim: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: db
    image: postgres:16
    env:
    - name: POSTGRES_PASSWORD
      value: secret
    volumeMounts:
    - name: data
      mountPath: /var/lib/postgresql/data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: ${claim}
`;

const pvYaml = (name: string, size: string, extra = '') => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
spec:
  capacity:
    storage: ${size}
  accessModes: ["ReadWriteOnce"]
  hostPath:
    path: /mnt/${name}
${extra}`;

const phase = (pod: any) => pod?.status?.phase;
const statusCol = (c: Cluster, pod: string) => c.kubectl(`get pod ${pod} --no-headers`).stdout.split(/\s+/)[2];

describe('default StorageClass and dynamic provisioning', () => {
  it('ships kind\'s standard class and names it on claims that name none', () => {
    const c = createCluster();
    expect(c.kubectl('get sc').stdout).toMatch(
      /^NAME +PROVISIONER +RECLAIMPOLICY +VOLUMEBINDINGMODE +ALLOWVOLUMEEXPANSION +AGE\nstandard \(default\) +rancher\.io\/local-path +Delete +WaitForFirstConsumer +false +\d+s\n$/,
    );
    c.kubectl('apply -f -', pvcYaml('data'));
    const pvc = get(c, `${NS}/persistentvolumeclaims/data`);
    expect(pvc.spec.storageClassName).toBe('standard');
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });

  it('keeps a claim Pending until a pod uses it, then provisions a volume on that pod\'s node', () => {
    const c = createCluster();
    c.kubectl('apply -f -', pvcYaml('data'));
    c.advance(30_000);
    expect(get(c, `${NS}/persistentvolumeclaims/data`).status.phase).toBe('Pending');
    expect(events(c, 'PersistentVolumeClaim', 'data')).toEqual(['Normal WaitForFirstConsumer waiting for first consumer to be created before binding']);
    // The controller re-syncs a waiting claim every 15s, and the event counts up.
    expect(c.kubectl('describe pvc data').stdout).toMatch(
      /\n {2}Normal {2}WaitForFirstConsumer {2}0s \(x3 over 30s\) {2}persistentvolume-controller {2}waiting for first consumer to be created before binding\n$/,
    );
    expect(c.kubectl('get pvc').stdout).toMatch(
      /^NAME +STATUS +VOLUME +CAPACITY +ACCESS MODES +STORAGECLASS +VOLUMEATTRIBUTESCLASS +AGE\ndata +Pending +standard +<unset> +30s\n$/,
    );
    expect(c.kubectl('get pv').stderr).toBe('No resources found\n');

    c.kubectl('apply -f -', podYaml('db', 'data'));
    c.advance(0);
    // The scheduler picks a node and writes it on the claim, but binds the pod only once the claim is bound.
    const annotated = get(c, `${NS}/persistentvolumeclaims/data`);
    const node = annotated.metadata.annotations['volume.kubernetes.io/selected-node'];
    expect(node).toMatch(/^worker-\d$/);
    expect(annotated.metadata.annotations).toMatchObject({
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    expect(get(c, `${NS}/pods/db`).spec.nodeName).toBeUndefined();
    expect(statusCol(c, 'db')).toBe('Pending');
    expect(events(c, 'Pod', 'db')).toEqual([]);
    c.advance(5000);
    expect(get(c, `${NS}/pods/db`).spec.nodeName).toBe(node);
    expect(events(c, 'Pod', 'db')[0]).toBe(`Normal Scheduled Successfully assigned default/db to ${node}`);
    const pvc = get(c, `${NS}/persistentvolumeclaims/data`);
    const pvName = `pvc-${pvc.metadata.uid}`;
    expect(pvc.spec.volumeName).toBe(pvName);
    expect(pvc.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    expect(pvc.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const pv = get(c, `/api/v1/persistentvolumes/${pvName}`);
    expect(pv.spec).toMatchObject({
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: pvc.metadata.uid },
      hostPath: { path: `/var/local-path-provisioner/${pvName}_default_data`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
    });
    expect(pv.metadata.annotations['pv.kubernetes.io/provisioned-by']).toBe('rancher.io/local-path');
    expect(pv.status.phase).toBe('Bound');
    const evs = events(c, 'PersistentVolumeClaim', 'data');
    expect(evs).toContain(
      "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(evs).toContain('Normal Provisioning External provisioner is provisioning volume for claim "default/data"');
    expect(evs).toContain(`Normal ProvisioningSucceeded Successfully provisioned volume ${pvName}`);
    c.advance(10_000);
    expect(phase(get(c, `${NS}/pods/db`))).toBe('Running');

    expect(c.kubectl('get pv').stdout).toMatch(
      new RegExp(
        `^NAME +CAPACITY +ACCESS MODES +RECLAIM POLICY +STATUS +CLAIM +STORAGECLASS +VOLUMEATTRIBUTESCLASS +REASON +AGE\\n${pvName} +1Gi +RWO +Delete +Bound +default/data +standard +<unset> +\\d+s\\n$`,
      ),
    );
    expect(c.kubectl('get pvc data --no-headers').stdout).toMatch(new RegExp(`^data +Bound +${pvName} +1Gi +RWO +standard +<unset> +\\d+s\\n$`));

    // Deleting the pod and then the claim: the Delete policy removes the provisioned volume.
    c.kubectl('delete pod db --wait=false');
    c.advance(40_000);
    expect(c.kubectl('delete pvc data --wait=false').stdout).toBe('persistentvolumeclaim "data" deleted\n');
    c.advance(10_000);
    expect(get(c, `${NS}/persistentvolumeclaims/data`).code).toBe(404);
    expect(get(c, `/api/v1/persistentvolumes/${pvName}`).code).toBe(404);
  });

  it('refuses ReadWriteMany on the local-path class', () => {
    const c = createCluster();
    c.kubectl('apply -f -', pvcYaml('shared').replace('ReadWriteOnce', 'ReadWriteMany'));
    c.kubectl('apply -f -', podYaml('db', 'shared'));
    c.advance(5000);
    expect(events(c, 'PersistentVolumeClaim', 'shared')).toContain(
      'Warning ProvisioningFailed failed to provision volume with StorageClass "standard": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes',
    );
    expect(get(c, `${NS}/persistentvolumeclaims/shared`).status.phase).toBe('Pending');
    expect(statusCol(c, 'db')).toBe('Pending');
    // PreBind gives up after bindTimeoutSeconds (600s) and the pod goes back to the queue.
    c.advance(600_000);
    expect(events(c, 'Pod', 'db')).toContain(
      'Warning FailedScheduling running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded',
    );
  });
});

describe('static PersistentVolumes', () => {
  it('binds a class-less claim to the smallest volume that fits, both ways', () => {
    const c = createCluster();
    c.kubectl('apply -f -', [pvYaml('big', '10Gi'), pvYaml('small', '2Gi'), pvYaml('tiny', '500Mi')].join('---\n'));
    c.advance(0);
    expect(get(c, '/api/v1/persistentvolumes/small').status.phase).toBe('Available');
    c.kubectl('apply -f -', pvcYaml('manual', '  storageClassName: ""\n'));
    c.advance(0);
    const pvc = get(c, `${NS}/persistentvolumeclaims/manual`);
    expect(pvc.spec.volumeName).toBe('small');
    expect(pvc.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
    const pv = get(c, '/api/v1/persistentvolumes/small');
    expect(pv.status.phase).toBe('Bound');
    expect(pv.spec.claimRef).toMatchObject({ namespace: 'default', name: 'manual', uid: pvc.metadata.uid });
    expect(pv.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(c.kubectl('get pv small --no-headers').stdout).toMatch(/^small +2Gi +RWO +Retain +Bound +default\/manual +<unset> +\d+s\n$/);
    expect(c.kubectl('get pvc manual --no-headers').stdout).toMatch(/^manual +Bound +small +2Gi +RWO +<unset> +\d+s\n$/);
    // Growing it needs a class that allows expansion.
    expect(c.kubectl(`patch pvc manual -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'`).stderr).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "manual" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n',
    );
  });

  it('binds a claim to the volume it names, if that volume satisfies it', () => {
    const c = createCluster();
    c.kubectl('apply -f -', [pvYaml('tiny', '500Mi'), pvYaml('mine', '3Gi')].join('---\n'));
    c.kubectl('apply -f -', pvcYaml('want-tiny', '  storageClassName: ""\n  volumeName: tiny\n'));
    c.kubectl('apply -f -', pvcYaml('want-mine', '  storageClassName: ""\n  volumeName: mine\n'));
    c.advance(1000);
    expect(events(c, 'PersistentVolumeClaim', 'want-tiny')).toEqual(['Warning VolumeMismatch Cannot bind to requested volume "tiny": requested PV is too small']);
    expect(get(c, `${NS}/persistentvolumeclaims/want-tiny`).status.phase).toBe('Pending');
    const mine = get(c, `${NS}/persistentvolumeclaims/want-mine`);
    expect(mine.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '3Gi' } });
    // The user chose the volume: only bind-completed, no bound-by-controller on the claim.
    expect(mine.metadata.annotations['pv.kubernetes.io/bind-completed']).toBe('yes');
    expect(mine.metadata.annotations['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
  });

  it('keeps a Retain volume Released after its claim is deleted', () => {
    const c = createCluster();
    c.kubectl('apply -f -', pvYaml('keep', '1Gi'));
    c.kubectl('apply -f -', pvcYaml('manual', '  storageClassName: ""\n'));
    c.advance(0);
    c.kubectl('delete pvc manual');
    c.advance(1000);
    const pv = get(c, '/api/v1/persistentvolumes/keep');
    expect(pv.status.phase).toBe('Released');
    expect(pv.spec.claimRef.name).toBe('manual');
    expect(c.kubectl('get pv keep --no-headers').stdout).toMatch(/^keep +1Gi +RWO +Retain +Released +default\/manual +<unset> +\d+s\n$/);
    // A new claim of the same name does not get the released volume back.
    c.kubectl('apply -f -', pvcYaml('manual', '  storageClassName: ""\n'));
    c.advance(1000);
    expect(get(c, `${NS}/persistentvolumeclaims/manual`).status.phase).toBe('Pending');
    expect(events(c, 'PersistentVolumeClaim', 'manual')).toContain('Normal FailedBinding no persistent volumes available for this claim and no storage class is set');
  });

  it('fails to delete a hostPath volume outside /tmp under the Delete policy', () => {
    const c = createCluster();
    c.kubectl('apply -f -', pvYaml('gone', '1Gi', '  persistentVolumeReclaimPolicy: Delete\n'));
    c.kubectl('apply -f -', pvcYaml('manual', '  storageClassName: ""\n'));
    c.advance(0);
    c.kubectl('delete pvc manual');
    c.advance(1000);
    const pv = get(c, '/api/v1/persistentvolumes/gone');
    expect(pv.status.phase).toBe('Failed');
    expect(pv.status.message).toBe('host_path deleter only supports /tmp/.+ but received provided /mnt/gone');
  });
});

describe('pods and their claims', () => {
  it('does not schedule a pod whose claim is missing, then schedules it once the claim exists', () => {
    const c = createCluster();
    c.kubectl('apply -f -', podYaml('db', 'nope'));
    c.advance(0);
    expect(events(c, 'Pod', 'db')).toEqual([
      'Warning FailedScheduling 0/4 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
    ]);
    c.kubectl('apply -f -', pvcYaml('nope'));
    c.advance(15_000);
    expect(phase(get(c, `${NS}/pods/db`))).toBe('Running');
  });

  it('holds a pod with an unbound Immediate claim until a volume binds it', () => {
    const c = createCluster();
    c.kubectl('apply -f -', pvcYaml('manual', '  storageClassName: ""\n'));
    c.kubectl('apply -f -', podYaml('db', 'manual'));
    c.advance(0);
    expect(events(c, 'Pod', 'db')).toEqual([
      'Warning FailedScheduling 0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
    ]);
    expect(c.kubectl('get pod db --no-headers').stdout).toMatch(/^db +0\/1 +Pending +0 +\d+s\n$/);
    c.kubectl('apply -f -', pvYaml('pv1', '5Gi'));
    c.advance(15_000);
    expect(get(c, `${NS}/persistentvolumeclaims/manual`).spec.volumeName).toBe('pv1');
    expect(phase(get(c, `${NS}/pods/db`))).toBe('Running');
  });

  it('keeps a claim in use Terminating until its pod is gone', () => {
    const c = createCluster();
    c.kubectl('apply -f -', pvcYaml('data'));
    c.kubectl('apply -f -', podYaml('db', 'data'));
    c.advance(15_000);
    c.kubectl('delete pvc data --wait=false');
    c.advance(5000);
    expect(c.kubectl('get pvc data --no-headers').stdout).toMatch(/^data +Terminating +pvc-/);
    c.kubectl('delete pod db --wait=false');
    c.advance(40_000);
    expect(get(c, `${NS}/persistentvolumeclaims/data`).code).toBe(404);
  });

  it('keeps a pod placed by nodeName in ContainerCreating while its claim is unbound, with FailedMount', () => {
    const c = createCluster();
    c.kubectl('apply -f -', pvcYaml('data'));
    c.kubectl('apply -f -', podYaml('db', 'data').replace('spec:\n  containers:', 'spec:\n  nodeName: worker-1\n  containers:'));
    c.advance(60_000);
    expect(statusCol(c, 'db')).toBe('ContainerCreating');
    expect(events(c, 'Pod', 'db').filter((e) => e.includes('FailedMount'))).toEqual([]);
    c.advance(65_000);
    expect(events(c, 'Pod', 'db')).toContain(
      'Warning FailedMount Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: PVC default/data has non-bound phase ("Pending") or empty pvc.Spec.VolumeName ("")',
    );
  });
});

describe('local volumes with WaitForFirstConsumer', () => {
  const local = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-storage
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: ssd1
spec:
  capacity:
    storage: 10Gi
  accessModes: ["ReadWriteOnce"]
  storageClassName: local-storage
  local:
    path: /mnt/disks/ssd1
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values: ["worker-2"]
`;

  it('binds the claim to the volume on the node the pod can use, and sends the pod there', () => {
    const c = createCluster();
    c.kubectl('apply -f -', local);
    c.kubectl('apply -f -', pvcYaml('fast', '  storageClassName: local-storage\n'));
    c.advance(1000);
    expect(get(c, `${NS}/persistentvolumeclaims/fast`).status.phase).toBe('Pending');
    c.kubectl('apply -f -', podYaml('db', 'fast'));
    c.advance(3000);
    expect(get(c, `${NS}/pods/db`).spec.nodeName).toBe('worker-2');
    expect(get(c, `${NS}/persistentvolumeclaims/fast`).spec.volumeName).toBe('ssd1');
    expect(get(c, '/api/v1/persistentvolumes/ssd1').status.phase).toBe('Bound');

    // No second volume: no node can give the next claim one.
    c.kubectl('apply -f -', pvcYaml('fast2', '  storageClassName: local-storage\n'));
    c.kubectl('apply -f -', podYaml('db2', 'fast2'));
    c.advance(1000);
    expect(events(c, 'Pod', 'db2')).toEqual([
      "Warning FailedScheduling 0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't find available persistent volumes to bind. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..",
    ]);
  });
});

