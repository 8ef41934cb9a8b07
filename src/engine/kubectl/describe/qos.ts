/** The pod's QoS class: status.qosClass, else computed as kubectl's qos.GetPodQOS does. */
import type { KObject } from '../../types';
import { computeQOSClass } from '../../api/qos';

export function podQOS(pod: KObject): string {
  return pod.status?.qosClass || computeQOSClass(pod.spec);
}
