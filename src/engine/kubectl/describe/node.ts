/** kubectl describe node (describeNode with the lease, conditions, capacity and the pods' resource table). */
import type { KObject } from '../../types';
import { parseQuantityExact, type Quantity } from '../../api/quantity';
import { nodeRoles } from '../../api/printers/node';
import type { DescribeContext, Describer } from './context';
import { listItems, resourceDef } from './context';
import { describeEvents, searchEvents } from './events';
import { printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, quantityString, rfc1123z, since } from './format';
import { percent, podRequestsAndLimits, scaledValue, sumTotals, totalString } from './requests';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbed } from './writer';

const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'requests.storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage']);

function qty(list: Record<string, string> | undefined, name: string): Quantity | undefined {
  const v = list?.[name];
  if (v === undefined) return undefined;
  const q = parseQuantityExact(v);
  return typeof q === 'string' ? undefined : q;
}

function describeLease(ctx: DescribeContext, w: PrefixWriter, nodeName: string): void {
  const def = resourceDef(ctx, 'coordination.k8s.io', 'leases');
  const res = def ? ctx.client.send({ method: 'GET', path: `/apis/${def.group}/${def.version}/namespaces/kube-node-lease/leases/${nodeName}` }) : undefined;
  if (!res || res.status >= 400) {
    const message = res?.body?.message ?? `leases.coordination.k8s.io "${nodeName}" not found`;
    w.write(LEVEL_0, `Lease:\tFailed to get lease: ${message}\n`);
    return;
  }
  const spec = res.body.spec ?? {};
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${spec.acquireTime ? rfc1123z(spec.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${spec.renewTime ? rfc1123z(spec.renewTime) : '<unset>'}\n`);
}

function describeNodeResources(w: PrefixWriter, node: KObject, pods: KObject[], now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable: Record<string, string> = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : (node.status?.capacity ?? {});
  const allocCpu = scaledValue(qty(allocatable, 'cpu'), true);
  const allocMem = scaledValue(qty(allocatable, 'memory'), false);
  const perPod = pods.map((p) => podRequestsAndLimits(p));
  pods.forEach((pod, i) => {
    const { requests, limits } = perPod[i];
    const cell = (t: typeof requests, name: string, milli: boolean, alloc: number) =>
      `${totalString(t, name)} (${percent(scaledValue(t.get(name), milli), alloc)}%)`;
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(requests, 'cpu', true, allocCpu)}\t${cell(limits, 'cpu', true, allocCpu)}\t${cell(requests, 'memory', false, allocMem)}\t${cell(limits, 'memory', false, allocMem)}\t${since(pod.metadata.creationTimestamp, now)}\n`,
    );
  });
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs = sumTotals(perPod.map((p) => p.requests));
  const limits = sumTotals(perPod.map((p) => p.limits));
  const row = (name: string, milli: boolean) => {
    const alloc = scaledValue(qty(allocatable, name), milli);
    w.write(
      LEVEL_1,
      `${name}\t${totalString(reqs, name)} (${percent(scaledValue(reqs.get(name), milli), alloc)}%)\t${totalString(limits, name)} (${percent(scaledValue(limits.get(name), milli), alloc)}%)\n`,
    );
  };
  row('cpu', true);
  row('memory', false);
  row('ephemeral-storage', false);
  const names = Object.keys(allocatable);
  for (const name of names.filter((n) => n.startsWith('hugepages-')).sort()) row(name, false);
  const ext = names.filter((n) => !n.startsWith('hugepages-') && !STANDARD_RESOURCES.has(n) && n !== 'pods').sort();
  for (const name of ext) w.write(LEVEL_1, `${name}\t${totalString(reqs, name)}\t${totalString(limits, name)}\n`);
}

export const describeNode: Describer = (ctx, def, _namespace, name) => {
  const node = ctx.client.get(def, undefined, name);
  const pods = listItems(ctx, '', 'pods', undefined, {
    fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`,
    limit: '500',
  });
  let events: KObject[] | undefined;
  if (ctx.showEvents) {
    // Controllers name the node by UID, the kubelet by name: kubectl merges both searches.
    const ref = { kind: 'Node', namespace: '', name };
    events = [...searchEvents(ctx, { ...ref, uid: node.metadata.uid }), ...searchEvents(ctx, { ...ref, uid: name })];
  }
  const spec = node.spec ?? {};
  const status = node.status ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
    w.write(LEVEL_0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${!!spec.unschedulable}\n`);
    describeLease(ctx, w, name);
    if (status.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of status.conditions) {
        w.write(
          LEVEL_1,
          `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        );
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const resourceList = (list: Record<string, string>) => {
      for (const r of Object.keys(list).sort()) w.write(LEVEL_0, `  ${r}:\t${quantityString(list[r])}\n`);
    };
    if (Object.keys(status.capacity ?? {}).length) {
      w.write(LEVEL_0, 'Capacity:\n');
      resourceList(status.capacity);
    }
    if (Object.keys(status.allocatable ?? {}).length) {
      w.write(LEVEL_0, 'Allocatable:\n');
      resourceList(status.allocatable);
    }
    const info = status.nodeInfo ?? {};
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResources(w, node, pods, ctx.now);
    if (events) describeEvents(w, events, ctx.now);
  });
};
