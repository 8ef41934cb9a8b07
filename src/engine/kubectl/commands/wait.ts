/**
 * `kubectl wait --for=delete|create|condition=X[=V]|jsonpath=E[=V] (TYPE NAME | TYPE/NAME | TYPE -l SEL | --all | -f)`:
 * checks each object, running the virtual clock until it holds or the shared --timeout (default 30s) passes.
 */
import type { Command } from '../context';
import type { CollectedError } from '../error-list';
import { reportErrors } from '../error-list';
import { ApiError, KubectlError } from '../errors';
import { parseGoDuration } from '../go-duration';
import { ObjectPrinter, OUTPUT_FLAGS } from '../object-output';
import { findTargets, TARGET_FLAGS, type Target } from '../targets';
import { parseCondition } from '../wait/conditions';
import { waitFor } from '../wait/clock-wait';

const WEEK_MS = 168 * 3_600_000;

export const waitCommand: Command = {
  name: 'wait',
  run(ctx) {
    const flags = ctx.parse([
      ...TARGET_FLAGS,
      ...OUTPUT_FLAGS,
      { name: 'for', type: 'string', default: '' },
      { name: 'timeout', type: 'string', default: '30s' },
      { name: 'all', type: 'bool' },
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'field-selector', type: 'string', default: '' },
      { name: 'local', type: 'bool' },
      { name: 'template', type: 'string' },
      { name: 'allow-missing-template-keys', type: 'bool', default: true },
    ]);
    const f = flags.flags;
    const printer = ObjectPrinter.from(ctx, flags, 'condition met', 'none');
    const condition = parseCondition(String(f.for));
    let timeoutMs = parseGoDuration(String(f.timeout), 'timeout');
    if (timeoutMs < 0) timeoutMs = WEEK_MS;
    const deadline = ctx.env.now() + timeoutMs;
    const left = () => deadline - ctx.env.now();
    const errors: CollectedError[] = [];
    const find = () => findTargets(ctx, flags, flags.args, errors, { all: !!f.all });

    if (condition.type === 'create') {
      let found: Target[] = [];
      const result = waitFor(ctx, Math.max(timeoutMs, 1), () => {
        errors.length = 0;
        found = find();
        return found.length > 0 && !errors.some((e) => typeof e !== 'string' && e.err.code === 404);
      });
      if (result !== 'done') throw new KubectlError('timed out waiting for the condition');
      for (const t of found) printer.print(t.obj);
      return 0;
    }

    const targets = find();
    if (condition.type === 'delete') {
      const rest = errors.filter((e) => typeof e === 'string' || e.err.code !== 404);
      if (rest.length) return reportErrors(ctx.out, rest);
    } else if (errors.length) return reportErrors(ctx.out, errors);
    if (!targets.length && condition.type !== 'delete') throw new KubectlError('no matching resources found');

    for (const t of targets) {
      const name = `${t.def.resource}/${t.obj.metadata.name}`;
      const get = () => ctx.client.tryGet(t.def, t.obj.metadata.namespace, t.obj.metadata.name!);
      if (condition.type === 'delete') {
        const gone = () => {
          const live = get();
          return !live || live.metadata.uid !== t.obj.metadata.uid;
        };
        if (timeoutMs === 0) {
          if (!gone()) throw new KubectlError(`condition not met for ${name}`);
        } else if (left() <= 0 || waitFor(ctx, left(), gone) !== 'done') {
          throw new KubectlError(`timed out waiting for the condition on ${name}`);
        }
        printer.print(t.obj);
        continue;
      }
      let last: typeof t.obj | undefined;
      let vanished = false;
      const met = () => {
        const live = get();
        if (!live) {
          vanished = true;
          return true;
        }
        last = live;
        return condition.check(live);
      };
      if (timeoutMs === 0) {
        if (!met()) throw new KubectlError(`condition not met for ${name}`);
      } else if (left() <= 0 || waitFor(ctx, left(), met) !== 'done') {
        throw new KubectlError(`timed out waiting for the condition on ${name}`);
      }
      if (vanished) throw notFound(t);
      printer.print({ ...last!, apiVersion: t.obj.apiVersion, kind: t.obj.kind });
    }
    return 0;
  },
};

function notFound(t: Target): ApiError {
  const gr = t.def.group ? `${t.def.resource}.${t.def.group}` : t.def.resource;
  return new ApiError(
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `${gr} "${t.obj.metadata.name}" not found`,
      reason: 'NotFound',
      details: { name: t.obj.metadata.name, group: t.def.group, kind: t.def.resource },
      code: 404,
    },
    404,
  );
}
