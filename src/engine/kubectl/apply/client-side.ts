/**
 * Client-side `kubectl apply` of one object (pkg/cmd/apply applyOneObject + patcher.go): create with the
 * last-applied annotation when missing; otherwise send the three-way strategic merge patch, retrying on conflicts
 * with a fresh GET (5 times), or delete and re-create with --force.
 */
import { resourcePath } from '../../api/paths';
import { schemaForKind } from '../../api/patch/patch-meta';
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import { ApiError } from '../errors';
import type { ResolvedManifest } from '../manifests';
import { quotedSource } from '../manifests';
import { goJson, LAST_APPLIED, modifiedConfiguration, objectToCreate, originalConfiguration } from './last-applied';
import { call, infoString, withSource, type ObjectError } from './requests';
import { threeWayMergePatch } from './three-way';

export interface ApplySettings {
  dryRun: 'none' | 'client' | 'server';
  fieldManager: string;
  fieldValidation: string;
  force: boolean;
  /** Advance virtual time while waiting for a deleted object to go (--force). */
  waitGone(doc: ResolvedManifest): void;
}

export type ApplyOutcome = { object: KObject; operation: 'created' | 'configured' | 'unchanged' } | { error: ObjectError };

const MAX_PATCH_RETRY = 5;

const WARNING_NO_ANNOTATION = (name: string) =>
  `Warning: resource ${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. ` +
  'kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or ' +
  'kubectl apply. The missing annotation will be patched automatically.';

export function query(s: ApplySettings): Record<string, string | undefined> {
  return { fieldManager: s.fieldManager, fieldValidation: s.fieldValidation, dryRun: s.dryRun === 'server' ? 'All' : undefined };
}

export function applyClientSide(ctx: CommandContext, doc: ResolvedManifest, obj: KObject, s: ApplySettings): ApplyOutcome {
  const source = quotedSource(doc);
  const { def, namespace, name } = doc;
  const { modified } = modifiedConfiguration(obj);
  const path = resourcePath(def, namespace, name);
  const got = ctx.client.send({ method: 'GET', path });
  if (got.status === 404) {
    const toCreate = objectToCreate(obj);
    if (s.dryRun === 'client') return { object: toCreate, operation: 'created' };
    try {
      const created = call(ctx, { method: 'POST', path: resourcePath(def, namespace), body: toCreate, contentType: 'application/json', query: query(s) });
      return { object: created, operation: 'created' };
    } catch (e) {
      return { error: withSource('creating', source, e) };
    }
  }
  if (got.status >= 400) {
    const verb = `retrieving current configuration of:\n${infoString(def, namespace, name)}\nfrom server for:`;
    return { error: withSource(verb, source, new ApiError(got.body, got.status)) };
  }
  let current: KObject = got.body;
  if (s.dryRun === 'client') return { object: current, operation: 'configured' };
  if (originalConfiguration(current) === undefined) ctx.out.warn(WARNING_NO_ANNOTATION(`${def.resource}/${name}`));

  const schema = schemaForKind(def.kind);
  let patchText = '';
  let lastError: unknown;
  for (let attempt = 0; attempt <= MAX_PATCH_RETRY; attempt++) {
    if (attempt > 0) {
      const again = ctx.client.send({ method: 'GET', path });
      if (again.status >= 400) return { error: new ApiError(again.body, again.status) };
      current = again.body;
    }
    const originalText = originalConfiguration(current);
    const original = originalText ? (JSON.parse(originalText) as Record<string, unknown>) : {};
    const patch = threeWayMergePatch(original, JSON.parse(JSON.stringify(modified)), JSON.parse(JSON.stringify(current)), schema);
    patchText = goJson(patch).trimEnd();
    if (patchText === '{}') return { object: current, operation: 'unchanged' };
    try {
      const patched = call(ctx, { method: 'PATCH', path, body: patch, contentType: 'application/strategic-merge-patch+json', query: query(s) });
      return { object: patched, operation: 'configured' };
    } catch (e) {
      lastError = e;
      if (!(e instanceof ApiError) || e.status.reason !== 'Conflict') break;
    }
  }
  const reason = lastError instanceof ApiError ? lastError.status.reason : '';
  if (s.force && (reason === 'Conflict' || reason === 'Invalid')) {
    return deleteAndCreate(ctx, doc, modified, s);
  }
  const inner = withSource('patching', source, lastError);
  const verb = `applying patch:\n${patchText}\nto:\n${infoString(def, namespace, name)}\nfor:`;
  return { error: withSource(verb, source, inner) };
}

function deleteAndCreate(ctx: CommandContext, doc: ResolvedManifest, modified: KObject, s: ApplySettings): ApplyOutcome {
  const { def, namespace, name } = doc;
  try {
    call(ctx, {
      method: 'DELETE',
      path: resourcePath(def, namespace, name),
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
    });
    s.waitGone(doc);
    const created = call(ctx, { method: 'POST', path: resourcePath(def, namespace), body: modified, contentType: 'application/json', query: query(s) });
    return { object: created, operation: 'configured' };
  } catch (e) {
    return { error: e instanceof ApiError ? e : withSource('patching', quotedSource(doc), e) };
  }
}
