/**
 * Turns the cluster mirror into React Flow nodes and edges. A GraphBuilder lives as long as the graph: it keeps
 * pod slots, caches each pod's STATUS by object identity, and hands back the previous node and edge objects when
 * their content did not change, so React Flow and the memo'd node components skip them.
 */
import type { KObject } from '../../engine/types';
import { nodeStatus } from '../../engine/api/printers/node';
import {
  BOX_COLS,
  COMPONENTS_H,
  controlPlaneBoxSize,
  CP_COLS,
  layoutBoxes,
  NODE_HEADER_H,
  ownerPosition,
  OWNER_H,
  OWNER_W,
  POD_H,
  POD_W,
  QUEUE_HEADER_H,
  queueBoxSize,
  slotPosition,
  TOP_ITEM_H,
  TOP_ITEM_W,
  topRowPosition,
  workerBoxSize,
  type Size,
} from './layout';
import { nodeId, QUEUE_ID, type GraphEdge, type GraphNode, type MachineFields, type PodNode } from './graph-types';
import { groupPods, inNamespace, nameOf, podSlotKey, shortPodName, type PodGroups } from './pod-groups';
import { podLook, type PodCategory, type PodLook } from './pod-status';
import { assignSlots, slotExtent, type SlotMap } from './slots';
import { Reuse, sameEdge, sameNode } from './stable';
import { externalAddress, ingressBackends, ingressHosts, readyEndpointPods, servicePorts } from './services';
import { controllerOf, ownerReplicas, shownOwners, type OwnerObjects } from './owners';

/** Past this many pods shown, boxes show counts by status until the view is zoomed in. */
export const SUMMARIZE_OVER = 300;
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

type Objects = Record<string, KObject> | undefined;

export interface GraphInput extends OwnerObjects {
  Node: Objects;
  Pod: Objects;
  Service: Objects;
  EndpointSlice: Objects;
  Endpoints: Objects;
  Ingress: Objects;
}

export interface GraphOptions {
  /** '' for all namespaces. */
  namespace: string;
  showOwners: boolean;
  /** Zoomed in far enough to draw every pod even past SUMMARIZE_OVER. */
  expanded: boolean;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  podCount: number;
  summarized: boolean;
}

interface Box {
  id: string;
  pods: KObject[];
  slots: SlotMap;
}

export function isControlPlane(node: KObject): boolean {
  return nameOf(node) === 'control-plane' || node.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined;
}

/** One collator for every comparison: `localeCompare` with options builds a new one per call. */
const NUMERIC = new Intl.Collator('en', { numeric: true });
const byName = (a: KObject, b: KObject) => NUMERIC.compare(nameOf(a), nameOf(b));

export class GraphBuilder {
  private readonly slots = new Map<string, SlotMap>();
  private readonly looks = new WeakMap<KObject, PodLook>();
  private readonly nodes = new Reuse<GraphNode>(sameNode);
  private readonly edges = new Reuse<GraphEdge>(sameEdge);
  private grouped:
    | {
        pods: Objects;
        namespace: string;
        groups: PodGroups;
        proxies: Set<string>;
      }
    | undefined;

  look(pod: KObject): PodLook {
    let l = this.looks.get(pod);
    if (!l) this.looks.set(pod, (l = podLook(pod)));
    return l;
  }

