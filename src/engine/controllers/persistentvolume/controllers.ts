/** The storage controllers: PV binder, the local-path provisioner kind ships, and the in-use protection controllers. */
import type { Controller } from '../../runtime/controller-manager';
import { persistentVolumeController } from './index';
import { localPathProvisioner } from './local-path-provisioner';
import { pvcProtectionController, pvProtectionController } from './protection';

export const STORAGE_CONTROLLERS: Controller[] = [persistentVolumeController, pvcProtectionController, pvProtectionController, localPathProvisioner];
