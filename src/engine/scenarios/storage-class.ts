/**
 * The default StorageClass a kind cluster ships: `standard`, served by the local-path provisioner
 * (rancher.io/local-path), binding only once a pod using the claim is scheduled (WaitForFirstConsumer).
 */
import type { ApiRequest, ApiResponse, KObject } from '../types';

export const DEFAULT_STORAGE_CLASS = 'standard';
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';

export function defaultStorageClass(): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: DEFAULT_STORAGE_CLASS, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

export function bootstrapStorageClass(request: (req: ApiRequest) => ApiResponse): void {
  const res = request({ method: 'POST', path: '/apis/storage.k8s.io/v1/storageclasses', body: defaultStorageClass() });
  if (res.status >= 300) throw new Error(`bootstrap: storageclass: ${res.body?.message ?? res.status}`);
}
