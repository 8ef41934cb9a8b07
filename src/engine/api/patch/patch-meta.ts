/**
 * Strategic-merge metadata of the built-in kinds: the `patchStrategy` / `patchMergeKey` struct tags of k8s.io/api
 * (v1.33) for the list and map fields of the kinds this engine serves. A field not listed is patched as JSON merge
 * patch would (maps merge, lists are replaced).
 */

export interface FieldMeta {
  /** 'merge' for lists merged by key (or sets of primitives); 'replace' for atomic maps. */
  strategy?: 'merge' | 'replace';
  /** `retainKeys`: fields of the map absent from the patch are cleared (Deployment strategy, volume sources). */
  retainKeys?: boolean;
  /** patchMergeKey of a merged list of maps; absent for lists of primitives. */
  key?: string;
  /** The element (for lists) or value (for maps) schema. */
  schema?: Schema;
}

export type Schema = { readonly [field: string]: FieldMeta };

const EMPTY: Schema = {};

/** The metadata of `field` inside `schema`; unknown fields have none. */
export function fieldMeta(schema: Schema | undefined, field: string): FieldMeta {
  return (schema && Object.prototype.hasOwnProperty.call(schema, field) ? schema[field] : undefined) ?? {};
}

export function subSchema(schema: Schema | undefined, field: string): Schema {
  return fieldMeta(schema, field).schema ?? EMPTY;
}

const byKey = (key: string, schema?: Schema): FieldMeta => ({ strategy: 'merge', key, schema });
const conditions: Schema = { conditions: byKey('type') };

export const OBJECT_META: Schema = {
  ownerReferences: byKey('uid'),
  finalizers: { strategy: 'merge' },
};

const CONTAINER: Schema = {
  ports: byKey('containerPort'),
  env: byKey('name'),
  volumeMounts: byKey('mountPath'),
  volumeDevices: byKey('devicePath'),
};

const CONTAINER_STATUS: Schema = {
  volumeMounts: byKey('mountPath'),
  allocatedResourcesStatus: byKey('name'),
};

export const POD_SPEC: Schema = {
  volumes: { strategy: 'merge', retainKeys: true, key: 'name' },
  initContainers: byKey('name', CONTAINER),
  containers: byKey('name', CONTAINER),
  ephemeralContainers: byKey('name', CONTAINER),
  imagePullSecrets: byKey('name'),
  hostAliases: byKey('ip'),
  topologySpreadConstraints: byKey('topologyKey'),
  schedulingGates: byKey('name'),
  resourceClaims: { strategy: 'merge', retainKeys: true, key: 'name' },
};

const POD_STATUS: Schema = {
  conditions: byKey('type'),
  hostIPs: byKey('ip'),
  podIPs: byKey('ip'),
  resourceClaimStatuses: { strategy: 'merge', retainKeys: true, key: 'name' },
  containerStatuses: { schema: CONTAINER_STATUS },
  initContainerStatuses: { schema: CONTAINER_STATUS },
  ephemeralContainerStatuses: { schema: CONTAINER_STATUS },
};

const POD_TEMPLATE: Schema = { metadata: { schema: OBJECT_META }, spec: { schema: POD_SPEC } };
const WITH_TEMPLATE: Schema = { template: { schema: POD_TEMPLATE } };

const root = (spec: Schema = EMPTY, status: Schema = EMPTY, extra: Schema = EMPTY): Schema => ({
  metadata: { schema: OBJECT_META },
  spec: { schema: spec },
  status: { schema: status },
  ...extra,
});

const KINDS: Record<string, Schema> = {
  Pod: root(POD_SPEC, POD_STATUS),
  PodTemplate: { metadata: { schema: OBJECT_META }, template: { schema: POD_TEMPLATE } },
  Deployment: root({ ...WITH_TEMPLATE, strategy: { retainKeys: true } }, conditions),
  ReplicaSet: root(WITH_TEMPLATE, conditions),
  DaemonSet: root(WITH_TEMPLATE, conditions),
  StatefulSet: root(WITH_TEMPLATE, conditions),
  ReplicationController: root(WITH_TEMPLATE, conditions),
  Job: root(WITH_TEMPLATE, conditions),
  CronJob: root({ jobTemplate: { schema: { metadata: { schema: OBJECT_META }, spec: { schema: WITH_TEMPLATE } } } }),
  Service: root({ ports: byKey('port') }, conditions),
  ServiceAccount: { metadata: { schema: OBJECT_META }, secrets: byKey('name') },
  Node: root({ podCIDRs: { strategy: 'merge' } }, { conditions: byKey('type'), addresses: byKey('type') }),
  Namespace: root(EMPTY, conditions),
  PersistentVolumeClaim: root(EMPTY, conditions),
  HorizontalPodAutoscaler: root(EMPTY, conditions),
  CSINode: root({ drivers: byKey('name') }),
};

const GENERIC: Schema = { metadata: { schema: OBJECT_META } };

/** The root schema of a kind (every kind has at least ObjectMeta's lists). */
export function schemaForKind(kind: string): Schema {
  return KINDS[kind] ?? GENERIC;
}
