/**
 * `kubectl scale --replicas=N (TYPE NAME | TYPE/NAME | -f FILE | TYPE -l SEL | TYPE --all)`: a merge patch of the scale
 * subresource, or GET + PUT when a precondition (--current-replicas, --resource-version) is given.
 */
import type { Command, CommandContext } from '../context';
import { dryRunQuery, dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues } from '../dry-run';
import { reportErrors, type CollectedError } from '../error-list';
import { ApiError, KubectlError } from '../errors';
import { parseGoDuration } from '../go-duration';
import { ObjectPrinter, OUTPUT_FLAGS } from '../object-output';
import { findTargets, TARGET_FLAGS } from '../targets';
import { resourcePath } from '../../api/paths';
import { waitOnClock } from '../wait/clock-wait';
import { notFoundPath } from '../../api/errors';
import type { ResourceDef } from '../../api/resources';

const FLAGS = [
  DRY_RUN_FLAG,
  ...OUTPUT_FLAGS,
  ...TARGET_FLAGS,
  { name: 'replicas', type: 'int' as const, default: -1 },
  { name: 'current-replicas', type: 'int' as const, default: -1 },
  { name: 'resource-version', type: 'string' as const, default: '' },
  { name: 'all', type: 'bool' as const },
  { name: 'timeout', type: 'string' as const, default: '0s' },
  { name: 'record', type: 'bool' as const },
  { name: 'template', type: 'string' as const },
  { name: 'allow-missing-template-keys', type: 'bool' as const, default: true },
];

export const scaleCommand: Command = {
  name: 'scale',
  run(ctx) {
    const flags = parseWithOptionalValues(ctx, FLAGS);
    const f = flags.flags;
    const dryRun = dryRunStrategy(ctx, flags);
    const printer = ObjectPrinter.from(ctx, flags, 'scaled', dryRun);
    if (f.replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    if (f['current-replicas'] < -1) throw new KubectlError('The --current-replicas must specify an integer of -1 or greater');
    const timeoutMs = parseGoDuration(String(f.timeout), 'timeout');
    const errors: CollectedError[] = [];
    const targets = findTargets(ctx, flags, flags.args, errors, { all: !!f.all });
    if (f['resource-version'] && targets.length > 1) throw new KubectlError('cannot use --resource-version with multiple resources');
    if (!targets.length) {
      if (errors.length) {
        reportErrors(ctx.out, errors);
        return 1;
      }
      throw new KubectlError('no objects passed to scale');
    }
    for (const { def, obj } of targets) {
      if (dryRun === 'client') {
        printer.print(obj);
        continue;
      }
      const ns = obj.metadata.namespace;
      const name = obj.metadata.name!;
      scaleOne(ctx, def, ns, name, f.replicas, f['current-replicas'], String(f['resource-version'] || ''), dryRun);
      if (timeoutMs > 0 && dryRun === 'none') waitForReplicas(ctx, def, ns, name, f.replicas, timeoutMs);
      printer.print(obj);
    }
    return reportErrors(ctx.out, errors);
  },
};

function scaleOne(
  ctx: CommandContext,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  replicas: number,
  current: number,
  resourceVersion: string,
  dryRun: 'none' | 'client' | 'server',
): void {
  const path = resourcePath(def, ns, name, 'scale');
  const query = dryRunQuery(dryRun);
  if (!def.subresources.includes('scale')) {
    throw new ApiError(notFoundPath().status, 404);
  }
  if (current === -1 && !resourceVersion) {
    ctx.client.raw({ method: 'PATCH', path, body: { spec: { replicas } }, contentType: 'application/merge-patch+json', query });
    return;
  }
  const scale = ctx.client.raw({ method: 'GET', path });
  if (current !== -1 && scale.spec?.replicas !== current) {
    throw new KubectlError(`Expected replicas to be ${current}, was ${scale.spec?.replicas ?? 0}`);
  }
  if (resourceVersion && scale.metadata?.resourceVersion !== resourceVersion) {
    throw new KubectlError(`Expected resource version to be ${resourceVersion}, was ${scale.metadata?.resourceVersion}`);
  }
  ctx.client.raw({ method: 'PUT', path, body: { ...scale, spec: { ...scale.spec, replicas } }, contentType: 'application/json', query });
}

/** --timeout: wait until the scale's status.replicas reaches the new size (WaitForScaleHasDesiredReplicas). */
function waitForReplicas(
  ctx: CommandContext,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  replicas: number,
  timeoutMs: number,
): void {
  const path = resourcePath(def, ns, name, 'scale');
  const done = () => {
    const s = ctx.client.raw({ method: 'GET', path });
    return s.spec?.replicas !== replicas || (s.status?.replicas ?? 0) === replicas;
  };
  if (!waitOnClock(ctx, timeoutMs, done)) throw new KubectlError(`timed out waiting for "${name}" to be synced`);
}
