/** `kubectl set image|resources`: change pod templates with a strategic merge patch; unchanged objects print nothing. */
import type { Command, CommandContext } from '../context';
import { dryRunQuery, dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues } from '../dry-run';
import { reportErrors, type CollectedError } from '../error-list';
import { ApiError, KubectlError } from '../errors';
import type { FlagSpec } from '../flags';
import { ObjectPrinter, OUTPUT_FLAGS } from '../object-output';
import { findTargets, TARGET_FLAGS, type Target } from '../targets';
import { SET_HELP } from '../set/help';
import { splitSubcommand } from '../subcommand';
import { imagePatch, splitImageArgs } from '../set/image';
import { notPodTemplateError, podSpecPath } from '../set/pod-spec';
import { parseResourceList, resourcesPatch } from '../set/resources';
import { applyPatch } from '../../api/patch';
import type { KObject } from '../../types';

const COMMON: FlagSpec[] = [
  DRY_RUN_FLAG,
  ...OUTPUT_FLAGS,
  ...TARGET_FLAGS,
  { name: 'all', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'record', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-set' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
];

type PatchFn = (obj: KObject) => { patch?: Record<string, unknown>; errors: string[] };

export const setCommand: Command = {
  name: 'set',
  run(ctx) {
    const { sub, rest: words } = splitSubcommand(ctx.words);
    const subCtx: CommandContext = { ...ctx, words, name: `set ${sub ?? ''}`.trim() };
    if (sub === 'image') return setImage(subCtx);
    if (sub === 'resources') return setResources(subCtx);
    if (sub === undefined) {
      ctx.out.warn(SET_HELP);
      return 1;
    }
    if (['env', 'selector', 'serviceaccount', 'subject'].includes(sub)) throw new KubectlError(`kubectl set ${sub} is not available in kubeplay yet`);
    throw new KubectlError(`unknown command "${sub}"\nSee 'kubectl set -h' for help and examples`);
  },
};

function setImage(ctx: CommandContext): number {
  const flags = parseWithOptionalValues(ctx, COMMON);
  const f = flags.flags;
  const { resources, images } = splitImageArgs(flags.args);
  const problems: string[] = [];
  if (f.all && f.selector) problems.push('cannot set --all and --selector at the same time');
  if (!resources.length && !(f.filename as string[]).length) {
    problems.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (!images.size) problems.push('at least one image update is required');
  else if (images.size > 1 && images.has('*')) {
    problems.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  }
  if (problems.length) throw new KubectlError(problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`);
  return run(ctx, flags, resources, 'image updated', 'failed to patch image update to pod template: ', (obj) => imagePatch(obj, images));
}

function setResources(ctx: CommandContext): number {
  const flags = parseWithOptionalValues(ctx, [
    ...COMMON,
    { name: 'containers', short: 'c', type: 'string', default: '*' },
    { name: 'limits', type: 'string', default: '' },
    { name: 'requests', type: 'string', default: '' },
  ]);
  const f = flags.flags;
  if (f.all && f.selector) throw new KubectlError('cannot set --all and --selector at the same time');
  if (!f.limits && !f.requests) {
    throw new KubectlError('you must specify an update to requests or limits (in the form of --requests/--limits)');
  }
  const limits = parseResourceList(f.limits);
  const requests = parseResourceList(f.requests);
  return run(ctx, flags, flags.args, 'resource requirements updated', 'failed to patch resources update to pod template ', (obj) =>
    resourcesPatch(obj, f.containers, limits, requests),
  );
}

function run(
  ctx: CommandContext,
  flags: ReturnType<typeof parseWithOptionalValues>,
  resources: string[],
  operation: string,
  patchFailure: string,
  patchFor: PatchFn,
): number {
  const f = flags.flags;
  if (f.local) throw new KubectlError('--local is not available in kubeplay; use --dry-run=client');
  const dryRun = dryRunStrategy(ctx, flags);
  const printer = ObjectPrinter.from(ctx, flags, operation, dryRun);
  const errors: CollectedError[] = [];
  const targets: Target[] = findTargets(ctx, flags, resources, errors, { all: !!f.all });
  for (const { def, obj } of targets) {
    if (!podSpecPath(obj.kind)) {
      errors.push(`error: ${def.resource}${def.group ? '.' + def.group : ''}/${obj.metadata.name} ${notPodTemplateError(obj)}`);
      continue;
    }
    const { patch, errors: found } = patchFor(obj);
    errors.push(...found);
    if (!patch) continue;
    if (dryRun === 'client') {
      printer.print(applyPatch('application/strategic-merge-patch+json', structuredClone(obj), patch, def) as KObject);
      continue;
    }
    try {
      const out = ctx.client.patch(def, obj.metadata.namespace, obj.metadata.name!, 'application/strategic-merge-patch+json', patch, {
        ...dryRunQuery(dryRun),
        fieldManager: f['field-manager'],
      });
      printer.print(out);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      errors.push(`error: ${patchFailure}${e.status.message}`);
    }
  }
  return reportErrors(ctx.out, errors);
}
