/** The describer for each kind (describe.go's describerMap); other kinds get the generic describer. */
import type { Describer } from './context';
import { describePod } from './pod';
import { describeDaemonSet, describeDeployment, describeReplicaSet, describeStatefulSet } from './apps';
import { describeNode } from './node';
import { describeEndpointSlice, describeEndpoints, describeService } from './service';
import { describeNamespace } from './namespace';
import { describeConfigMap, describeSecret, describeServiceAccount } from './config';
import { describeCronJob, describeJob } from './batch';
import { describeIngress, describeIngressClass } from './networking';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage';
import { describeHPA } from './hpa';
import { describeGeneric } from './generic';

export type { DescribeContext, Describer } from './context';

const DESCRIBERS: Record<string, Describer> = {
  '/Pod': describePod,
  '/Node': describeNode,
  '/Namespace': describeNamespace,
  '/Service': describeService,
  '/Endpoints': describeEndpoints,
  '/ConfigMap': describeConfigMap,
  '/Secret': describeSecret,
  '/ServiceAccount': describeServiceAccount,
  '/PersistentVolume': describePersistentVolume,
  '/PersistentVolumeClaim': describePersistentVolumeClaim,
  'apps/Deployment': describeDeployment,
  'apps/ReplicaSet': describeReplicaSet,
  'apps/StatefulSet': describeStatefulSet,
  'apps/DaemonSet': describeDaemonSet,
  'batch/Job': describeJob,
  'batch/CronJob': describeCronJob,
  'networking.k8s.io/Ingress': describeIngress,
  'networking.k8s.io/IngressClass': describeIngressClass,
  'discovery.k8s.io/EndpointSlice': describeEndpointSlice,
  'storage.k8s.io/StorageClass': describeStorageClass,
  'autoscaling/HorizontalPodAutoscaler': describeHPA,
};

export function describerFor(group: string, kind: string): Describer {
  return DESCRIBERS[`${group}/${kind}`] ?? describeGeneric;
}
