/** Service, Endpoints and EndpointSlice tables: printService, printEndpoints, printEndpointSlice. */
import type { KObject } from '../../types';
import type { KindPrinter } from './index';
import { ageColumn, col, formatLabels, joinHostPort, listWithMore, loadBalancerStatus, nameColumn, since } from './cells';
import {
  EPS_ADDRESS_TYPE,
  EPS_ENDPOINTS,
  EPS_PORTS,
  EP_SUBSETS,
  SVC_CLUSTER_IP,
  SVC_EXTERNAL_IPS,
  SVC_PORTS,
  SVC_SELECTOR,
  SVC_TYPE,
} from './descriptions';

/** getServiceExternalIP: `<none>`, `<pending>` for a LoadBalancer without ingress, or the addresses. */
export function serviceExternalIP(svc: KObject, wide: boolean): string {
  const externalIPs: string[] = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc.status?.loadBalancer, wide);
      if (externalIPs.length) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString: `80/TCP`, `80:30080/TCP`, comma separated. */
export function servicePorts(svc: KObject): string {
  return (svc.spec?.ports ?? [])
    .map((p: any) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
}

export const servicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Type', 'string', SVC_TYPE),
    col('Cluster-IP', 'string', SVC_CLUSTER_IP),
    col('External-IP', 'string', SVC_EXTERNAL_IPS),
    col('Port(s)', 'string', SVC_PORTS),
    ageColumn,
    col('Selector', 'string', SVC_SELECTOR, 1),
  ],
  row: (svc, now) => [
    svc.metadata.name,
    svc.spec?.type ?? '',
    svc.spec?.clusterIPs?.[0] ?? '<none>',
    serviceExternalIP(svc, true),
    servicePorts(svc) || '<none>',
    since(svc.metadata.creationTimestamp, now),
    formatLabels(svc.spec?.selector),
  ],
};

/** formatEndpoints with all ports: `ip:port` for each address and port, at most 3 then `+ N more...`. */
export function formatEndpoints(ep: KObject): string {
  const subsets: any[] = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: any[] = ss.addresses ?? [];
    if (!ss.ports?.length) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter: KindPrinter = {
  columns: [nameColumn, col('Endpoints', 'string', EP_SUBSETS), ageColumn],
  row: (ep, now) => [ep.metadata.name, formatEndpoints(ep), since(ep.metadata.creationTimestamp, now)],
};

function discoveryPorts(ports: any[] | undefined): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const p of ports ?? []) {
    if (list.length < 3) list.push(p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'));
    else if (list.length === 3) more = true;
    count++;
  }
  return listWithMore(list, more, count, 3, '<unset>');
}

function discoveryEndpoints(endpoints: any[] | undefined): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const e of endpoints ?? []) {
    for (const address of e.addresses ?? []) {
      if (list.length < 3) list.push(address);
      else if (list.length === 3) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, 3, '<unset>');
}

export const endpointSlicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('AddressType', 'string', EPS_ADDRESS_TYPE),
    col('Ports', 'string', EPS_PORTS),
    col('Endpoints', 'string', EPS_ENDPOINTS),
    ageColumn,
  ],
  row: (eps, now) => [
    eps.metadata.name,
    eps.addressType ?? '',
    discoveryPorts(eps.ports),
    discoveryEndpoints(eps.endpoints),
    since(eps.metadata.creationTimestamp, now),
  ],
};
