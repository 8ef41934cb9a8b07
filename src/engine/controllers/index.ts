/** The controllers kube-controller-manager runs in this simulation, in start order. */
import type { Controller } from '../runtime/controller-manager';
import { cronJobController } from './cronjob';
import { daemonSetController } from './daemonset';
import { jobController } from './job';
import { nodeLifecycleController } from './nodelifecycle';
import { taintEvictionController } from './nodelifecycle/taint-eviction';
import { ttlAfterFinishedController } from './ttl-after-finished';
import { deploymentController } from './deployment';
import { garbageCollector } from './garbage-collector';
import { namespaceController } from './namespace';
import { replicaSetController } from './replicaset';
import { rootCaPublisher } from './root-ca-publisher';
import { serviceAccountController } from './serviceaccount';
import { endpointsController } from './service-endpoints/endpoints-controller';
import { endpointSliceController } from './service-endpoints/endpointslice-controller';
import { endpointSliceMirroringController } from './service-endpoints/mirroring-controller';
import { apiServerEndpointReconciler } from './service-endpoints/apiserver-endpoint-reconciler';
import { hpaController } from './hpa';
import { STORAGE_CONTROLLERS } from './persistentvolume/controllers';
import { statefulSetController } from './statefulset';

export const CONTROLLERS: Controller[] = [namespaceController, serviceAccountController, rootCaPublisher, garbageCollector, replicaSetController, deploymentController, daemonSetController, jobController, ttlAfterFinishedController, cronJobController, nodeLifecycleController, taintEvictionController, endpointsController, endpointSliceController, endpointSliceMirroringController, apiServerEndpointReconciler, hpaController, statefulSetController, ...STORAGE_CONTROLLERS];
