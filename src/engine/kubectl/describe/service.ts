/** kubectl describe for Services, Endpoints and EndpointSlices. */
import type { KObject } from '../../types';
import type { Describer } from './context';
import { listItems } from './context';
import { describeEvents, eventsFor } from './events';
import { formatLabels, printAnnotationsMultiline, printLabelsMultiline } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbed } from './writer';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpointSlices for one service port name: ready `ip:port` entries, at most 3, then `+ N more...`. */
export function formatEndpointSlices(slices: KObject[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const ready = (e: any) => e.conditions?.ready === undefined || e.conditions?.ready === null || e.conditions.ready;
  for (const s of slices) {
    const endpoints: any[] = s.endpoints ?? [];
    if (!s.ports?.length) {
      for (const e of endpoints) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(e.addresses?.[0]);
        count++;
      }
      continue;
    }
    for (const port of s.ports) {
      if ((port.name ?? '') !== portName) continue;
      for (const e of endpoints) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(joinHostPort(e.addresses?.[0], port.port));
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function ingressString(ingress: any[]): string {
  return ingress.map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : '') : (i.hostname ?? ''))).join(', ');
}

export const describeService: Describer = (ctx, def, namespace, name) => {
  const svc = ctx.client.get(def, namespace, name);
  const slices = listItems(ctx, 'discovery.k8s.io', 'endpointslices', namespace, { labelSelector: `${SERVICE_NAME_LABEL}=${name}` });
  const events = eventsFor(ctx, svc);
  const spec = svc.spec ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
    if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingressString(ingress)}\n`);
    for (const p of spec.ports ?? []) {
      const portName = p.name || '<unset>';
      const protocol = p.protocol ?? '';
      w.write(LEVEL_0, `Port:\t${portName}\t${p.port}/${protocol}\n`);
      const target = p.targetPort ?? 0;
      w.write(LEVEL_0, `TargetPort:\t${target}/${protocol}\n`);
      if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${portName}\t${p.nodePort}/${protocol}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges?.length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    if (events) describeEvents(w, events, ctx.now);
  });
};

export const describeEndpoints: Describer = (ctx, def, namespace, name) => {
  const ep = ctx.client.get(def, namespace, name);
  const events = eventsFor(ctx, ep);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const ss of ep.subsets ?? []) {
      w.write(LEVEL_1, `Addresses:\t${(ss.addresses ?? []).map((a: any) => a.ip).join(',') || '<none>'}\n`);
      w.write(LEVEL_1, `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a: any) => a.ip).join(',') || '<none>'}\n`);
      if (ss.ports?.length) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of ss.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    if (events) describeEvents(w, events, ctx.now);
  });
};

export const describeEndpointSlice: Describer = (ctx, def, namespace, name) => {
  const eps = ctx.client.get(def, namespace, name);
  const events = eventsFor(ctx, eps);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${eps.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', eps.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations);
    w.write(LEVEL_0, `AddressType:\t${eps.addressType ?? ''}\n`);
    if (!eps.ports?.length) w.write(LEVEL_0, 'Ports: <unset>\n');
    else {
      w.write(LEVEL_0, 'Ports:\n');
      w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_1, '----\t----\t--------\n');
      for (const p of eps.ports) w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
    }
    if (!eps.endpoints?.length) w.write(LEVEL_0, 'Endpoints: <none>\n');
    else {
      w.write(LEVEL_0, 'Endpoints:\n');
      for (const e of eps.endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
        w.write(LEVEL_2, 'Conditions:\n');
        w.write(LEVEL_3, `Ready:\t${e.conditions?.ready === undefined || e.conditions?.ready === null ? '<unset>' : String(e.conditions.ready)}\n`);
        w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
        if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
        w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
        w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
      }
    }
    if (events) describeEvents(w, events, ctx.now);
  });
};
