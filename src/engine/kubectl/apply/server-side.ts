/** `kubectl apply --server-side` of one object: a PATCH of type application/apply-patch+yaml with the whole object. */
import { resourcePath } from '../../api/paths';
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import { ApiError } from '../errors';
import type { ResolvedManifest } from '../manifests';
import { goJson } from './last-applied';
import { call, PlainError, type ObjectError } from './requests';

const CONFLICT_HELP = `
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

export interface ServerSideSettings {
  dryRun: 'none' | 'server';
  fieldManager: string;
  fieldValidation: string;
  forceConflicts: boolean;
}

export function applyServerSide(
  ctx: CommandContext,
  doc: ResolvedManifest,
  obj: KObject,
  s: ServerSideSettings,
): { object: KObject } | { error: ObjectError } {
  try {
    const object = call(ctx, {
      method: 'PATCH',
      path: resourcePath(doc.def, doc.namespace, doc.name),
      body: goJson(obj),
      contentType: 'application/apply-patch+yaml',
      query: {
        fieldManager: s.fieldManager,
        fieldValidation: s.fieldValidation,
        force: String(s.forceConflicts),
        dryRun: s.dryRun === 'server' ? 'All' : undefined,
      },
    });
    if (object?.metadata?.deletionTimestamp) ctx.out.warn(`Warning: Detected changes to resource ${doc.name} which is currently being deleted.`);
    return { object };
  } catch (e) {
    // Conflicts come back as a plain error with kubectl's advice; other API errors print as they are.
    if (e instanceof ApiError && e.status.reason === 'Conflict') return { error: new PlainError(e.status.message + CONFLICT_HELP) };
    return { error: e instanceof ApiError ? e : new PlainError(String(e)) };
  }
}
