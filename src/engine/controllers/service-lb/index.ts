/**
 * A simulated cloud provider's service controller (k8s.io/cloud-provider controllers/service, events as
 * "service-controller"): for each Service of type LoadBalancer without a loadBalancerClass it adds the
 * `service.kubernetes.io/load-balancer-cleanup` finalizer, reports EnsuringLoadBalancer, and a few seconds later (a
 * cloud takes a while) writes the load balancer's address into status.loadBalancer and reports EnsuredLoadBalancer.
 * Addresses come from 203.0.113.0/24 (TEST-NET-3, a documentation range). When the Service is deleted or stops being a
 * LoadBalancer, the load balancer goes (DeletingLoadBalancer, DeletedLoadBalancer) and the finalizer with it.
 * A cluster created with `cloudLoadBalancer: false` runs without it: EXTERNAL-IP stays `<pending>`, as on kubeadm.
 */
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import { withTypeMeta, type EventRecorder } from '../../runtime/events';
import type { KObject } from '../../types';

export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
/** How long the simulated cloud takes to provision a load balancer. */
export const LB_PROVISION_MS = 5000;
const POOL_PREFIX = '203.0.113.';

const wantsLoadBalancer = (svc: KObject) => svc.spec?.type === 'LoadBalancer' && !svc.spec?.loadBalancerClass && !svc.metadata.deletionTimestamp;
const hasFinalizer = (svc: KObject) => (svc.metadata.finalizers ?? []).includes(LB_CLEANUP_FINALIZER);
const svcPath = (svc: KObject) => `/api/v1/namespaces/${svc.metadata.namespace}/services/${svc.metadata.name}`;

export const serviceLoadBalancerController: Controller = {
  name: 'service-lb',
  start(ctx: ControllerContext) {
    const services = ctx.informer('services');
    const recorder = ctx.recorder({ component: 'service-controller' });
    /** Service key -> when its load balancer is ready (virtual ms). */
    const provisioning = new Map<string, number>();
    const queue = ctx.queue((key) => {
      const svc = services.get(key);
      if (svc) sync(ctx, recorder, services.list(), svc, provisioning, () => queue.addAfter(key, LB_PROVISION_MS));
    });
    services.on((type, svc) => {
      if (type !== 'DELETED') queue.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
    });
  },
};

function sync(ctx: ControllerContext, recorder: EventRecorder, all: KObject[], svc: KObject, provisioning: Map<string, number>, later: () => void): void {
  const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
  const typed = withTypeMeta(svc, { group: '', version: 'v1', kind: 'Service' });
  if (!wantsLoadBalancer(svc)) {
    provisioning.delete(key);
    if (!hasFinalizer(svc)) return;
    recorder.event(typed, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
    if (!svc.metadata.deletionTimestamp && svc.status?.loadBalancer?.ingress?.length) {
      ctx.request({ method: 'PATCH', path: `${svcPath(svc)}/status`, contentType: 'application/merge-patch+json', body: { status: { loadBalancer: null } } });
    }
    const finalizers = (svc.metadata.finalizers ?? []).filter((f: string) => f !== LB_CLEANUP_FINALIZER);
    ctx.request({ method: 'PATCH', path: svcPath(svc), contentType: 'application/merge-patch+json', body: { metadata: { finalizers: finalizers.length ? finalizers : null } } });
    recorder.event(typed, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    return;
  }
  if (svc.status?.loadBalancer?.ingress?.length) {
    provisioning.delete(key);
    return;
  }
  if (!hasFinalizer(svc)) {
    const finalizers = [...(svc.metadata.finalizers ?? []), LB_CLEANUP_FINALIZER];
    ctx.request({ method: 'PATCH', path: svcPath(svc), contentType: 'application/merge-patch+json', body: { metadata: { finalizers } } });
  }
  const due = provisioning.get(key);
  if (due === undefined) {
    provisioning.set(key, ctx.clock.now() + LB_PROVISION_MS);
    recorder.event(typed, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    later();
    return;
  }
  if (ctx.clock.now() < due) return;
  // The deprecated spec.loadBalancerIP asks the cloud for a particular address.
  const ip = svc.spec.loadBalancerIP || freeAddress(all);
  if (!ip) {
    recorder.event(typed, 'Warning', 'SyncLoadBalancerFailed', 'Error syncing load balancer: failed to ensure load balancer: no free address in 203.0.113.0/24');
    return;
  }
  const res = ctx.request({
    method: 'PATCH',
    path: `${svcPath(svc)}/status`,
    contentType: 'application/merge-patch+json',
    body: { status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } },
  });
  if (res.status >= 300) return;
  provisioning.delete(key);
  recorder.event(typed, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
}

/** The lowest address of the pool no load balancer holds. */
function freeAddress(all: KObject[]): string | undefined {
  const taken = new Set<string>();
  for (const s of all) for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.ip) taken.add(i.ip);
  for (let n = 1; n < 255; n++) if (!taken.has(POOL_PREFIX + n)) return POOL_PREFIX + n;
  return undefined;
}
