/**
 * The mutating admission plugins a v1.33 API server runs on Pod creation, in their order: ServiceAccount (default
 * account, the projected `kube-api-access-<suffix>` token volume and its mounts, image pull secrets), Priority and
 * DefaultTolerationSeconds. Refusals are 403 Forbidden as the plugins give them.
 *
 * Deliberate difference: a missing `default` ServiceAccount is tolerated (the serviceaccount controller creates it
 * asynchronously here, where the real plugin would retry for a while); any other missing account is refused.
 */
import type { KObject } from '../../types';
import { isPlainObject } from '../../util';
import type { ApiContext } from '../context';
import { forbidden } from '../errors';

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: one hour and seven seconds. */
const TOKEN_EXPIRATION_SECONDS = 3607;
const DEFAULT_TOLERATION_SECONDS = 300;

/** The built-in classes every API server creates. */
const SYSTEM_PRIORITY_CLASSES: Record<string, { value: number; preemptionPolicy: string }> = {
  'system-node-critical': { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' },
  'system-cluster-critical': { value: 2000000000, preemptionPolicy: 'PreemptLowerPriority' },
};

/** The name admission errors use: generateName when the name was generated (admission runs before generation). */
function admissionName(pod: KObject): string {
  const m = pod.metadata;
  if (m.generateName && m.name?.startsWith(m.generateName) && m.name.length === m.generateName.length + 5) return m.generateName;
  return m.name ?? '';
}

export function admitPodCreate(pod: KObject, ctx: ApiContext): void {
  const ns = pod.metadata.namespace ?? 'default';
  // NamespaceLifecycle runs first; the handler reports a missing namespace itself.
  if (!ctx.store.get('/namespaces', '', ns)) return;
  admitServiceAccount(pod, ns, ctx);
  admitPriority(pod, ctx);
  addDefaultTolerations(pod);
}

function deny(pod: KObject, why: string): never {
  throw forbidden('', 'pods', admissionName(pod), why);
}

function admitServiceAccount(pod: KObject, ns: string, ctx: ApiContext): void {
  const spec = pod.spec;
  if (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) {
    if (spec.serviceAccountName) deny(pod, 'a mirror pod may not reference service accounts');
    const usesSecret = (spec.volumes ?? []).some((v: any) => v?.secret);
    if (usesSecret) deny(pod, 'a mirror pod may not reference secrets');
    return;
  }
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const name: string = spec.serviceAccountName;
  const sa = ctx.store.get('/serviceaccounts', ns, name)?.obj;
  if (!sa && name !== 'default') {
    deny(pod, `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`);
  }
  const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
  if (automount) mountToken(pod, ctx);
  const pullSecrets = Array.isArray(sa?.imagePullSecrets) ? sa.imagePullSecrets : [];
  if (!(Array.isArray(spec.imagePullSecrets) && spec.imagePullSecrets.length) && pullSecrets.length) {
    spec.imagePullSecrets = pullSecrets.map((s: any) => ({ name: s?.name }));
  }
}

function mountToken(pod: KObject, ctx: ApiContext): void {
  const spec = pod.spec;
  const existing = (spec.volumes ?? []).find((v: any) => typeof v?.name === 'string' && v.name.startsWith(TOKEN_VOLUME_PREFIX));
  const volumeName: string = existing?.name ?? TOKEN_VOLUME_PREFIX + ctx.rng.nameSuffix(5);
  let needsVolume = false;
  for (const list of ['initContainers', 'containers']) {
    for (const c of Array.isArray(spec[list]) ? spec[list] : []) {
      if (!isPlainObject(c)) continue;
      const mounts = Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
      if (mounts.some((m: any) => m?.mountPath === TOKEN_MOUNT_PATH)) continue;
      c.volumeMounts = [...mounts, { mountPath: TOKEN_MOUNT_PATH, name: volumeName, readOnly: true }];
      needsVolume = true;
    }
  }
  if (existing || !needsVolume) return;
  spec.volumes = [...(Array.isArray(spec.volumes) ? spec.volumes : []), tokenVolume(volumeName)];
}

function tokenVolume(name: string): any {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

function priorityClass(name: string, ctx: ApiContext): { value: number; preemptionPolicy?: string } | undefined {
  const pc = ctx.store.get('scheduling.k8s.io/priorityclasses', '', name)?.obj;
  if (pc) return { value: Number(pc.value ?? 0), preemptionPolicy: pc.preemptionPolicy ?? 'PreemptLowerPriority' };
  return SYSTEM_PRIORITY_CLASSES[name];
}

function admitPriority(pod: KObject, ctx: ApiContext): void {
  const spec = pod.spec;
  let priority = 0;
  let policy: string | undefined = 'PreemptLowerPriority';
  if (!spec.priorityClassName) {
    const globalDefault = ctx.store
      .list('scheduling.k8s.io/priorityclasses')
      .map((e) => e.obj)
      .find((pc) => pc.globalDefault === true);
    if (globalDefault) {
      spec.priorityClassName = globalDefault.metadata.name;
      priority = Number(globalDefault.value ?? 0);
      policy = globalDefault.preemptionPolicy ?? 'PreemptLowerPriority';
    }
  } else {
    const pc = priorityClass(spec.priorityClassName, ctx);
    if (!pc) deny(pod, `no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = pc.value;
    policy = pc.preemptionPolicy;
  }
  if (typeof spec.priority === 'number' && spec.priority !== priority) {
    deny(
      pod,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  if (policy) {
    if (spec.preemptionPolicy != null && spec.preemptionPolicy !== policy) {
      deny(
        pod,
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
      );
    }
    spec.preemptionPolicy = policy;
  }
}

/** On update the Priority plugin keeps what it set on create when the client leaves it out. */
export function keepAdmittedPriority(pod: KObject, old: KObject): void {
  if (!isPlainObject(pod.spec) || !isPlainObject(old.spec)) return;
  if (pod.spec.priority == null && old.spec.priority != null) pod.spec.priority = old.spec.priority;
  if (pod.spec.preemptionPolicy == null && old.spec.preemptionPolicy != null) pod.spec.preemptionPolicy = old.spec.preemptionPolicy;
}

/** DefaultTolerationSeconds, which also runs on updates: a removed default toleration comes back. */
export function addDefaultTolerations(pod: KObject): void {
  const spec = pod.spec;
  if (!isPlainObject(spec)) return;
  const tolerations: any[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const tolerates = (key: string) =>
    tolerations.some((t) => (t?.key === key || !t?.key) && (t?.effect === 'NoExecute' || !t?.effect));
  const add: any[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(key)) add.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  if (add.length) spec.tolerations = [...tolerations, ...add];
}
