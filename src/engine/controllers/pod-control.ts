/** PodControl (controller_utils.go): pods made from a controller's template, owned by it, named by generateName. */
import type { ApiResponse, KObject } from '../types';
import { clone } from '../util';
import type { ControllerContext } from '../runtime/controller-manager';
import type { EventRecorder } from '../runtime/events';

const MAX_GENERATED_PREFIX = 58;

/** getPodsPrefix: `<name>-`, unless that is not a valid name prefix, then the bare name. */
export function podsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return prefix.length > MAX_GENERATED_PREFIX ? controllerName : prefix;
}

/** GetPodFromTemplate: labels, annotations and finalizers of the template, the controllerRef, the template's spec. */
export function podFromTemplate(template: any, owner: KObject, ref: Record<string, unknown>): KObject {
  const meta = template?.metadata ?? {};
  const metadata: Record<string, any> = { generateName: podsPrefix(owner.metadata.name!), namespace: owner.metadata.namespace };
  if (meta.labels) metadata.labels = { ...meta.labels };
  if (meta.annotations) metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) metadata.finalizers = [...meta.finalizers];
  metadata.ownerReferences = [ref];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: clone(template?.spec ?? {}) };
}

/** CreatePods: POST the pod; records SuccessfulCreate or FailedCreate on the owner as the real PodControl does. */
export function createPod(ctx: ControllerContext, recorder: EventRecorder, owner: KObject, pod: KObject): ApiResponse {
  const res = ctx.request({ method: 'POST', path: `/api/v1/namespaces/${owner.metadata.namespace}/pods`, body: pod });
  if (res.status >= 300) {
    recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${res.body?.message ?? 'unknown error'}`);
  } else {
    recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${res.body.metadata.name}`);
  }
  return res;
}

/** DeletePod: records SuccessfulDelete or FailedDelete on the owner. A pod already gone is not an error. */
export function deletePod(ctx: ControllerContext, recorder: EventRecorder, owner: KObject, pod: KObject): ApiResponse {
  const name = pod.metadata.name!;
  const res = ctx.request({
    method: 'DELETE',
    path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${name}`,
    body: { preconditions: { uid: pod.metadata.uid } },
  });
  if (res.status < 300) recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
  else if (res.status !== 404) recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${res.body?.message ?? 'unknown error'}`);
  return res;
}
