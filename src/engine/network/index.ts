/** The data plane and its controllers as createCluster() wires them in. */
import type { Controller } from '../runtime/controller-manager';
import { ingressNginxController } from '../controllers/ingress-nginx';
import { serviceLoadBalancerController } from '../controllers/service-lb';
import type { ClusterNetwork } from './cluster-network';

export { ClusterNetwork } from './cluster-network';

/** kube-proxy on every node, the built-in ingress-nginx, and (unless turned off) the cloud's load-balancer controller. */
export function networkControllers(network: ClusterNetwork, options: { cloudLoadBalancer?: boolean }): Controller[] {
  return [network, ingressNginxController, ...(options.cloudLoadBalancer === false ? [] : [serviceLoadBalancerController])];
}
