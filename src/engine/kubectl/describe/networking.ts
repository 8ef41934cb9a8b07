/** kubectl describe for Ingresses and IngressClasses. */
import { loadBalancerStatus } from '../../api/printers/cells';
import type { DescribeContext, Describer } from './context';
import { listItems, resourceDef } from './context';
import { describeEvents, eventsFor } from './events';
import { formatEndpointSlices } from './service';
import { printAnnotationsMultiline, printLabelsMultiline } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbed } from './writer';

/** describeBackendV1: `svc:port (endpoints)` or the resource backend. */
function describeBackend(ctx: DescribeContext, namespace: string, backend: any): string {
  if (backend?.service) {
    const svcRef = backend.service;
    const port = svcRef.port?.number ? String(svcRef.port.number) : (svcRef.port?.name ?? '');
    const sb = `${svcRef.name}:${port}`;
    const slices = listItems(ctx, 'discovery.k8s.io', 'endpointslices', namespace, { labelSelector: `kubernetes.io/service-name=${svcRef.name}` });
    const svcDef = resourceDef(ctx, '', 'services');
    const res = svcDef ? ctx.client.send({ method: 'GET', path: `/api/v1/namespaces/${namespace}/services/${svcRef.name}` }) : undefined;
    if (!res || res.status >= 400) return `${sb} (<error: ${res?.body?.message ?? `services "${svcRef.name}" not found`}>)`;
    let spName = '';
    for (const sp of res.body.spec?.ports ?? []) {
      if (svcRef.port?.number && svcRef.port.number === sp.port) spName = sp.name ?? '';
      else if (svcRef.port?.name && svcRef.port.name === sp.name) spName = sp.name ?? '';
    }
    return `${sb} (${formatEndpointSlices(slices, spName)})`;
  }
  if (backend?.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}`;
  }
  return '';
}

export const describeIngress: Describer = (ctx, def, namespace, name) => {
  const ing = ctx.client.get(def, namespace, name);
  const events = eventsFor(ctx, ing);
  const ns = ing.metadata.namespace!;
  const spec = ing.spec ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ing.metadata.labels);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    w.write(LEVEL_0, `Address:\t${loadBalancerStatus(ing.status?.loadBalancer, true)}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
    const defaultBackend = spec.defaultBackend ? describeBackend(ctx, ns, spec.defaultBackend) : '<default>';
    w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`);
    if (spec.tls?.length) {
      w.write(LEVEL_0, 'TLS:\n');
      for (const t of spec.tls) {
        if (!t.secretName) w.write(LEVEL_1, `SNI routes ${(t.hosts ?? []).join(',')}\n`);
        else w.write(LEVEL_1, `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n`);
      }
    }
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    let count = 0;
    for (const rule of spec.rules ?? []) {
      if (!rule.http) continue;
      count++;
      w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
      for (const p of rule.http.paths ?? []) w.write(LEVEL_2, `\t${p.path ?? ''} \t${describeBackend(ctx, ns, p.backend)}\n`);
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`);
    printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations);
    if (events) describeEvents(w, events, ctx.now);
  });
};

export const describeIngressClass: Describer = (ctx, def, _namespace, name) => {
  const ic = ctx.client.get(def, undefined, name);
  const events = eventsFor(ctx, ic);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ic.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ic.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ic.metadata.annotations);
    w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
    const p = ic.spec?.parameters;
    if (p) {
      w.write(LEVEL_0, 'Parameters:\n');
      if (p.apiGroup !== undefined && p.apiGroup !== null) w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${p.kind ?? ''}\n`);
      w.write(LEVEL_1, `Name:\t${p.name ?? ''}\n`);
    }
    if (events) describeEvents(w, events, ctx.now);
  });
};
