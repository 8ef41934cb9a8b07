/**
 * kubectl apply -f FILE|DIR|- [-R]: client-side three-way apply (default) or --server-side. Every valid document is
 * applied; failures are reported at the end as kubectl's checkErr prints them, with exit code 1.
 */
import type { KObject } from '../../types';
import { clone } from '../../util';
import { applyClientSide, type ApplyOutcome } from '../apply/client-side';
import { dryRunStrategy, FILE_FLAGS, fieldValidation, parseFileCommandFlags, requireFilenames, waitUntilGone } from '../apply/options';
import { PlainError, printErrors, type ObjectError } from '../apply/requests';
import { applyServerSide } from '../apply/server-side';
import type { Command, CommandContext } from '../context';
import { KubectlError } from '../errors';
import type { FlagSpec } from '../flags';
import { loadManifests, resolveManifests, validationDirective, type ResolvedManifest } from '../manifests';
import { dryRunSuffix, nameLine } from '../printers/name';
import { toJson, toYaml } from '../printers/yaml-json';

const FLAGS: FlagSpec[] = [
  ...FILE_FLAGS,
  { name: 'server-side', type: 'bool' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'overwrite', type: 'bool', default: true },
  { name: 'openapi-patch', type: 'bool', default: true },
  { name: 'all', type: 'bool' },
];

export const applyCommand: Command = {
  name: 'apply',
  run(ctx) {
    const flags = parseFileCommandFlags(ctx, FLAGS);
    const f = flags.flags;
    const dryRun = dryRunStrategy(f['dry-run'] as string);
    const serverSide = f['server-side'] as boolean;
    const validate = validationDirective(f.validate as string);
    const files = requireFilenames(flags);
    if (f['force-conflicts'] && !serverSide) throw new KubectlError('--force-conflicts only works with --server-side');
    if (dryRun === 'client' && serverSide) {
      throw new KubectlError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
    }
    if (serverSide && f.force) throw new KubectlError('--force cannot be used with --server-side');
    if (dryRun === 'server' && f.force) throw new KubectlError('--dry-run=server cannot be used with --force');

    const loaded = loadManifests(ctx, files, f.recursive as boolean, { validate });
    const { resolved, errors: mapErrors } = resolveManifests(ctx, loaded.docs, flags);
    const errors: ObjectError[] = [...loaded.errors, ...mapErrors];
    if (resolved.length === 0 && errors.length === 0) throw new KubectlError('no objects passed to apply');

    const manager = (f['field-manager'] as string | undefined) ?? (serverSide ? 'kubectl' : 'kubectl-client-side-apply');
    const suffix = dryRunSuffix(dryRun);
    const output = f.output as string;
    const printObjects = output === 'yaml' || output === 'json';
    const applied: KObject[] = [];
    for (const doc of resolved) {
      const obj = objectFor(doc);
      const problem = nameProblem(doc, obj);
      if (problem) {
        errors.push(problem);
        continue;
      }
      if (serverSide) {
        const r = applyServerSide(ctx, doc, obj, {
          dryRun: dryRun === 'server' ? 'server' : 'none',
          fieldManager: manager,
          fieldValidation: fieldValidation(flags),
          forceConflicts: f['force-conflicts'] as boolean,
        });
        if ('error' in r) errors.push(r.error);
        else report(ctx, r.object, doc, 'serverside-applied', suffix, printObjects, applied);
        continue;
      }
      const r: ApplyOutcome = applyClientSide(ctx, doc, obj, {
        dryRun,
        fieldManager: manager,
        fieldValidation: fieldValidation(flags),
        force: f.force as boolean,
        waitGone: (d) => waitUntilGone(ctx, d),
      });
      if ('error' in r) errors.push(r.error);
      else report(ctx, r.object, doc, r.operation, suffix, printObjects, applied);
    }
    if (errors.length) {
      printErrors(ctx, errors);
      return 1;
    }
    if (printObjects && applied.length) printAll(ctx, applied, output, f['show-managed-fields'] as boolean);
    return 0;
  },
};

/** The object as kubectl holds it after the builder: its namespace filled in for namespaced kinds. */
function objectFor(doc: ResolvedManifest): KObject {
  const obj = clone(doc.obj);
  if (doc.def.namespaced && doc.namespace) obj.metadata.namespace = doc.namespace;
  return obj;
}

function nameProblem(doc: ResolvedManifest, obj: KObject): ObjectError | undefined {
  if (doc.name) return undefined;
  if (obj.metadata.generateName) return new PlainError(`from ${obj.metadata.generateName}: cannot use generate name with apply`);
  return new PlainError(
    `error when retrieving current configuration of:\nResource: "${doc.def.group ? `${doc.def.group}/` : '/'}${doc.def.version}, ` +
      `Resource=${doc.def.resource}", GroupVersionKind: "${doc.def.group ? `${doc.def.group}/` : '/'}${doc.def.version}, Kind=${doc.def.kind}"\n` +
      `Name: "", Namespace: "${doc.namespace ?? ''}"\nfrom server for: "${doc.source}"${doc.location}: resource name may not be empty`,
  );
}

function report(
  ctx: CommandContext,
  object: KObject,
  doc: ResolvedManifest,
  operation: string,
  suffix: string,
  printObjects: boolean,
  applied: KObject[],
): void {
  const shown = object?.kind && object?.apiVersion ? object : { ...object, apiVersion: doc.obj.apiVersion, kind: doc.obj.kind };
  if (printObjects) applied.push(shown as KObject);
  else ctx.out.print(nameLine(shown as KObject, operation + suffix));
}

/** -o yaml|json after every object was applied; managedFields are hidden unless --show-managed-fields. */
export function printAll(ctx: CommandContext, objects: KObject[], output: string, showManagedFields = false): void {
  if (!showManagedFields) {
    objects = objects.map((o) => {
      const c = clone(o);
      if (c.metadata) delete c.metadata.managedFields;
      return c;
    });
  }
  const value = objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: {} };
  ctx.out.write(output === 'json' ? toJson(value) : toYaml(value));
}
