/** Starter manifests for the editor's template menu; each is a real manifest a cluster accepts as it is. */
import configmap from './configmap.yaml?raw';
import deployment from './deployment.yaml?raw';
import hpa from './hpa.yaml?raw';
import ingress from './ingress.yaml?raw';
import pod from './pod.yaml?raw';
import secret from './secret.yaml?raw';
import service from './service.yaml?raw';
import statefulset from './statefulset.yaml?raw';
import { BOOKSTORE_MANIFESTS } from '../../../engine/scenarios/bookstore';

export interface Template {
  id: string;
  label: string;
  text: string;
}

export const TEMPLATES: readonly Template[] = [
  { id: 'pod', label: 'Pod', text: pod },
  { id: 'deployment', label: 'Deployment', text: deployment },
  { id: 'service', label: 'Service', text: service },
  { id: 'configmap', label: 'ConfigMap', text: configmap },
  { id: 'secret', label: 'Secret', text: secret },
  { id: 'ingress', label: 'Ingress', text: ingress },
  { id: 'statefulset', label: 'StatefulSet (with its headless Service)', text: statefulset },
  { id: 'hpa', label: 'HorizontalPodAutoscaler', text: hpa },
  { id: 'bookstore', label: 'The bookstore (LoadBalancer, Deployment, postgres StatefulSet, config)', text: BOOKSTORE_MANIFESTS },
];

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
