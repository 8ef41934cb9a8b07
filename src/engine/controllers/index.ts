/** The controllers kube-controller-manager runs in this simulation, in start order. */
import type { Controller } from '../runtime/controller-manager';
import { garbageCollector } from './garbage-collector';
import { namespaceController } from './namespace';
import { rootCaPublisher } from './root-ca-publisher';
import { serviceAccountController } from './serviceaccount';

export const CONTROLLERS: Controller[] = [namespaceController, serviceAccountController, rootCaPublisher, garbageCollector];
