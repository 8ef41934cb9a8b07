/** The resources the API server serves, with the discovery facts kubectl relies on. */

export interface ResourceDef {
  group: string; // '' for core
  version: string;
  resource: string; // plural, lower case
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: string[];
  verbs: string[];
  /** The warning kube-apiserver adds to every request for a deprecated resource. */
  deprecation?: string;
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function def(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  opts: { short?: string[]; all?: boolean; sub?: string[]; verbs?: string[]; deprecation?: string } = {},
): ResourceDef {
  return {
    group,
    version,
    resource,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    shortNames: opts.short ?? [],
    categories: opts.all ? ['all'] : [],
    subresources: opts.sub ?? [],
    verbs: opts.verbs ?? VERBS,
    ...(opts.deprecation ? { deprecation: opts.deprecation } : {}),
  };
}

const NS_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCES: ResourceDef[] = [
  def('', 'v1', 'configmaps', 'ConfigMap', true, { short: ['cm'] }),
  def('', 'v1', 'endpoints', 'Endpoints', true, {
    short: ['ep'],
    deprecation: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
  }),
  def('', 'v1', 'events', 'Event', true, { short: ['ev'] }),
  def('', 'v1', 'namespaces', 'Namespace', false, { short: ['ns'], sub: ['finalize', 'status'], verbs: NS_VERBS }),
  def('', 'v1', 'nodes', 'Node', false, { short: ['no'], sub: ['status'] }),
  def('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, { short: ['pvc'], sub: ['status'] }),
  def('', 'v1', 'persistentvolumes', 'PersistentVolume', false, { short: ['pv'], sub: ['status'] }),
  def('', 'v1', 'pods', 'Pod', true, { short: ['po'], all: true, sub: ['binding', 'eviction', 'exec', 'log', 'scheduling', 'status'] }),
  def('', 'v1', 'secrets', 'Secret', true),
  def('', 'v1', 'serviceaccounts', 'ServiceAccount', true, { short: ['sa'] }),
  def('', 'v1', 'services', 'Service', true, { short: ['svc'], all: true, sub: ['status'], verbs: NS_VERBS }),
  def('apps', 'v1', 'controllerrevisions', 'ControllerRevision', true),
  def('apps', 'v1', 'daemonsets', 'DaemonSet', true, { short: ['ds'], all: true, sub: ['status'] }),
  def('apps', 'v1', 'deployments', 'Deployment', true, { short: ['deploy'], all: true, sub: ['scale', 'status'] }),
  def('apps', 'v1', 'replicasets', 'ReplicaSet', true, { short: ['rs'], all: true, sub: ['scale', 'status'] }),
  def('apps', 'v1', 'statefulsets', 'StatefulSet', true, { short: ['sts'], all: true, sub: ['scale', 'status'] }),
  def('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, {
    short: ['hpa'],
    all: true,
    sub: ['status'],
  }),
  def('batch', 'v1', 'cronjobs', 'CronJob', true, { short: ['cj'], all: true, sub: ['status'] }),
  def('batch', 'v1', 'jobs', 'Job', true, { all: true, sub: ['status'] }),
  def('coordination.k8s.io', 'v1', 'leases', 'Lease', true),
  def('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true),
  def('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false),
  def('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, { short: ['ing'], sub: ['status'] }),
  def('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false, { short: ['pc'] }),
  def('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, { short: ['sc'] }),
];

/** Read-only resources of an aggregated API (metrics-server's metrics.k8s.io): discoverable and served, never stored. */
export const AGGREGATED_RESOURCES: ResourceDef[] = [
  def('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false, { verbs: ['get', 'list'] }),
  def('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true, { verbs: ['get', 'list'] }),
];

/** Everything the server answers for: the stored resources, then the aggregated ones. */
export const SERVED_RESOURCES: ResourceDef[] = [...RESOURCES, ...AGGREGATED_RESOURCES];

/** Store keys by group and resource: one string each, not one per request (the watch history keeps them). */
const resourceKeys = new Map<string, Map<string, string>>();

/** Store key of a resource: "group/resource" ("/pods" for core). */
export function resourceKey(r: Pick<ResourceDef, 'group' | 'resource'>): string {
  let byResource = resourceKeys.get(r.group);
  if (!byResource) resourceKeys.set(r.group, (byResource = new Map()));
  let key = byResource.get(r.resource);
  if (key === undefined) byResource.set(r.resource, (key = `${r.group}/${r.resource}`));
  return key;
}

/** "deployments.apps" or "pods": how errors name a resource. */
export function qualifiedResource(r: Pick<ResourceDef, 'group' | 'resource'>): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

export function apiVersionOf(r: Pick<ResourceDef, 'group' | 'version'>): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

const byGvr = new Map(SERVED_RESOURCES.map((r) => [`${r.group}/${r.version}/${r.resource}`, r]));
const byGvk = new Map(SERVED_RESOURCES.map((r) => [`${apiVersionOf(r)}/${r.kind}`, r]));

export function findResource(group: string, version: string, resource: string): ResourceDef | undefined {
  return byGvr.get(`${group}/${version}/${resource}`);
}

export function findByKind(apiVersion: string, kind: string): ResourceDef | undefined {
  return byGvk.get(`${apiVersion}/${kind}`);
}

/** Group versions served, in discovery order (core first, then by group preference). */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Set<string>();
  const out: { group: string; version: string }[] = [];
  for (const r of SERVED_RESOURCES) {
    const k = `${r.group}/${r.version}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push({ group: r.group, version: r.version });
    }
  }
  return out;
}
