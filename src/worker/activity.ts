/**
 * Who acted, read off the writes the store sees: every write goes through the API server into etcd; Events name
 * their reporting component; a binding is the scheduler's; pod status on a node is its kubelet's; an EndpointSlice
 * or Service change is programmed by every node's kube-proxy.
 */
import type { KObject, WatchEventType } from '../engine/types';
import type { Activity, Component } from '../protocol/messages';

export class ActivityTracker {
  private components = new Set<Component>();
  private kubelets = new Set<string>();
  /** The node each pod was bound to when last seen, to tell a binding from a status write. */
  private readonly podNodes = new Map<string, string>();

  note(type: WatchEventType, obj: KObject): void {
    this.components.add('apiserver');
    this.components.add('etcd');
    const meta = obj.metadata;
    switch (obj.kind) {
      case 'Event':
        this.noteEvent(obj);
        break;
      case 'Lease':
        if (meta.namespace === 'kube-node-lease') this.kubelet(meta.name!);
        break;
      case 'Node':
        if (type === 'MODIFIED') this.kubelet(meta.name!);
        break;
      case 'Pod':
        this.notePod(type, obj);
        break;
      case 'EndpointSlice':
        // The endpointslice controller writes it; every node's kube-proxy then reprograms its rules from it.
        this.components.add('controller-manager');
        this.components.add('kube-proxy');
        break;
      case 'Service':
        // kube-proxy watches Services too: a new port, IP or policy changes every node's rules.
        this.components.add('kube-proxy');
        break;
      case 'Endpoints':
      case 'ReplicaSet':
      case 'Job':
      case 'ControllerRevision':
        this.components.add('controller-manager');
        break;
      default:
        if (type !== 'ADDED' && (obj as { status?: unknown }).status) this.components.add('controller-manager');
    }
  }

  /** What happened since the last take, then start afresh. */
  take(): Activity | undefined {
    if (!this.components.size && !this.kubelets.size) return undefined;
    const activity = { components: [...this.components], kubelets: [...this.kubelets] };
    this.components = new Set();
    this.kubelets = new Set();
    return activity;
  }

  private kubelet(node: string): void {
    this.components.add('kubelet');
    this.kubelets.add(node);
  }

  private noteEvent(obj: KObject): void {
    const ev = obj as KObject & { source?: { component?: string; host?: string }; reportingComponent?: string };
    const component = ev.source?.component ?? ev.reportingComponent ?? '';
    if (component === 'kubelet') this.kubelet(ev.source?.host ?? '');
    else if (component === 'default-scheduler') this.components.add('scheduler');
    else if (component === 'kube-proxy') this.components.add('kube-proxy');
    else if (component.endsWith('controller')) this.components.add('controller-manager');
  }

  private notePod(type: WatchEventType, obj: KObject): void {
    const key = `${obj.metadata.namespace}/${obj.metadata.name}`;
    const node = (obj as { spec?: { nodeName?: string } }).spec?.nodeName ?? '';
    if (type === 'DELETED') {
      this.podNodes.delete(key);
      return;
    }
    const before = this.podNodes.get(key) ?? '';
    this.podNodes.set(key, node);
    if (type === 'ADDED' && obj.metadata.ownerReferences?.length) this.components.add('controller-manager');
    else if (node && !before && type === 'MODIFIED') this.components.add('scheduler');
    else if (node && type === 'MODIFIED') this.kubelet(node);
  }
}
