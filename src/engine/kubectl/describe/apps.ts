/** kubectl describe for Deployments, ReplicaSets, StatefulSets and DaemonSets. */
import type { KObject } from '../../types';
import { deepEqual } from '../../util';
import type { DescribeContext, Describer } from './context';
import { listItems } from './context';
import { describeEvents, eventsFor } from './events';
import { describePodTemplate } from './volumes';
import {
  controllerOf,
  formatLabelSelector,
  formatLabels,
  printAnnotationsMultiline,
  printLabelsMultiline,
  quantityString,
  rfc1123z,
  selectorString,
} from './format';
import { LEVEL_0, LEVEL_1, tabbed } from './writer';

function controlledBy(obj: KObject, owner: KObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === owner.metadata.uid);
}

/** getPodStatusForController: phases of the pods the controller owns among those its selector matches. */
function podStatusCounts(ctx: DescribeContext, owner: KObject): string {
  const pods = listItems(ctx, '', 'pods', owner.metadata.namespace, { labelSelector: selectorString(owner.spec?.selector) });
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of pods) if (controlledBy(p, owner) && p.status?.phase in n) n[p.status.phase]++;
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

function withoutHash(template: any): any {
  const copy = JSON.parse(JSON.stringify(template ?? {}));
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  return copy;
}

function byCreation(a: KObject, b: KObject): number {
  const ta = Date.parse(a.metadata.creationTimestamp ?? '');
  const tb = Date.parse(b.metadata.creationTimestamp ?? '');
  if (ta !== tb) return ta - tb;
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

function replicaSetsByLabels(list: KObject[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return s || '<none>';
}

export const describeDeployment: Describer = (ctx, def, namespace, name) => {
  const d = ctx.client.get(def, namespace, name);
  const events = eventsFor(ctx, d);
  const owned = listItems(ctx, 'apps', 'replicasets', d.metadata.namespace, { labelSelector: selectorString(d.spec?.selector) })
    .filter((rs) => controlledBy(rs, d))
    .sort(byCreation);
  const template = withoutHash(d.spec?.template);
  const newRS = owned.find((rs) => deepEqual(withoutHash(rs.spec?.template), template));
  const oldRSs = owned.filter((rs) => rs !== newRS);
  const st = d.status ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(d.spec?.selector)}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${d.spec?.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
    );
    w.write(LEVEL_0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
    const ru = d.spec?.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '<nil>'} max unavailable, ${ru.maxSurge ?? '<nil>'} max surge\n`);
    describePodTemplate(w, d.spec?.template);
    if (st.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of st.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (oldRSs.length || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsByLabels(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsByLabels(newRS ? [newRS] : [])}\n`);
    }
    if (events) describeEvents(w, events, ctx.now);
  });
};

export const describeReplicaSet: Describer = (ctx, def, namespace, name) => {
  const rs = ctx.client.get(def, namespace, name);
  const pods = podStatusCounts(ctx, rs);
  const events = eventsFor(ctx, rs);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
    const owner = controllerOf(rs);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${pods}\n`);
    describePodTemplate(w, rs.spec?.template);
    if (rs.status?.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of rs.status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (events) describeEvents(w, events, ctx.now);
  });
};

export const describeStatefulSet: Describer = (ctx, def, namespace, name) => {
  const ss = ctx.client.get(def, namespace, name);
  const pods = podStatusCounts(ctx, ss);
  const events = eventsFor(ctx, ss);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ss.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ss.metadata.namespace}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(ss.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', ss.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ss.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${ss.spec?.replicas ?? 1} desired | ${ss.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${ss.spec?.updateStrategy?.type ?? ''}\n`);
    const ru = ss.spec?.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${pods}\n`);
    describePodTemplate(w, ss.spec?.template);
    const claims: any[] = ss.spec?.volumeClaimTemplates ?? [];
    if (!claims.length) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    else {
      w.write(LEVEL_0, 'Volume Claims:\n');
      for (const pvc of claims) {
        w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
        const cls = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
        w.write(LEVEL_1, `StorageClass:\t${cls}\n`);
        printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
        printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
        const storage = pvc.spec?.resources?.requests?.storage;
        w.write(LEVEL_1, `Capacity:\t${storage !== undefined ? quantityString(storage) : '<default>'}\n`);
        w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
      }
    }
    if (events) describeEvents(w, events, ctx.now);
  });
};

export const describeDaemonSet: Describer = (ctx, def, namespace, name) => {
  const ds = ctx.client.get(def, namespace, name);
  const pods = podStatusCounts(ctx, ds);
  const events = eventsFor(ctx, ds);
  const st = ds.status ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ds.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(ds.spec?.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', ds.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${pods}\n`);
    describePodTemplate(w, ds.spec?.template);
    if (events) describeEvents(w, events, ctx.now);
  });
};
