/**
 * `kubectl autoscale (-f FILE | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]`: an
 * autoscaling/v2 HorizontalPodAutoscaler for each object that has a scale subresource (pkg/cmd/autoscale).
 */
import type { KObject } from '../../types';
import type { Command, CommandContext } from '../context';
import { withSaveConfig } from '../create/submit';
import { dryRunQuery, dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues } from '../dry-run';
import { reportErrors, type CollectedError } from '../error-list';
import { KubectlError } from '../errors';
import type { FlagSpec } from '../flags';
import { ObjectPrinter, OUTPUT_FLAGS } from '../object-output';
import { apiVersionOf, findTargets, TARGET_FLAGS, type Target } from '../targets';

const FLAGS: FlagSpec[] = [
  DRY_RUN_FLAG,
  ...OUTPUT_FLAGS,
  ...TARGET_FLAGS,
  { name: 'min', type: 'int', default: -1 },
  { name: 'max', type: 'int', default: -1 },
  { name: 'cpu-percent', type: 'int', default: -1 },
  { name: 'name', type: 'string', default: '' },
  { name: 'field-manager', type: 'string', default: 'kubectl-autoscale' },
  { name: 'save-config', type: 'bool' },
  { name: 'record', type: 'bool' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
];

/** createHorizontalPodAutoscalerV2: the typed object, in Go field order. */
function buildHPA(target: Target, name: string, min: number, max: number, cpuPercent: number): KObject {
  const spec: Record<string, unknown> = {
    scaleTargetRef: { kind: target.def.kind, name: target.obj.metadata.name, apiVersion: apiVersionOf(target.def) },
  };
  if (min > 0) spec.minReplicas = min;
  spec.maxReplicas = max;
  if (cpuPercent >= 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpuPercent } } }];
  }
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    metadata: { name, creationTimestamp: null } as any,
    spec,
    status: { desiredReplicas: 0, currentMetrics: null },
  };
}

/** scale.ScaleKindResolver.ScaleForResource: the resource must list a scale subresource in discovery. */
function checkScalable(target: Target): void {
  if (target.def.subresources.includes('scale')) return;
  const gv = target.def.group ? `${target.def.group}/${target.def.version}` : `/${target.def.version}`;
  throw new KubectlError(
    `cannot autoscale a ${target.def.kind}: could not find scale subresource for ${gv}, Resource=${target.def.resource} in discovery information`,
  );
}

export const autoscaleCommand: Command = {
  name: 'autoscale',
  run(ctx: CommandContext) {
    const flags = parseWithOptionalValues(ctx, FLAGS);
    const f = flags.flags;
    if (!flags.changed.has('max')) throw new KubectlError('required flag(s) "max" not set');
    const dryRun = dryRunStrategy(ctx, flags);
    if (f.max < 1) throw new KubectlError(`--max=MAXPODS is required and must be at least 1, max: ${f.max}`);
    if (f.max < f.min) throw new KubectlError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${f.max}, min: ${f.min}`);
    const errors: CollectedError[] = [];
    const targets = findTargets(ctx, flags, flags.args, errors);
    if (errors.length) {
      reportErrors(ctx.out, errors);
      return 1;
    }
    if (!targets.length) throw new KubectlError('no objects passed to autoscale');
    const printer = ObjectPrinter.from(ctx, flags, 'autoscaled', dryRun);
    const def = ctx.mapper().forKind('autoscaling/v2', 'HorizontalPodAutoscaler');
    if (!def) throw new KubectlError('no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2"');
    const ns = ctx.namespace(flags);
    for (const target of targets) {
      checkScalable(target);
      const built = buildHPA(target, String(f.name || target.obj.metadata.name), f.min, f.max, f['cpu-percent']);
      const hpa = f['save-config'] ? withSaveConfig(built) : built;
      if (dryRun === 'client') {
        printer.print(hpa, true, 'created');
        continue;
      }
      const query = { ...dryRunQuery(dryRun), fieldManager: String(f['field-manager'] || 'kubectl-autoscale') };
      printer.print(ctx.client.create(def, ns, hpa, query));
    }
    return 0;
  },
};
