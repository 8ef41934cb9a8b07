/** kubectl describe hpa (describeHorizontalPodAutoscalerV2). */
import type { Describer } from './context';
import { describeEvents, eventsFor } from './events';
import { printAnnotationsMultiline, printLabelsMultiline, quantityString, rfc1123z } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter, tabbed } from './writer';

const UNKNOWN = '<unknown>';

function describeMetric(w: PrefixWriter, metric: any, status: any): void {
  switch (metric.type) {
    case 'External': {
      const t = metric.external?.target ?? {};
      const name = JSON.stringify(metric.external?.metric?.name ?? '');
      if (t.averageValue !== undefined) {
        const cur = status?.external?.current?.averageValue !== undefined ? quantityString(status.external.current.averageValue) : UNKNOWN;
        w.write(LEVEL_1, `${name} (target average value):\t${cur} / ${quantityString(t.averageValue)}\n`);
      } else {
        const cur = status?.external ? quantityString(status.external.current?.value) : UNKNOWN;
        w.write(LEVEL_1, `${name} (target value):\t${cur} / ${quantityString(t.value)}\n`);
      }
      break;
    }
    case 'Pods': {
      const cur = status?.pods ? quantityString(status.pods.current?.averageValue) : UNKNOWN;
      w.write(LEVEL_1, `${JSON.stringify(metric.pods?.metric?.name ?? '')} on pods:\t${cur} / ${quantityString(metric.pods?.target?.averageValue)}\n`);
      break;
    }
    case 'Object': {
      const o = metric.object ?? {};
      w.write(LEVEL_1, `"${o.metric?.name ?? ''}" on ${o.describedObject?.kind ?? ''}/${o.describedObject?.name ?? ''} `);
      if (o.target?.type === 'AverageValue') {
        const cur = status?.object ? quantityString(status.object.current?.averageValue) : UNKNOWN;
        w.write(LEVEL_0, `(target average value):\t${cur} / ${quantityString(o.target.averageValue)}\n`);
      } else {
        const cur = status?.object ? quantityString(status.object.current?.value) : UNKNOWN;
        w.write(LEVEL_0, `(target value):\t${cur} / ${quantityString(o.target?.value)}\n`);
      }
      break;
    }
    case 'Resource':
    case 'ContainerResource': {
      const isContainer = metric.type === 'ContainerResource';
      const spec = isContainer ? metric.containerResource : metric.resource;
      const st = isContainer ? status?.containerResource : status?.resource;
      w.write(LEVEL_1, isContainer ? `resource ${spec?.name} of container "${spec?.container}" on pods` : `resource ${spec?.name} on pods`);
      if (spec?.target?.averageValue !== undefined) {
        const cur = st ? quantityString(st.current?.averageValue) : UNKNOWN;
        w.write(LEVEL_0, `:\t${cur} / ${quantityString(spec.target.averageValue)}\n`);
      } else {
        const util = st?.current?.averageUtilization;
        const cur = util !== undefined && util !== null ? `${util}% (${quantityString(st.current.averageValue)})` : UNKNOWN;
        const target = spec?.target?.averageUtilization !== undefined ? `${spec.target.averageUtilization}%` : '<auto>';
        w.write(LEVEL_1, `(as a percentage of request):\t${cur} / ${target}\n`);
      }
      break;
    }
    default:
      w.write(LEVEL_1, `<unknown metric type ${JSON.stringify(metric.type ?? '')}>\n`);
  }
}

function directionBehavior(w: PrefixWriter, direction: string, rules: any): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined && rules.stabilizationWindowSeconds !== null) {
    w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  }
  if (rules.policies?.length) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

export const describeHPA: Describer = (ctx, def, namespace, name) => {
  const hpa = ctx.client.get(def, namespace, name);
  const events = eventsFor(ctx, hpa);
  const spec = hpa.spec ?? {};
  const st = hpa.status ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
    w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
    (spec.metrics ?? []).forEach((m: any, i: number) => describeMetric(w, m, st.currentMetrics?.[i]));
    const min = spec.minReplicas;
    w.write(LEVEL_0, `Min replicas:\t${min !== undefined && min !== null ? min : '<unset>'}\n`);
    w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
    if (spec.behavior) {
      w.write(LEVEL_0, 'Behavior:\n');
      directionBehavior(w, 'Scale Up', spec.behavior.scaleUp);
      directionBehavior(w, 'Scale Down', spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
    w.write(LEVEL_0, `${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
    if (st.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------\t-------\n');
      for (const c of st.conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    if (events) describeEvents(w, events, ctx.now);
  });
};
