/**
 * The files a container sees under its volumeMounts, as the kubelet's volume plugins write them: configMap and
 * secret volumes (every key, or only `items` at their paths), downwardAPI volumes, and projected volumes combining
 * those with a service account token. A `subPath` mount puts one file of the volume at the mount path. Values are
 * read when the container starts (and at each resync); a token's text is made from them when the files are first read.
 */
import type { KObject } from '../types';
import { flatten, intern } from '../util';
import type { ConfigLookup } from './env';
import { bytesText, fieldValue, resourceValue } from './env';
import type { PodWorker } from './pod-worker';
import type { ContainerProcess, FileContent } from './process';

const entriesByObject = new WeakMap<KObject, Map<string, string>>();

/** key -> content of a ConfigMap (data and binaryData) or Secret (data), or undefined when it does not exist. */
function objectEntries(kind: 'configmap' | 'secret', ref: any, namespace: string, lookup: ConfigLookup, name: string): Map<string, string> | undefined {
  const obj = kind === 'configmap' ? lookup.configMap(namespace, name) : lookup.secret(namespace, name);
  if (!obj) return undefined;
  // Read-only for callers: one map per stored (frozen) object, shared by every container that mounts it.
  let out = entriesByObject.get(obj);
  if (!out) {
    out = new Map<string, string>();
    if (kind === 'configmap') {
      for (const [k, v] of Object.entries(obj.data ?? {})) out.set(k, String(v ?? ''));
      for (const [k, v] of Object.entries(obj.binaryData ?? {})) out.set(k, bytesText(String(v)));
    } else for (const [k, v] of Object.entries(obj.data ?? {})) out.set(k, bytesText(String(v)));
    if (Object.isFrozen(obj)) entriesByObject.set(obj, out);
  }
  if (!ref?.items?.length) return out;
  const picked = new Map<string, string>();
  for (const item of ref.items) if (out.has(item.key)) picked.set(String(item.path), out.get(item.key)!);
  return picked;
}

/** downwardAPI items: labels/annotations render as sorted `k="v"` lines. */
function downwardEntries(src: any, pod: KObject, container: any, ips: { hostIP: string; podIP: string }): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of src?.items ?? []) {
    const path = item.fieldRef?.fieldPath;
    if (path === 'metadata.labels' || path === 'metadata.annotations') {
      const m: Record<string, string> = (path === 'metadata.labels' ? pod.metadata.labels : pod.metadata.annotations) ?? {};
      out.set(item.path, Object.keys(m).sort().map((k) => `${k}=${JSON.stringify(m[k])}`).join('\n'));
    } else if (path) out.set(item.path, fieldValue(path, pod, ips.hostIP, ips.podIP));
    else if (item.resourceFieldRef) out.set(item.path, resourceValue(container, item.resourceFieldRef.resource));
  }
  return out;
}

const b64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const TOKEN_HEADER = b64url(JSON.stringify({ alg: 'RS256', kid: 'kubeplay' }));

/** A recognisable, decodable stand-in for the bound service account token (header.claims.signature). */
function serviceAccountToken(pod: KObject, issuedAt: number, expirationSeconds: number): string {

  const ns = pod.metadata.namespace ?? 'default';
  const sa = pod.spec?.serviceAccountName ?? 'default';
  const iat = Math.floor(issuedAt / 1000);
  const claims = {
    aud: ['https://kubernetes.default.svc.cluster.local'],
    exp: iat + expirationSeconds,
    iat,
    iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': { namespace: ns, node: { name: pod.spec?.nodeName ?? '' }, pod: { name: pod.metadata.name, uid: pod.metadata.uid }, serviceaccount: { name: sa } },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${sa}`,
  };
  return `${TOKEN_HEADER}.${b64url(JSON.stringify(claims))}.${b64url(`kubeplay-signature:${pod.metadata.uid}`)}`;
}

export interface VolumeFileContext {
  pod: KObject;
  container: any;
  lookup: ConfigLookup;
  ips: { hostIP: string; podIP: string };
  /** Epoch milliseconds the token was issued at. */
  epochMs: number;
}

