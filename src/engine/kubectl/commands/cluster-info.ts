/** kubectl cluster-info (pkg/cmd/clusterinfo/clusterinfo.go): the API server and kube-system cluster services. */
import { findResource } from '../../api/resources';
import type { Command } from '../context';
import { KubectlError } from '../errors';
import { KUBECONFIG_SERVER } from './config';

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  run(ctx) {
    const p = ctx.parse([]);
    if (p.args[0] === 'dump') {
      throw new KubectlError('kubectl cluster-info dump is not available in kubeplay; use kubectl get and kubectl describe');
    }
    const namespace = (p.flags.namespace as string | undefined) || 'kube-system';
    const services = ctx.client.list(findResource('', 'v1', 'services')!, namespace, {
      labelSelector: 'kubernetes.io/cluster-service=true',
    });
    let text = `Kubernetes control plane is running at ${KUBECONFIG_SERVER}\n`;
    for (const svc of services.items ?? []) {
      let link = '';
      const ingress = svc.status?.loadBalancer?.ingress ?? [];
      if (ingress.length) {
        const ip = ingress[0].ip || ingress[0].hostname;
        for (const port of svc.spec?.ports ?? []) link += `http://${ip}:${port.port} `;
      } else {
        let name = svc.metadata.name;
        const port = svc.spec?.ports?.[0];
        if (port) {
          const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
          name = scheme ? `${scheme}:${name}:${port.name ?? ''}` : port.name ? `${name}:${port.name}` : name;
        }
        link = `${KUBECONFIG_SERVER}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
      }
      text += `${svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name} is running at ${link}\n`;
    }
    text += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    ctx.out.write(text);
  },
};
