/**
 * Defaulting of pod specs as the decoder applies it (core/v1 SetDefaults_PodSpec, _Container, _Probe, _Volume ...),
 * shared by Pods and by every pod template (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob).
 * Pods get a few more (SetDefaults_Pod): requests copied from limits, enableServiceLinks, hostNetwork host ports.
 */
import { isPlainObject } from '../../util';
import { decodeQuantities } from '../validation/common';
import { defaultQuantities } from './pod-quantities';

/** 0644, the default file mode of secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_FILE_MODE = 420;

export interface PodSpecDefaultOptions {
  /** The spec belongs to a Pod (not a template): SetDefaults_Pod applies too. */
  isPod: boolean;
  /** Kind named in decode errors (`Deployment in version "v1" cannot be handled as a Deployment: ...`). */
  kind: string;
}

const isObj = isPlainObject;

/** Defaults of a PodTemplateSpec: its metadata serializes with `creationTimestamp: null`, its spec gets pod-spec defaults. */
export function defaultPodTemplate(template: any, kind: string): void {
  if (!isObj(template)) return;
  defaultTemplateMetadata(template);
  if (!isObj(template.spec)) template.spec = {};
  defaultPodSpec(template.spec, { isPod: false, kind });
}

/** Go serializes an embedded ObjectMeta's zero creationTimestamp as `null`; kubectl shows it that way. */
export function defaultTemplateMetadata(holder: any): void {
  if (!isObj(holder.metadata)) holder.metadata = {};
  if (holder.metadata.creationTimestamp === undefined) holder.metadata.creationTimestamp = null;
}

export function defaultPodSpec(spec: any, opts: PodSpecDefaultOptions): void {
  if (!isObj(spec)) return;
  // serviceAccount is the deprecated alias of serviceAccountName: the new field wins, the old one mirrors it.
  if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string' && spec.serviceAccount) {
    spec.serviceAccountName = spec.serviceAccount;
  }
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;

  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (spec.securityContext === undefined || spec.securityContext === null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = 30;
  }
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';

  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    if (!Array.isArray(spec[list])) continue;
    for (const c of spec[list]) defaultContainer(c, opts.kind);
  }
  if (Array.isArray(spec.volumes)) for (const v of spec.volumes) defaultVolume(v, opts.kind);
  if (spec.overhead !== undefined) defaultResourceList(spec.overhead, opts.kind);

  if (opts.isPod) {
    for (const list of ['containers', 'initContainers']) {
      if (!Array.isArray(spec[list])) continue;
      for (const c of spec[list]) requestsFromLimits(c);
    }
    if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
    if (spec.hostNetwork === true) {
      for (const list of ['containers', 'initContainers']) {
        for (const c of Array.isArray(spec[list]) ? spec[list] : []) {
          for (const p of Array.isArray(c?.ports) ? c.ports : []) {
            if (isObj(p) && !p.hostPort && typeof p.containerPort === 'number') p.hostPort = p.containerPort;
          }
        }
      }
    }
  }
}

/** SetDefaults_Pod: a resource with a limit but no request gets the limit as its request. */
function requestsFromLimits(c: any): void {
  const res = c?.resources;
  if (!isObj(res) || !isObj(res.limits)) return;
  if (!isObj(res.requests)) res.requests = {};
  for (const [k, v] of Object.entries(res.limits)) if (!(k in res.requests)) res.requests[k] = v;
}

function defaultContainer(c: any, kind: string): void {
  if (!isObj(c)) return;
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
  if (Array.isArray(c.env)) {
    for (const e of c.env) defaultFieldRef(e?.valueFrom?.fieldRef);
  }
  if (c.resources === undefined || c.resources === null) c.resources = {};
  if (isObj(c.resources)) {
    defaultResourceList(c.resources.limits, kind);
    defaultResourceList(c.resources.requests, kind);
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[probe]);
  if (isObj(c.lifecycle)) {
    defaultHttpGet(c.lifecycle.postStart?.httpGet);
    defaultHttpGet(c.lifecycle.preStop?.httpGet);
  }
}

function defaultProbe(p: any): void {
  if (!isObj(p)) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHttpGet(p.httpGet);
  if (isObj(p.grpc) && p.grpc.service === undefined) p.grpc.service = '';
}

function defaultHttpGet(h: any): void {
  if (!isObj(h)) return;
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

function defaultFieldRef(ref: any): void {
  if (isObj(ref) && !ref.apiVersion) ref.apiVersion = 'v1';
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

function defaultVolume(v: any, kind: string): void {
  if (!isObj(v)) return;
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {};
  if (isObj(v.emptyDir) && v.emptyDir.sizeLimit !== undefined) {
    const holder = { sizeLimit: v.emptyDir.sizeLimit };
    decodeQuantities(holder, kind);
    v.emptyDir.sizeLimit = holder.sizeLimit;
  }
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (isObj(v[s]) && (v[s].defaultMode === undefined || v[s].defaultMode === null)) v[s].defaultMode = DEFAULT_FILE_MODE;
  }
  if (isObj(v.downwardAPI)) for (const item of arr(v.downwardAPI.items)) defaultFieldRef(item?.fieldRef);
  if (isObj(v.projected)) {
    for (const src of arr(v.projected.sources)) {
      if (isObj(src?.serviceAccountToken) && src.serviceAccountToken.expirationSeconds == null) {
        src.serviceAccountToken.expirationSeconds = 3600;
      }
      for (const item of arr(src?.downwardAPI?.items)) defaultFieldRef(item?.fieldRef);
    }
  }
  if (isObj(v.hostPath) && v.hostPath.type === undefined) v.hostPath.type = '';
  if (isObj(v.iscsi) && !v.iscsi.iscsiInterface) v.iscsi.iscsiInterface = 'default';
  const claim = v.ephemeral?.volumeClaimTemplate;
  if (isObj(claim)) {
    if (!isObj(claim.spec)) claim.spec = {};
    defaultPVCSpec(claim.spec, kind);
    if (claim.metadata === undefined) claim.metadata = {};
    if (isObj(claim.metadata) && claim.metadata.creationTimestamp === undefined) claim.metadata.creationTimestamp = null;
  }
}

/** SetDefaults_PersistentVolumeClaimSpec, and the storage quantities in canonical form. */
export function defaultPVCSpec(spec: any, kind: string): void {
  if (!isObj(spec)) return;
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
  if (spec.resources === undefined) spec.resources = {};
  if (isObj(spec.resources)) {
    defaultResourceList(spec.resources.requests, kind);
    defaultResourceList(spec.resources.limits, kind);
  }
}

/** Quantities decoded (a malformed one is a 400), then rounded up to milli units as SetDefaults_ResourceList does. */
export function defaultResourceList(list: any, kind: string): void {
  if (!isObj(list)) return;
  defaultQuantities(list, kind);
}

/** The tag kubelet's ParseImageName finds: `latest` when neither tag nor digest is given; '' for a malformed name. */
export function imageTag(image: string): string {
  const ref = /^(?:((?:[a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+(?::\d+)?)\/)?([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$/;
  const m = ref.exec(image);
  if (!m) return '';
  const [, , , tag, digest] = m;
  if (tag) return tag;
  return digest ? '' : 'latest';
}

function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}
