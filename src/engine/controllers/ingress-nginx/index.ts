/**
 * The built-in ingress controller, modelled on ingress-nginx as the minikube addon runs it: the controller listens
 * with hostPort 80/443 on one node (the first worker, the node `minikube ip` prints), and publishes that node's IP
 * as the address of every Ingress it serves (status.loadBalancer.ingress[0].ip, the ADDRESS column), a moment after
 * it syncs the Ingress ("Scheduled for sync", as nginx-ingress-controller reports). At start it installs the
 * IngressClass `nginx` (controller k8s.io/ingress-nginx) marked as the cluster's default class, as the addon does.
 * Request routing itself lives in network/ingress-routing.ts.
 */
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import { withTypeMeta } from '../../runtime/events';
import type { KObject } from '../../types';
import { DEFAULT_CLASS_ANNOTATION, INGRESS_CLASS, INGRESS_CONTROLLER } from '../../network/ingress-routing';

/** ingress-nginx writes Ingress status on its periodic status sync, not at once. */
export const INGRESS_STATUS_DELAY_MS = 3000;
const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

export const INGRESS_CLASS_OBJECT = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: {
    name: INGRESS_CLASS,
    labels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' },
    annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' },
  },
  spec: { controller: INGRESS_CONTROLLER },
};

/** The node the controller runs on: the first worker by name (any node when there is no worker). */
export function ingressNode(nodes: KObject[]): KObject | undefined {
  const sorted = [...nodes].sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
  return sorted.find((n) => !(CONTROL_PLANE_LABEL in (n.metadata.labels ?? {}))) ?? sorted[0];
}

export const nodeInternalIP = (n: KObject | undefined): string | undefined => n?.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address;

export const ingressNginxController: Controller = {
  name: 'ingress-nginx',
  start(ctx: ControllerContext) {
    const ingresses = ctx.informer('ingresses', 'networking.k8s.io');
    const classes = ctx.informer('ingressclasses', 'networking.k8s.io');
    const nodes = ctx.informer('nodes');
    const recorder = ctx.recorder({ component: 'nginx-ingress-controller' });
    ctx.clock.schedule(0, () => {
      if (!classes.get(INGRESS_CLASS)) ctx.request({ method: 'POST', path: '/apis/networking.k8s.io/v1/ingressclasses', body: structuredClone(INGRESS_CLASS_OBJECT) });
    });
    const ours = (ing: KObject): boolean => {
      const name = ing.spec?.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'];
      if (name) return classes.get(name)?.spec?.controller === INGRESS_CONTROLLER;
      const defaults = classes.list().filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
      return defaults.length === 1 && defaults[0].spec?.controller === INGRESS_CONTROLLER;
    };
    const queue = ctx.queue((key) => {
      const ing = ingresses.get(key);
      if (!ing || ing.metadata.deletionTimestamp) return;
      const ip = ours(ing) ? nodeInternalIP(ingressNode(nodes.list())) : undefined;
      const want = ip ? [{ ip }] : [];
      const have = ing.status?.loadBalancer?.ingress ?? [];
      if (JSON.stringify(have) === JSON.stringify(want)) return;
      const path = `/apis/networking.k8s.io/v1/namespaces/${ing.metadata.namespace}/ingresses/${ing.metadata.name}/status`;
      ctx.request({ method: 'PATCH', path, contentType: 'application/merge-patch+json', body: { status: { loadBalancer: want.length ? { ingress: want } : null } } });
    });
    ingresses.on((type, ing, old) => {
      if (type === 'DELETED') return;
      const specChanged = !old || JSON.stringify(old.spec) !== JSON.stringify(ing.spec) || JSON.stringify(old.metadata.annotations) !== JSON.stringify(ing.metadata.annotations);
      if (!specChanged) return;
      if (ours(ing)) recorder.event(withTypeMeta(ing, { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' }), 'Normal', 'Sync', 'Scheduled for sync');
      queue.addAfter(`${ing.metadata.namespace}/${ing.metadata.name}`, INGRESS_STATUS_DELAY_MS);
    });
    classes.on(() => {
      for (const ing of ingresses.list()) queue.addAfter(`${ing.metadata.namespace}/${ing.metadata.name}`, INGRESS_STATUS_DELAY_MS);
    });
  },
};
