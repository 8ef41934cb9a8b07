/** HorizontalPodAutoscaler table: printHorizontalPodAutoscaler with formatHPAMetrics (`cpu: 250%/50%`). */
import type { KindPrinter } from './index';
import { ageColumn, col, nameColumn, quantityString, since } from './cells';
import { HPA_CURRENT, HPA_MAX, HPA_METRICS, HPA_MIN, HPA_REF } from './descriptions';

const UNKNOWN = '<unknown>';

function pair(current: string, target: any, avg: boolean): string {
  return `${current}/${quantityString(target)}${avg ? ' (avg)' : ''}`;
}

function resourceTarget(name: string, spec: any, status: any): string {
  if (spec.target?.averageValue !== undefined) {
    const current = status ? quantityString(status.current?.averageValue) : UNKNOWN;
    return `${name}: ${current}/${quantityString(spec.target.averageValue)}`;
  }
  const util = status?.current?.averageUtilization;
  const current = util !== undefined && util !== null ? `${util}%` : UNKNOWN;
  const target = spec.target?.averageUtilization !== undefined ? `${spec.target.averageUtilization}%` : '<auto>';
  return `${name}: ${current}/${target}`;
}

/** The TARGETS cell: at most two metrics, then `+ N more...`; `<none>` without metrics. */
export function hpaTargets(specs: any[] | undefined, statuses: any[] | undefined): string {
  if (!specs?.length) return '<none>';
  const st = statuses ?? [];
  let list: string[] = [];
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i];
    const s = st[i];
    switch (spec.type) {
      case 'External': {
        const t = spec.external?.target ?? {};
        if (t.averageValue !== undefined) {
          const cur = s?.external?.current?.averageValue !== undefined ? quantityString(s.external.current.averageValue) : UNKNOWN;
          list.push(pair(cur, t.averageValue, true));
        } else {
          list.push(pair(s?.external ? quantityString(s.external.current?.value) : UNKNOWN, t.value, false));
        }
        break;
      }
      case 'Pods':
        list.push(pair(s?.pods ? quantityString(s.pods.current?.averageValue) : UNKNOWN, spec.pods?.target?.averageValue, false));
        break;
      case 'Object': {
        const t = spec.object?.target ?? {};
        if (t.averageValue !== undefined) {
          const cur = s?.object?.current?.averageValue !== undefined ? quantityString(s.object.current.averageValue) : UNKNOWN;
          list.push(pair(cur, t.averageValue, true));
        } else {
          list.push(pair(s?.object ? quantityString(s.object.current?.value) : UNKNOWN, t.value, false));
        }
        break;
      }
      case 'Resource':
        list.push(resourceTarget(spec.resource?.name ?? '', spec.resource ?? {}, s?.resource));
        break;
      case 'ContainerResource':
        list.push(resourceTarget(spec.containerResource?.name ?? '', spec.containerResource ?? {}, s?.containerResource));
        break;
      default:
        list.push('<unknown type>');
    }
  }
  const count = list.length;
  const more = count > 2;
  if (more) list = list.slice(0, 2);
  const ret = list.join(', ');
  return more ? `${ret} + ${count - 2} more...` : ret;
}

export const hpaPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Reference', 'string', HPA_REF),
    col('Targets', 'string', HPA_METRICS),
    col('MinPods', 'string', HPA_MIN),
    col('MaxPods', 'string', HPA_MAX),
    col('Replicas', 'string', HPA_CURRENT),
    ageColumn,
  ],
  row(hpa, now) {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const min = hpa.spec?.minReplicas;
    return [
      hpa.metadata.name,
      `${ref.kind ?? ''}/${ref.name ?? ''}`,
      hpaTargets(hpa.spec?.metrics, hpa.status?.currentMetrics),
      min !== undefined && min !== null ? String(min) : '<unset>',
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      since(hpa.metadata.creationTimestamp, now),
    ];
  },
};
