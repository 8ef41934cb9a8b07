/**
 * What `kubectl expose` reads from the object it exposes (kubectl's polymorphichelpers): whether the kind can be
 * exposed, its pod selector as `k=v,...`, its ports and the protocols of each port.
 */
import type { ResourceDef } from '../../api/resources';
import type { KObject } from '../../types';

const EXPOSABLE = new Set(['/ReplicationController', '/Service', '/Pod', 'apps/Deployment', 'apps/ReplicaSet']);

/** canBeExposed: the error for any other kind (`cannot expose a StatefulSet.apps`), or undefined. */
export function cannotExposeError(def: ResourceDef): string | undefined {
  if (EXPOSABLE.has(`${def.group}/${def.kind}`)) return undefined;
  return `cannot expose a ${def.group ? `${def.kind}.${def.group}` : def.kind}`;
}

/** MakeLabels: `k=v` pairs joined with commas. */
export function makeLabels(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Go's %+v of []LabelSelectorRequirement: `[{Key:app Operator:In Values:[a b]}]`. */
function goRequirements(exprs: any[]): string {
  return `[${exprs.map((e) => `{Key:${e.key ?? ''} Operator:${e.operator ?? ''} Values:[${(e.values ?? []).join(' ')}]}`).join(' ')}]`;
}

/** mapBasedSelectorForObject: the selector string, or an error. */
export function selectorForObject(obj: KObject): { selector: string } | { error: string } {
  switch (obj.kind) {
    case 'ReplicationController':
      return { selector: makeLabels(obj.spec?.selector) };
    case 'Pod':
      if (!Object.keys(obj.metadata.labels ?? {}).length) return { error: 'the pod has no labels and cannot be exposed' };
      return { selector: makeLabels(obj.metadata.labels) };
    case 'Service':
      if (!obj.spec?.selector) return { error: 'the service has no pod selector set' };
      return { selector: makeLabels(obj.spec.selector) };
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = obj.spec?.selector;
      const what = obj.kind === 'Deployment' ? 'deployment' : 'replicaset';
      if (!sel || !Object.keys(sel.matchLabels ?? {}).length) return { error: `invalid ${what}: no selectors, therefore cannot be exposed` };
      if (sel.matchExpressions?.length) {
        return { error: `couldn't convert expressions - "${goRequirements(sel.matchExpressions)}" to map-based selector format` };
      }
      return { selector: makeLabels(sel.matchLabels) };
    }
    default:
      return { error: `cannot extract pod selector from *v1.${obj.kind}` };
  }
}

function podSpecOf(obj: KObject): any {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

/** portsForObject: distinct container ports (or a Service's ports), in order, as strings. */
export function portsForObject(obj: KObject): string[] {
  const ports: number[] =
    obj.kind === 'Service'
      ? (obj.spec?.ports ?? []).map((p: any) => p.port)
      : (podSpecOf(obj)?.containers ?? []).flatMap((c: any) => (c.ports ?? []).map((p: any) => p.containerPort));
  return [...new Set(ports.map(String))];
}

/** multiProtocolsForObject: each port's protocols (TCP when unset), in declaration order. */
export function protocolsForObject(obj: KObject): Map<string, string[]> {
  const entries: { port: number; protocol?: string }[] =
    obj.kind === 'Service'
      ? (obj.spec?.ports ?? []).map((p: any) => ({ port: p.port, protocol: p.protocol }))
      : (podSpecOf(obj)?.containers ?? []).flatMap((c: any) => (c.ports ?? []).map((p: any) => ({ port: p.containerPort, protocol: p.protocol })));
  const out = new Map<string, string[]>();
  for (const e of entries) {
    const key = String(e.port);
    out.set(key, [...(out.get(key) ?? []), e.protocol || 'TCP']);
  }
  return out;
}
