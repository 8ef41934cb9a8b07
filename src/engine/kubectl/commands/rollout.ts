/** `kubectl rollout status|history|undo|restart|pause|resume`. */
import { makeParse, type Command, type CommandContext } from '../context';
import { dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues } from '../dry-run';
import { reportErrors, type CollectedError } from '../error-list';
import { ApiError, KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { parseGoDuration } from '../go-duration';
import { ObjectPrinter, OUTPUT_FLAGS } from '../object-output';
import { nameLine } from '../printers/name';
import { findTargets, groupResource, TARGET_FLAGS, type Target } from '../targets';
import { ROLLOUT_HELP } from '../rollout/help';
import { splitSubcommand } from '../subcommand';
import { deploymentHistory } from '../rollout/history';
import { revisionHistory, rollbackToRevision } from '../rollout/controller-revisions';
import { pausePatch, restartPatch, resumePatch, type Mutation } from '../rollout/mutations';
import { statusViewerFor } from '../rollout/status';
import { rollbackDeployment } from '../rollout/undo';
import { stoppedWaitingNote, waitFor } from '../wait/clock-wait';
import type { KObject } from '../../types';

const SUBCOMMANDS = ['status', 'history', 'undo', 'restart', 'pause', 'resume'];

export const rolloutCommand: Command = {
  name: 'rollout',
  run(ctx) {
    const { sub, rest: words } = splitSubcommand(ctx.words);
    if (!sub) {
      ctx.out.write(ROLLOUT_HELP);
      return 1;
    }
    if (!SUBCOMMANDS.includes(sub)) throw new KubectlError(`unknown command "${sub}"\nSee 'kubectl rollout -h' for help and examples`);
    const subCtx: CommandContext = { ...ctx, name: `rollout ${sub}`, words, parse: makeParse(`rollout ${sub}`, words) };
    switch (sub) {
      case 'status':
        return status(subCtx);
      case 'history':
        return history(subCtx);
      case 'undo':
        return undo(subCtx);
      case 'restart':
        return mutate(subCtx, 'restarted', (obj) => restartPatch(obj, ctx.env.now()));
      case 'pause':
        return mutate(subCtx, 'paused', pausePatch);
      default:
        return mutate(subCtx, 'resumed', resumePatch);
    }
  },
};

function requireResources(flags: ParsedFlags): void {
  if (!flags.args.length && !(flags.flags.filename as string[]).length) throw new KubectlError('required resource not specified');
}

function targetsOrNone(ctx: CommandContext, flags: ParsedFlags, errors: CollectedError[]): Target[] {
  const targets = findTargets(ctx, flags, flags.args, errors, { allowEmptySelector: true });
  if (!targets.length && !errors.length) ctx.out.warn(`No resources found in ${ctx.namespace(flags)} namespace.`);
  return targets;
}

const groupKind = (t: Target) => (t.def.group ? `${t.def.kind}.${t.def.group}` : t.def.kind);

function status(ctx: CommandContext): number {
  const flags = ctx.parse([
    ...TARGET_FLAGS,
    { name: 'watch', short: 'w', type: 'bool', default: true },
    { name: 'revision', type: 'int', default: 0 },
    { name: 'timeout', type: 'string', default: '0s' },
  ]);
  const f = flags.flags;
  requireResources(flags);
  if (f.revision < 0) throw new KubectlError(`revision must be a positive integer: ${f.revision}`);
  const timeoutMs = parseGoDuration(String(f.timeout), 'timeout');
  const errors: CollectedError[] = [];
  for (const t of targetsOrNone(ctx, flags, errors)) {
    const viewer = statusViewerFor(t.def.group, t.def.kind);
    if (!viewer) throw new KubectlError(`no status viewer has been implemented for ${groupKind(t)}`);
    let lastVersion: string | undefined;
    let failure: string | undefined;
    const check = (): boolean => {
      const obj = ctx.client.tryGet(t.def, t.obj.metadata.namespace, t.obj.metadata.name!);
      if (!obj) {
        failure = 'object has been deleted';
        return true;
      }
      if (obj.metadata.resourceVersion === lastVersion) return false;
      lastVersion = obj.metadata.resourceVersion;
      const state = viewer(obj, f.revision);
      if (state.error) {
        failure = state.error;
        return true;
      }
      ctx.out.print(state.message);
      return state.done || !f.watch;
    };
    const result = waitFor(ctx, timeoutMs, check);
    if (failure) throw new KubectlError(failure);
    if (result === 'timeout') throw new KubectlError('timed out waiting for the condition');
    if (result === 'idle' || result === 'limit') {
      ctx.out.warn(stoppedWaitingNote(result, `${t.def.singular} "${t.obj.metadata.name}"`));
      return 1;
    }
  }
  return reportErrors(ctx.out, errors);
}

function history(ctx: CommandContext): number {
  const flags = ctx.parse([...TARGET_FLAGS, ...OUTPUT_FLAGS, { name: 'revision', type: 'int', default: 0 }]);
  const f = flags.flags;
  requireResources(flags);
  if (f.revision < 0) throw new KubectlError(`revision must be a positive integer: ${f.revision}`);
  if (f.output) throw new KubectlError('-o for rollout history is not available in kubeplay');
  const errors: CollectedError[] = [];
  for (const t of targetsOrNone(ctx, flags, errors)) {
    const revisioned = t.def.group === 'apps' && (t.def.kind === 'DaemonSet' || t.def.kind === 'StatefulSet');
    if (!revisioned && (t.def.kind !== 'Deployment' || t.def.group !== 'apps')) {
      throw new KubectlError(`no history viewer has been implemented for "${groupKind(t)}"`);
    }
    const info = revisioned ? revisionHistory(ctx, t.obj, f.revision) : deploymentHistory(ctx, t.obj, f.revision);
    const withRevision = f.revision > 0 ? `with revision #${f.revision}` : '';
    // The name printer adds a newline after the operation, which already ends with one: kubectl's blank last line.
    ctx.out.write(nameLine(t.obj, `${withRevision}\n${info}`) + '\n');
  }
  return reportErrors(ctx.out, errors);
}

function undo(ctx: CommandContext): number {
  const flags = parseWithOptionalValues(ctx, [...TARGET_FLAGS, ...OUTPUT_FLAGS, DRY_RUN_FLAG, { name: 'to-revision', type: 'int', default: 0 }]);
  const f = flags.flags;
  requireResources(flags);
  const dryRun = dryRunStrategy(ctx, flags);
  const errors: CollectedError[] = [];
  const targets = findTargets(ctx, flags, flags.args, errors, { allowEmptySelector: true });
  for (const t of targets) {
    const revisioned = t.def.group === 'apps' && (t.def.kind === 'DaemonSet' || t.def.kind === 'StatefulSet');
    if (!revisioned && (t.def.kind !== 'Deployment' || t.def.group !== 'apps')) {
      errors.push(`error: no rollbacker has been implemented for "${groupKind(t)}"`);
      continue;
    }
    try {
      const rollback = revisioned ? rollbackToRevision : rollbackDeployment;
      const result = rollback(ctx, t.def, t.obj, f['to-revision'], dryRun);
      ObjectPrinter.from(ctx, flags, result, dryRun).print(t.obj);
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      errors.push(e.message.startsWith('error: ') ? e.message : `error: ${e.message}`);
    }
  }
  return reportErrors(ctx.out, errors);
}

function mutate(ctx: CommandContext, operation: string, mutation: (obj: KObject) => Mutation): number {
  const flags = ctx.parse([...TARGET_FLAGS, ...OUTPUT_FLAGS, { name: 'field-manager', type: 'string', default: 'kubectl-rollout' }]);
  requireResources(flags);
  const errors: CollectedError[] = [];
  const printer = ObjectPrinter.from(ctx, flags, operation, 'none');
  for (const t of targetsOrNone(ctx, flags, errors)) {
    const m = mutation(t.obj);
    const name = t.obj.metadata.name!;
    if ('error' in m) {
      errors.push(`error: ${groupResource(t.def)} "${name}" ${m.error}`);
      continue;
    }
    if ('unchanged' in m) {
      if (operation === 'restarted') {
        errors.push(`error: failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
      } else printer.print(t.obj, false, `already ${operation}`);
      continue;
    }
    try {
      const out = ctx.client.patch(t.def, t.obj.metadata.namespace, name, 'application/strategic-merge-patch+json', m.patch, {
        fieldManager: flags.flags['field-manager'],
      });
      printer.print(out);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      errors.push(`error: failed to patch: ${e.status.message}`);
    }
  }
  return reportErrors(ctx.out, errors);
}
