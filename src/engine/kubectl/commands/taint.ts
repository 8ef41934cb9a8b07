/** `kubectl taint nodes NODE... KEY[=VALUE]:EFFECT | KEY[:EFFECT]- [--overwrite] [--all | -l SELECTOR]`. */
import type { Command } from '../context';
import { dryRunQuery, dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues } from '../dry-run';
import { KubectlError } from '../errors';
import { ObjectPrinter, OUTPUT_FLAGS } from '../object-output';
import { selectNodes, nodeDef } from '../drain/nodes';
import { parseTaints, reorganize, type Taint } from '../taint/spec';

export const taintCommand: Command = {
  name: 'taint',
  run(ctx) {
    const flags = parseWithOptionalValues(ctx, [
      DRY_RUN_FLAG,
      ...OUTPUT_FLAGS,
      { name: 'overwrite', type: 'bool' },
      { name: 'all', type: 'bool' },
      { name: 'selector', short: 'l', type: 'string', default: '' },
      { name: 'field-manager', type: 'string', default: 'kubectl-taint' },
      { name: 'validate', type: 'string', default: 'strict' },
      { name: 'template', type: 'string' },
      { name: 'allow-missing-template-keys', type: 'bool', default: true },
    ]);
    const f = flags.flags;
    const resources: string[] = [];
    const specs: string[] = [];
    for (const s of flags.args) {
      const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
      if (isTaint) specs.push(s);
      else if (specs.length) throw new KubectlError(`all resources must be specified before taint changes: ${s}`);
      else resources.push(s);
    }
    if (!resources.length) throw new KubectlError('one or more resources must be specified as <resource> <name>');
    if (!specs.length) throw new KubectlError('at least one taint update is required');
    let parsed: { add: Taint[]; remove: Taint[] };
    try {
      parsed = parseTaints(specs);
    } catch (e) {
      if (e instanceof KubectlError) throw new KubectlError(`${e.message}\nSee 'kubectl taint -h' for help and examples`);
      throw e;
    }
    const dryRun = dryRunStrategy(ctx, flags);
    const type = resources[0].toLowerCase();
    if (ctx.mapper().resourceFor(type).kind !== 'Node') throw new KubectlError(`invalid resource type ${type}, only node types are supported`);
    const conflicts = parsed.add.flatMap((a) =>
      parsed.remove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `${r.key}=${r.effect ?? ''}`),
    );
    if (conflicts.length) throw new KubectlError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
    if (f.all && f.selector) throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited");
    if (!f.all && !f.selector && resources.length < 2) {
      throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set");
    }
    const nodes = f.all || f.selector ? selectNodes(ctx, [], f.selector || '', !!f.all) : selectNodes(ctx, resources.slice(1), '');
    const def = nodeDef(ctx);
    for (const node of nodes) {
      const old: Taint[] = node.spec?.taints ?? [];
      if (!f.overwrite) {
        const exists = parsed.add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect)).map((t) => t.key);
        if (exists.length) {
          throw new KubectlError(`node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
        }
      }
      const { operation, taints, errors } = reorganize(old, parsed.add, parsed.remove, !!f.overwrite);
      if (errors.length === 1) throw new KubectlError(errors[0]);
      if (errors.length) {
        // An aggregate of several prints one per line, without the `error: ` prefix.
        for (const e of errors) ctx.out.warn(e);
        return 1;
      }
      const printer = ObjectPrinter.from(ctx, flags, operation, dryRun);
      const updated = { ...node, spec: { ...node.spec, taints } };
      if (!taints.length) delete updated.spec.taints;
      if (dryRun === 'client') {
        printer.print(updated);
        continue;
      }
      const out = ctx.client.patch(def, undefined, node.metadata.name!, 'application/merge-patch+json', { spec: { taints: taints.length ? taints : null } }, {
        ...dryRunQuery(dryRun),
        fieldManager: f['field-manager'],
      });
      printer.print(out);
    }
    return 0;
  },
};
