/**
 * apps/v1 Deployment, ReplicaSet, StatefulSet and DaemonSet: SetDefaults_* of apps/v1, the registry strategies
 * (status reset on create, generation bookkeeping, immutable selectors) and apps validation.
 */
import type { KObject } from '../../types';
import { deepEqual, isPlainObject } from '../../util';
import type { KindStrategy } from '../context';
import type { FieldError } from '../field-errors';
import { immutableField } from '../validation/common';
import { validateObjectMeta } from '../validation/meta';
import { goLabelSelector } from './go-values';
import { registerStrategy } from './index';
import { defaultPodTemplate, defaultPVCSpec, defaultTemplateMetadata } from './pod-spec-defaults';
import {
  validateDaemonSetSpec,
  validateDeploymentSpec,
  validateReplicaSetSpec,
  validateStatefulSetSpec,
} from './workloads-validation';

const isObj = isPlainObject;
const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

function specOf(o: KObject): any {
  if (!isObj(o.spec)) o.spec = {};
  if (!isObj(o.spec.template)) o.spec.template = {};
  return o.spec;
}

function defaultInt(holder: any, key: string, value: number): void {
  if (holder[key] === undefined || holder[key] === null) holder[key] = value;
}

function defaultDeployment(d: KObject): void {
  const spec = specOf(d);
  defaultInt(spec, 'replicas', 1);
  if (!isObj(spec.strategy)) spec.strategy = {};
  if (!spec.strategy.type) spec.strategy.type = 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    if (!isObj(spec.strategy.rollingUpdate)) spec.strategy.rollingUpdate = {};
    if (spec.strategy.rollingUpdate.maxUnavailable == null) spec.strategy.rollingUpdate.maxUnavailable = '25%';
    if (spec.strategy.rollingUpdate.maxSurge == null) spec.strategy.rollingUpdate.maxSurge = '25%';
  }
  defaultInt(spec, 'revisionHistoryLimit', 10);
  defaultInt(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(spec.template, 'Deployment');
}

function defaultReplicaSet(rs: KObject): void {
  const spec = specOf(rs);
  defaultInt(spec, 'replicas', 1);
  defaultPodTemplate(spec.template, 'ReplicaSet');
}

function defaultStatefulSet(sts: KObject): void {
  const spec = specOf(sts);
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {};
  const us = spec.updateStrategy;
  if (!us.type) {
    us.type = 'RollingUpdate';
    if (us.rollingUpdate == null) us.rollingUpdate = {};
  }
  if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate)) defaultInt(us.rollingUpdate, 'partition', 0);
  if (!isObj(spec.persistentVolumeClaimRetentionPolicy)) spec.persistentVolumeClaimRetentionPolicy = {};
  const policy = spec.persistentVolumeClaimRetentionPolicy;
  if (!policy.whenDeleted) policy.whenDeleted = 'Retain';
  if (!policy.whenScaled) policy.whenScaled = 'Retain';
  defaultInt(spec, 'replicas', 1);
  defaultInt(spec, 'revisionHistoryLimit', 10);
  // serviceName has no omitempty: an unset one serializes as "".
  if (spec.serviceName === undefined || spec.serviceName === null) spec.serviceName = '';
  defaultPodTemplate(spec.template, 'StatefulSet');
  for (const claim of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
    if (!isObj(claim)) continue;
    if (claim.apiVersion === undefined) claim.apiVersion = 'v1';
    if (claim.kind === undefined) claim.kind = 'PersistentVolumeClaim';
    defaultTemplateMetadata(claim);
    if (!isObj(claim.spec)) claim.spec = {};
    defaultPVCSpec(claim.spec, 'StatefulSet');
    if (!isObj(claim.status)) claim.status = {};
    if (!claim.status.phase) claim.status.phase = 'Pending';
  }
}

function defaultDaemonSet(ds: KObject): void {
  const spec = specOf(ds);
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {};
  const us = spec.updateStrategy;
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    if (!isObj(us.rollingUpdate)) us.rollingUpdate = {};
    if (us.rollingUpdate.maxUnavailable == null) us.rollingUpdate.maxUnavailable = 1;
    if (us.rollingUpdate.maxSurge == null) us.rollingUpdate.maxSurge = 0;
  }
  defaultInt(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(spec.template, 'DaemonSet');
}

function selectorImmutable(obj: KObject, old: KObject): FieldError[] {
  return immutableField(obj.spec?.selector, old.spec?.selector, 'spec.selector', goLabelSelector(obj.spec?.selector));
}

const meta = (o: KObject, nameRule: 'subdomain' | 'label' = 'subdomain') =>
  validateObjectMeta(o.metadata, { namespaced: true, nameRule });

export const deploymentStrategy: KindStrategy = {
  defaults: defaultDeployment,
  prepareForCreate(d) {
    d.status = {};
  },
  validate: (d) => [...meta(d), ...validateDeploymentSpec(specOf(d))],
  validateUpdate: selectorImmutable,
  // Annotations are copied to the ReplicaSets, so changing them is a new generation too.
  bumpsGeneration: (d, old) => !deepEqual(d.spec, old.spec) || !deepEqual(d.metadata.annotations ?? {}, old.metadata.annotations ?? {}),
  statusMayWriteAnnotations: true,
};

export const replicaSetStrategy: KindStrategy = {
  defaults: defaultReplicaSet,
  prepareForCreate(rs) {
    rs.status = { replicas: 0 };
  },
  validate: (rs) => [...meta(rs), ...validateReplicaSetSpec(specOf(rs))],
  validateUpdate: selectorImmutable,
};

export const statefulSetStrategy: KindStrategy = {
  defaults: defaultStatefulSet,
  prepareForCreate(sts) {
    sts.status = { availableReplicas: 0, replicas: 0 };
  },
  validate: (sts) => [...meta(sts, 'label'), ...validateStatefulSetSpec(specOf(sts))],
  validateUpdate(sts, old) {
    const mutable = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
    const strip = (spec: any) => {
      const rest = { ...(isObj(spec) ? spec : {}) };
      for (const k of mutable) delete rest[k];
      return rest;
    };
    if (deepEqual(strip(sts.spec), strip(old.spec))) return [];
    return [
      {
        type: 'Forbidden',
        field: 'spec',
        detail:
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      },
    ];
  },
};

export const daemonSetStrategy: KindStrategy = {
  defaults(ds) {
    defaultDaemonSet(ds);
    // The internal spec.templateGeneration travels in this annotation in apps/v1.
    const gen = ds.metadata.annotations?.[TEMPLATE_GENERATION];
    if (gen !== undefined) ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION]: String(parseInt(gen, 10) || 0) };
  },
  prepareForCreate(ds) {
    ds.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    const gen = parseInt(ds.metadata.annotations?.[TEMPLATE_GENERATION] ?? '0', 10) || 0;
    ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION]: String(Math.max(gen, 1)) };
  },
  prepareForUpdate(ds, old) {
    defaultDaemonSet(ds);
    const oldGen = parseInt(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? '1', 10) || 1;
    const changed = !deepEqual(ds.spec?.template, old.spec?.template);
    ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION]: String(changed ? oldGen + 1 : oldGen) };
  },
  validate: (ds) => [...meta(ds), ...validateDaemonSetSpec(specOf(ds))],
  validateUpdate: selectorImmutable,
};

registerStrategy('Deployment', deploymentStrategy);
registerStrategy('ReplicaSet', replicaSetStrategy);
registerStrategy('StatefulSet', statefulSetStrategy);
registerStrategy('DaemonSet', daemonSetStrategy);