  build(input: GraphInput, opts: GraphOptions): Graph {
    const { groups, proxies } = this.group(input.Pod, opts.namespace);
    const summarized = groups.count > SUMMARIZE_OVER && !opts.expanded;
    const machines = Object.values(input.Node ?? {}).sort(byName);
    const cp = machines.find(isControlPlane);
    const workers = machines.filter((m) => m !== cp);

    const boxes = new Map<string, Box>();
    const box = (id: string, pods: KObject[]) => {
      const slots = assignSlots(this.slots.get(id), pods.map(podSlotKey));
      this.slots.set(id, slots);
      boxes.set(id, { id, pods, slots });
      return boxes.get(id)!;
    };
    for (const id of this.slots.keys()) if (id !== QUEUE_ID && !machines.some((m) => nodeId('Node', '', nameOf(m)) === id)) this.slots.delete(id);

    const machineBox = (m: KObject) => {
      let pods = groups.byNode.get(nameOf(m)) ?? [];
      if (m === cp) pods = pods.filter((p) => p.metadata.annotations?.[MIRROR_ANNOTATION] === undefined);
      return box(nodeId('Node', '', nameOf(m)), pods);
    };
    const cpBox = cp && machineBox(cp);
    const workerBoxes = workers.map(machineBox);
    const queueBox = box(QUEUE_ID, groups.queue);
    // Pods bound to a node the mirror does not have (yet): shown nowhere rather than guessed at.

    const cpSize = cpBox && controlPlaneBoxSize(slotExtent(cpBox.slots));
    const workerSizes = workers.map((w, i): readonly [string, Size] => [nameOf(w), workerBoxSize(slotExtent(workerBoxes[i].slots))]);
    const layout = layoutBoxes(cpSize, workerSizes);

    const out: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const shownPods = new Map<string, string>(); // pod node id -> box id

    // Row 0: ingresses, then services.
    const ingresses = Object.values(input.Ingress ?? {})
      .filter((o) => inNamespace(o, opts.namespace))
      .sort(byNsName);
    const services = Object.values(input.Service ?? {})
      .filter((o) => inNamespace(o, opts.namespace))
      .sort(byNsName);
    ingresses.forEach((ing, i) => {
      const ref = refOf(ing);
      out.push(
        this.nodes.take({
          id: idOf(ing),
          type: 'ingress',
          position: topRowPosition(i, layout.topRowX),
          width: TOP_ITEM_W,
          height: TOP_ITEM_H,
          data: { ...ref, hosts: ingressHosts(ing) },
        }),
      );
    });
    // Boxes, then the pods inside them (React Flow wants parents first).
    const summary = (b: Box) => (summarized ? this.summarize(b.pods) : '');
    const machineFields = (m: KObject, b: Box): MachineFields => ({
      status: nodeStatus(m),
      taints: (m.spec?.taints ?? []).map((t: any) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(', '),
      runtime: String(m.status?.nodeInfo?.containerRuntimeVersion ?? '').split('://')[0],
      proxy: proxies.has(nameOf(m)),
      summary: summary(b),
    });
    if (cp && cpBox && cpSize) {
      out.push(
        this.nodes.take({
          id: cpBox.id,
          type: 'controlPlane',
          position: layout.controlPlane,
          ...cpSize,
          data: { ...refOf(cp), ...machineFields(cp, cpBox) },
        }),
      );
    }
    const queueSize = queueBoxSize(slotExtent(queueBox.slots));
    out.push(
      this.nodes.take({
        id: QUEUE_ID,
        type: 'queue',
        position: layout.queue,
        ...queueSize,
        data: {
          kind: 'Scheduler',
          namespace: '',
          name: 'queue',
          count: queueBox.pods.length,
          summary: summary(queueBox),
        },
      }),
    );
    workers.forEach((w, i) => {
      const b = workerBoxes[i];
      out.push(
        this.nodes.take({
          id: b.id,
          type: 'machine',
          position: layout.workers.get(nameOf(w))!,
          width: workerSizes[i][1].width,
          height: workerSizes[i][1].height,
          data: { ...refOf(w), ...machineFields(w, b) },
        }),
      );
    });
    const slotTop = (b: Box) => (b.id === QUEUE_ID ? QUEUE_HEADER_H : b === cpBox ? NODE_HEADER_H + COMPONENTS_H : NODE_HEADER_H);
    const slotCols = (b: Box) => (b === cpBox ? CP_COLS : BOX_COLS);
    for (const b of boxes.values()) {
      for (const pod of b.pods) {
        if (summarized) {
          shownPods.set(idOf(pod), b.id);
          continue;
        }
        const l = this.look(pod);
        const node: PodNode = {
          id: idOf(pod),
          type: 'pod',
          parentId: b.id,
          position: slotPosition(b.slots.get(podSlotKey(pod))!, slotTop(b), slotCols(b)),
          width: POD_W,
          height: POD_H,
          data: {
            ...refOf(pod),
            label: shortPodName(nameOf(pod)),
            status: l.status,
            category: l.category,
            restarts: l.restarts,
            ready: l.ready,
            node: pod.spec?.nodeName ?? '',
          },
        };
        out.push(this.nodes.take(node));
        shownPods.set(node.id, node.id);
      }
    }

    // Edges: Service -> pods behind ready endpoints (their box when summarized); Ingress -> Service.
    const seen = new Set<string>();
    const edge = (source: string, target: string, className: string, sourceHandle: string, targetHandle: string) => {
      const id = `${source}->${target}`;
      if (seen.has(id)) return false;
      seen.add(id);
      edges.push(
        this.edges.take({
          id,
          source,
          target,
          sourceHandle,
          targetHandle,
          className,
        }),
      );
      return true;
    };
    const serviceIds = new Set<string>();
    services.forEach((svc, i) => {
      const id = idOf(svc);
      serviceIds.add(id);
      let endpoints = 0;
      for (const podName of readyEndpointPods(svc, {
        endpointSlices: input.EndpointSlice,
        endpoints: input.Endpoints,
        pods: input.Pod,
      })) {
        const target = shownPods.get(nodeId('Pod', svc.metadata.namespace ?? '', podName));
        if (!target) continue;
        endpoints++;
        edge(id, target, 'edge-service', 'out', 'in');
      }
      out.push(
        this.nodes.take({
          id,
          type: 'service',
          position: topRowPosition(ingresses.length + i, layout.topRowX),
          width: TOP_ITEM_W,
          height: TOP_ITEM_H,
          data: {
            ...refOf(svc),
            type: svc.spec?.type ?? 'ClusterIP',
            clusterIP: svc.spec?.clusterIP ?? '',
            ports: servicePorts(svc),
            external: externalAddress(svc),
            endpoints,
          },
        }),
      );
    });
    for (const ing of ingresses) {
      for (const svcName of ingressBackends(ing)) {
        const target = nodeId('Service', ing.metadata.namespace ?? '', svcName);
        if (serviceIds.has(target)) edge(idOf(ing), target, 'edge-ingress', 'side', 'side');
      }
    }

    if (opts.showOwners) this.addOwners(input, opts, groups, layout.bottom, shownPods, out, edge);

    this.nodes.finish();
    this.edges.finish();
    return { nodes: out, edges, podCount: groups.count, summarized };
  }

  /** Counts by status category, `running=3 pending=1`, in legend order. */
  summarize(pods: KObject[]): string {
    const counts = new Map<PodCategory, number>();
    for (const p of pods) {
      const c = this.look(p).category;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    return [...counts].map(([c, n]) => `${c}=${n}`).join(' ');
  }

  private group(pods: Objects, namespace: string) {
    if (!this.grouped || this.grouped.pods !== pods || this.grouped.namespace !== namespace) {
      const proxies = new Set<string>();
      for (const p of Object.values(pods ?? {})) {
        if (p.spec?.nodeName && controllerOf(p)?.kind === 'DaemonSet' && controllerOf(p)?.name === 'kube-proxy') proxies.add(p.spec.nodeName);
      }
      this.grouped = {
        pods,
        namespace,
        groups: groupPods(pods, namespace),
        proxies,
      };
    }
    return this.grouped;
  }

  private addOwners(
    input: GraphInput,
    opts: GraphOptions,
    groups: PodGroups,
    bottom: number,
    shownPods: Map<string, string>,
    out: GraphNode[],
    edge: (s: string, t: string, c: string, sh: string, th: string) => boolean,
  ): void {
    const podOwners = new Set<string>();
    const allPods = [...groups.queue, ...[...groups.byNode.values()].flat()];
    for (const p of allPods) {
      const c = controllerOf(p);
      if (c) podOwners.add(`${c.kind}/${p.metadata.namespace}/${c.name}`);
    }
    const owners = shownOwners(input, opts.namespace, podOwners);
    const ids = new Set(owners.map((o) => idOf(o.obj)));
    const index = { 1: 0, 2: 0 };
    for (const { obj, level } of owners) {
      out.push(
        this.nodes.take({
          id: idOf(obj),
          type: 'owner',
          position: ownerPosition(level, index[level]++, bottom),
          width: OWNER_W,
          height: OWNER_H,
          data: { ...refOf(obj), replicas: ownerReplicas(obj) },
        }),
      );
    }
    for (const p of allPods) {
      const c = controllerOf(p);
      const target = shownPods.get(idOf(p));
      const source = c && nodeId(c.kind, p.metadata.namespace ?? '', c.name);
      if (source && target && ids.has(source)) edge(source, target, 'edge-owner', 'up', 'below');
    }
    for (const { obj, level } of owners) {
      const c = controllerOf(obj);
      const source = c && nodeId(c.kind, obj.metadata.namespace ?? '', c.name);
      if (level === 1 && source && ids.has(source)) edge(source, idOf(obj), 'edge-owner', 'up', 'below');
    }
  }
}

function refOf(obj: KObject) {
  return {
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? '',
    name: nameOf(obj),
  };
}

function idOf(obj: KObject): string {
  return nodeId(obj.kind, obj.metadata.namespace ?? '', nameOf(obj));
}

function byNsName(a: KObject, b: KObject): number {
  return `${a.metadata.namespace}/${nameOf(a)}`.localeCompare(`${b.metadata.namespace}/${nameOf(b)}`);
}
