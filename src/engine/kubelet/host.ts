/**
 * Runs one kubelet per Node object (nodes added later through the API included), hands each the pods bound to
 * it, serves pods/{name}/log, and exposes the machine-level actions of `kubeplay node fail|recover` and
 * `kubeplay pod crash`.
 */
import type { Controller, ControllerContext } from '../runtime/controller-manager';
import type { KObject } from '../types';
import { isRunning } from './container-state';
import { Kubelet } from './kubelet';
import { servePodLog } from './logs';
import { serveExec } from './exec/serve-exec';
import type { ClusterNetwork } from '../network/cluster-network';

export class KubeletHost implements Controller {
  readonly name = 'kubelet';
  readonly kubelets = new Map<string, Kubelet>();
  /** The data plane exec'd network tools (nslookup, curl, wget) use; set by createCluster. */
  network?: ClusterNetwork;

  start(ctx: ControllerContext): void {
    const nodes = ctx.informer('nodes');
    const pods = ctx.informer('pods');
    const configMaps = ctx.informer('configmaps');
    const secrets = ctx.informer('secrets');
    const services = ctx.informer('services');
    const config = {
      configMap: (ns: string, name: string) => configMaps.get(`${ns}/${name}`),
      secret: (ns: string, name: string) => secrets.get(`${ns}/${name}`),
      services: (ns: string) => services.list().filter((s) => s.metadata.namespace === ns),
    };
    nodes.on((type, node) => {
      const name = node.metadata.name!;
      if (type === 'ADDED' && !this.kubelets.has(name)) {
        const k = new Kubelet(ctx, node, config);
        this.kubelets.set(name, k);
        ctx.clock.schedule(0, () => {
          k.start();
          for (const pod of pods.list()) if (pod.spec?.nodeName === name) k.podChanged('ADDED', pod);
        });
      } else if (type === 'DELETED') {
        this.kubelets.get(name)?.fail();
        this.kubelets.delete(name);
      } else this.kubelets.get(name)?.nodeUpdated(node);
    });
    pods.on((type, pod) => {
      const nodeName: string | undefined = pod.spec?.nodeName;
      if (!nodeName) return;
      const k = this.kubelets.get(nodeName);
      if (!k) return;
      ctx.clock.schedule(0, () => k.podChanged(type === 'DELETED' ? 'DELETED' : type === 'ADDED' ? 'ADDED' : 'MODIFIED', pod));
    });
    ctx.servePodLogs((pod, query) => servePodLog(this.kubelets, pod, query, (at) => ctx.clock.epochMs(at), ctx.clock.now()));
    ctx.servePodExec?.((pod, options) => serveExec(this.kubelets, this.network, pod, options));
  }

  kubelet(nodeName: string): Kubelet | undefined {
    return this.kubelets.get(nodeName);
  }

  /** `kubeplay pod crash`: the container's main process exits with code 1. Returns an error message or the container name. */
  crash(pod: KObject, containerName: string | undefined): { error: string } | { container: string } {
    const name = pod.metadata.name;
    const k = pod.spec?.nodeName ? this.kubelets.get(pod.spec.nodeName) : undefined;
    const w = k?.alive() ? k.workers.get(pod.metadata.uid!) : undefined;
    const container = containerName ?? pod.spec?.containers?.[0]?.name;
    const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c: any) => c.name);
    if (!all.includes(container)) return { error: `container ${container} is not valid for pod ${name}` };
    const c = w?.containers().find((x) => x.name === container);
    if (!c || !isRunning(c)) return { error: `container "${container}" in pod "${name}" is not running` };
    c.proc!.finish({ code: 1, reason: 'Error' });
    return { container };
  }
}