/** The volume's files (relative path -> content), or undefined for kinds that carry no simulated content. */
function volumeEntries(volume: any, ctx: VolumeFileContext): Map<string, FileContent> | undefined {
  const ns = ctx.pod.metadata.namespace ?? 'default';
  if (volume.configMap) return objectEntries('configmap', volume.configMap, ns, ctx.lookup, volume.configMap.name) ?? new Map();
  if (volume.secret) return objectEntries('secret', volume.secret, ns, ctx.lookup, volume.secret.secretName) ?? new Map();
  if (volume.downwardAPI) return downwardEntries(volume.downwardAPI, ctx.pod, ctx.container, ctx.ips);
  if (!volume.projected) return undefined;
  const out = new Map<string, FileContent>();
  for (const s of volume.projected.sources ?? []) {
    let part: Map<string, FileContent> | undefined;
    if (s.configMap) part = objectEntries('configmap', s.configMap, ns, ctx.lookup, s.configMap.name);
    else if (s.secret) part = objectEntries('secret', s.secret, ns, ctx.lookup, s.secret.name);
    else if (s.downwardAPI) part = downwardEntries(s.downwardAPI, ctx.pod, ctx.container, ctx.ips);
    else if (s.serviceAccountToken) {
      // A token is ~1 KB per container and rarely read: it is made from these values when the files are first read.
      const { pod, epochMs } = ctx;
      const seconds = s.serviceAccountToken.expirationSeconds ?? 3600;
      part = new Map([[s.serviceAccountToken.path, () => serviceAccountToken(pod, epochMs, seconds)]]);
    }
    for (const [k, v] of part ?? []) out.set(k, v);
  }
  return out;
}

/** The last volume of that name, as a name-keyed map of the list would hold. */
function findVolume(volumes: any[], name: string): any {
  for (let i = volumes.length - 1; i >= 0; i--) if (volumes[i].name === name) return volumes[i];
  return undefined;
}

/**
 * Write the files of the container's mounted volumes into the process's files. Returns the paths written for each
 * whole-volume mount (subPath files are written once and never refreshed, as on a real node).
 */
export function writeVolumeFiles(proc: ContainerProcess, ctx: VolumeFileContext, previous?: Map<string, Set<string>>): Map<string, Set<string>> {
  const volumes: any[] = ctx.pod.spec?.volumes ?? [];
  const written = new Map<string, Set<string>>();
  for (const mount of ctx.container.volumeMounts ?? []) {
    if (previous && mount.subPath) continue;
    const volume = findVolume(volumes, mount.name);
    const entries = volume ? volumeEntries(volume, ctx) : undefined;
    if (!entries) continue;
    const base = String(mount.mountPath).replace(/\/+$/, '');
    if (mount.subPath) {
      const content = entries.get(mount.subPath);
      if (content !== undefined) proc.writeFile(base, content);
      continue;
    }
    const paths = new Set<string>();
    for (const [rel, content] of entries) {
      const path = intern(flatten(`${base}/${rel}`));
      proc.writeFile(path, content);
      paths.add(path);
    }
    for (const stale of previous?.get(base) ?? []) if (!paths.has(stale)) proc.removeFile(stale);
    written.set(base, paths);
  }
  return written;
}

/** How often the kubelet's periodic pod sync rewrites configMap/secret/downwardAPI volumes (syncFrequency). */
const RESYNC_MS = 60_000;

/**
 * The pod worker's hook: fill a new container process's filesystem from its mounts, then keep whole-volume mounts
 * up to date while that process runs (a changed ConfigMap shows up within about a minute; env vars never change).
 */
export function writeContainerVolumes(w: PodWorker, container: any, proc: ContainerProcess): void {
  const context = (): VolumeFileContext => ({
    pod: w.pod,
    container,
    lookup: w.rt.config,
    ips: { hostIP: w.rt.hostIP(), podIP: w.podIP },
    epochMs: w.rt.processHost.epochMs(w.startedAt),
  });
  let written = writeVolumeFiles(proc, context());
  if (!written.size) return;
  const resync = () => {
    const current = w.containers().some((c) => c.proc === proc && proc.running);
    if (w.gone || w.stopping || !current) return;
    written = writeVolumeFiles(proc, context(), written);
    w.rt.schedule(RESYNC_MS, resync);
  };
  w.rt.schedule(RESYNC_MS, resync);
}
