/**
 * `kubectl expose (-f FILE | TYPE NAME) [--port] [--target-port] [--type] [--name] ...`: a Service whose selector,
 * ports, protocols and labels come from the exposed object unless given. As in kubectl, what one object filled in
 * (port, selector, labels) carries over to the next object of the same command.
 */
import { applyPatch } from '../../api/patch';
import type { KObject } from '../../types';
import type { Command, CommandContext } from '../context';
import { dryRunQuery, dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues } from '../dry-run';
import { reportErrors, type CollectedError } from '../error-list';
import { ApiError, KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import { ObjectPrinter, OUTPUT_FLAGS } from '../object-output';
import { MISSING_RESOURCES, type Target } from '../targets';
import { loadManifests } from '../manifests';
import { resolveManifests } from '../manifest-mapping';
import { parseResourceArgs } from '../resource-args';
import type { ResourceDef } from '../../api/resources';
import { enforcedNamespace, withSaveConfig } from '../create/submit';
import { buildService, type ExposeOptions } from '../expose/build-service';
import { cannotExposeError, makeLabels, portsForObject, protocolsForObject, selectorForObject } from '../expose/introspect';

const str = (name: string, short?: string): FlagSpec => ({ name, ...(short ? { short } : {}), type: 'string', default: '' });

const FLAGS: FlagSpec[] = [
  DRY_RUN_FLAG,
  ...OUTPUT_FLAGS,
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  str('kustomize', 'k'),
  str('protocol'),
  str('port'),
  str('type'),
  str('load-balancer-ip'),
  str('selector'),
  str('labels', 'l'),
  str('target-port'),
  str('external-ip'),
  str('name'),
  str('session-affinity'),
  str('cluster-ip'),
  { name: 'field-manager', type: 'string', default: 'kubectl-expose' },
  str('overrides'),
  { name: 'override-type', type: 'string', default: 'merge' },
  { name: 'save-config', type: 'bool' },
  { name: 'record', type: 'bool' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
];

const DNS1035_LABEL_MAX = 63;

function initialOptions(ctx: CommandContext, flags: ParsedFlags): ExposeOptions {
  const f = flags.flags;
  return {
    name: f.name,
    defaultName: '',
    namespace: enforcedNamespace(ctx, flags),
    selector: f.selector,
    port: f.port,
    ports: '',
    labels: f.labels,
    externalIP: f['external-ip'],
    loadBalancerIP: f['load-balancer-ip'],
    type: f.type,
    protocol: f.protocol,
    protocols: new Map(),
    targetPort: f['target-port'],
    sessionAffinity: f['session-affinity'],
    clusterIP: f['cluster-ip'],
  };
}

/** Fill in from the object what the flags left out (RunExpose's visitor); mutates `o` as kubectl does. */
function introspect(o: ExposeOptions, obj: KObject): void {
  o.defaultName = (obj.metadata.name ?? '').slice(0, DNS1035_LABEL_MAX);
  if (!o.selector) {
    const s = selectorForObject(obj);
    if ('error' in s) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: ${s.error}`);
    o.selector = s.selector;
  }
  if (!o.port) {
    const ports = portsForObject(obj);
    if (ports.length === 0 && o.clusterIP !== 'None') throw new KubectlError("couldn't find port via --port flag or introspection");
    if (ports.length === 1) o.port = ports[0];
    else if (ports.length > 1) o.ports = ports.join(',');
  }
  const protocols = protocolsForObject(obj);
  if (protocols.size) o.protocols = protocols;
  if (!o.labels) o.labels = makeLabels(obj.metadata.labels);
}

const OVERRIDE_TYPES: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** --overrides with --override-type json|merge|strategic, applied to the generated Service. */
function override(ctx: CommandContext, service: KObject, flags: ParsedFlags): KObject {
  const inline = String(flags.flags.overrides ?? '');
  if (!inline) return service;
  const type = String(flags.flags['override-type'] || 'merge');
  const contentType = OVERRIDE_TYPES[type];
  if (!contentType) throw new KubectlError(`invalid override type: ${type}`);
  try {
    return applyPatch(contentType, service, JSON.parse(inline), ctx.mapper().forKind('v1', 'Service')!);
  } catch (e) {
    throw new KubectlError((e as Error).message);
  }
}

/**
 * One thunk per object to expose, in order: objects named on the command line are read from the server when their
 * turn comes; objects of -f files are taken as written (kubectl's builder does not fetch them).
 */
function targetsInOrder(ctx: CommandContext, flags: ParsedFlags, errors: CollectedError[]): (() => Target)[] {
  const files = (flags.flags.filename as string[]) ?? [];
  if (files.length) {
    if (flags.args.length) throw new KubectlError(`Unexpected args: [${flags.args.join(' ')}]`);
    const loaded = loadManifests(ctx, files, !!flags.flags.recursive, { validate: 'ignore' });
    errors.push(...loaded.errors);
    const { resolved, errors: mapping } = resolveManifests(ctx, loaded.docs, flags);
    errors.push(...mapping);
    return resolved.map((r) => () => ({ def: r.def, obj: { ...r.obj, kind: r.def.kind } }));
  }
  if (!flags.args.length) throw new KubectlError(MISSING_RESOURCES);
  const sel = parseResourceArgs(ctx.mapper(), flags.args);
  if (!sel.named.length) throw new KubectlError('resource(s) were provided, but no name was specified');
  const ns = ctx.namespace(flags);
  return sel.named.map(({ def, name }) => () => ({ def, obj: { ...ctx.client.get(def, def.namespaced ? ns : undefined, name), kind: def.kind } }));
}

export const exposeCommand: Command = {
  name: 'expose',
  run(ctx) {
    const flags = parseWithOptionalValues(ctx, FLAGS);
    if (flags.flags.kustomize) throw new KubectlError('kustomize is not available in kubeplay; use -f with the rendered manifests');
    const dryRun = dryRunStrategy(ctx, flags);
    const printer = ObjectPrinter.from(ctx, flags, 'exposed', dryRun);
    const errors: CollectedError[] = [];
    const o = initialOptions(ctx, flags);
    const visit = (def: ResourceDef, obj: KObject) => {
      const refusal = cannotExposeError(def);
      if (refusal) throw new KubectlError(refusal);
      introspect(o, obj);
      const service = override(ctx, buildService(o), flags);
      if (dryRun === 'client') return printer.print(service, true);
      const body = flags.flags['save-config'] ? withSaveConfig(service) : service;
      const svcDef = ctx.mapper().forKind('v1', 'Service')!;
      const query = { ...dryRunQuery(dryRun), fieldManager: String(flags.flags['field-manager'] || 'kubectl-expose') };
      printer.print(ctx.client.create(svcDef, ctx.namespace(flags), body, query));
    };
    // Objects are read and exposed one after the other, errors collected in that order (ContinueOnError).
    for (const next of targetsInOrder(ctx, flags, errors)) {
      try {
        const { def, obj } = next();
        visit(def, obj);
      } catch (e) {
        if (e instanceof KubectlError) errors.push(`error: ${e.message}`);
        else if (e instanceof ApiError) errors.push({ err: e });
        else throw e;
      }
    }
    return reportErrors(ctx.out, errors);
  },
};
