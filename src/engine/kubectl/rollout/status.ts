/** The rollout status viewers (polymorphichelpers/rollout_status.go): one message per observed state, and whether it is done. */
import type { KObject } from '../../types';

export interface RolloutState {
  message: string;
  done: boolean;
  /** An error ends the wait (progress deadline, revision mismatch). */
  error?: string;
}

export type StatusViewer = (obj: KObject, revision: number) => RolloutState;

export function statusViewerFor(group: string, kind: string): StatusViewer | undefined {
  if (group !== 'apps') return undefined;
  if (kind === 'Deployment') return deploymentStatus;
  if (kind === 'DaemonSet') return daemonSetStatus;
  if (kind === 'StatefulSet') return statefulSetStatus;
  return undefined;
}

const n = (v: unknown): number => (typeof v === 'number' ? v : 0);

function deploymentStatus(d: KObject, revision: number): RolloutState {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if (revision > 0) {
    const current = Number(d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? NaN);
    if (Number.isNaN(current)) {
      return { message: '', done: false, error: `cannot get the revision of deployment "${name}": strconv.ParseInt: parsing "": invalid syntax` };
    }
    if (current !== revision) {
      return { message: '', done: false, error: `desired revision (${revision}) is different from the running revision (${current})` };
    }
  }
  if (n(d.metadata.generation) > n(st.observedGeneration)) {
    return { message: 'Waiting for deployment spec update to be observed...', done: false };
  }
  const progressing = (st.conditions ?? []).find((c: any) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { message: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
  }
  const replicas = d.spec?.replicas;
  const updated = n(st.updatedReplicas);
  if (typeof replicas === 'number' && updated < replicas) {
    return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`, done: false };
  }
  if (n(st.replicas) > updated) {
    return { message: `Waiting for deployment "${name}" rollout to finish: ${n(st.replicas) - updated} old replicas are pending termination...`, done: false };
  }
  if (n(st.availableReplicas) < updated) {
    return { message: `Waiting for deployment "${name}" rollout to finish: ${n(st.availableReplicas)} of ${updated} updated replicas are available...`, done: false };
  }
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}

function daemonSetStatus(ds: KObject): RolloutState {
  const name = ds.metadata.name;
  const st = ds.status ?? {};
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  }
  if (n(ds.metadata.generation) > n(st.observedGeneration)) {
    return { message: 'Waiting for daemon set spec update to be observed...', done: false };
  }
  const desired = n(st.desiredNumberScheduled);
  if (n(st.updatedNumberScheduled) < desired) {
    return { message: `Waiting for daemon set "${name}" rollout to finish: ${n(st.updatedNumberScheduled)} out of ${desired} new pods have been updated...`, done: false };
  }
  if (n(st.numberAvailable) < desired) {
    return { message: `Waiting for daemon set "${name}" rollout to finish: ${n(st.numberAvailable)} of ${desired} updated pods are available...`, done: false };
  }
  return { message: `daemon set "${name}" successfully rolled out`, done: true };
}

function statefulSetStatus(sts: KObject): RolloutState {
  const st = sts.status ?? {};
  const strategy = sts.spec?.updateStrategy ?? {};
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  }
  if (!st.observedGeneration || n(sts.metadata.generation) > n(st.observedGeneration)) {
    return { message: 'Waiting for statefulset spec update to be observed...', done: false };
  }
  const replicas = sts.spec?.replicas;
  if (typeof replicas === 'number' && n(st.readyReplicas) < replicas) {
    return { message: `Waiting for ${replicas - n(st.readyReplicas)} pods to be ready...`, done: false };
  }
  const partition = strategy.rollingUpdate?.partition;
  if (strategy.rollingUpdate) {
    if (typeof replicas === 'number' && typeof partition === 'number' && n(st.updatedReplicas) < replicas - partition) {
      return {
        message: `Waiting for partitioned roll out to finish: ${n(st.updatedReplicas)} out of ${replicas - partition} new pods have been updated...`,
        done: false,
      };
    }
    return { message: `partitioned roll out complete: ${n(st.updatedReplicas)} new pods have been updated...`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${n(st.updatedReplicas)} pods at revision ${st.updateRevision}...`, done: false };
  }
  return { message: `statefulset rolling update complete ${n(st.currentReplicas)} pods at revision ${st.currentRevision}...`, done: true };
}
