/**
 * RepackSubsets (pkg/api/v1/endpoints): one (address, ready, port) per pod and port in, the canonical Endpoints
 * layout out: addresses grouped by the set of ports they offer, a not-ready state winning over ready, addresses
 * sorted by IP (byte order) then UID. Ports keep the Service's order (upstream orders them by a hash).
 */

export interface AddressEntry {
  address: any;
  ready: boolean;
  port: any | undefined;
}

const addressKey = (a: any) => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
const portKey = (p: any) => `${p.name ?? ''}\u0000${p.port}\u0000${p.protocol ?? ''}\u0000${p.appProtocol ?? ''}`;

function lessAddress(a: any, b: any): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

export function repackSubsets(entries: AddressEntry[]): any[] {
  const addresses = new Map<string, any>();
  /** port key -> the port and its addresses' readiness. */
  const byPort = new Map<string, { port: any; ready: Map<string, boolean> }>();
  const portless = new Map<string, boolean>();
  for (const e of entries) {
    const ak = addressKey(e.address);
    if (!addresses.has(ak)) addresses.set(ak, e.address);
    let target: Map<string, boolean>;
    if (e.port === undefined) target = portless;
    else {
      const pk = portKey(e.port);
      let slot = byPort.get(pk);
      if (!slot) byPort.set(pk, (slot = { port: e.port, ready: new Map() }));
      target = slot.ready;
    }
    const was = target.get(ak);
    if (was === undefined || was) target.set(ak, e.ready);
  }
  const subset = (ready: Map<string, boolean>, ports: any[] | undefined) => {
    const ok: any[] = [];
    const notOk: any[] = [];
    for (const [ak, r] of ready) (r ? ok : notOk).push(addresses.get(ak));
    ok.sort(lessAddress);
    notOk.sort(lessAddress);
    return { ...(ok.length ? { addresses: ok } : {}), ...(notOk.length ? { notReadyAddresses: notOk } : {}), ...(ports ? { ports } : {}) };
  };
  const groups = new Map<string, { ready: Map<string, boolean>; ports: any[] }>();
  for (const { port, ready } of byPort.values()) {
    const sig = [...ready].map(([ak, r]) => `${ak}\u0000${r}`).sort().join('\u0001');
    const g = groups.get(sig);
    if (g) g.ports.push(port);
    else groups.set(sig, { ready, ports: [port] });
  }
  const out = [...groups.values()].map((g) => subset(g.ready, g.ports));
  if (portless.size) out.push(subset(portless, undefined));
  return out;
}
