/** From manifest documents to API resources and namespaces, as kubectl's resource builder resolves them. */
import type { ResourceDef } from '../api/resources';
import type { CommandContext } from './context';
import type { ParsedFlags } from './flags';
import type { ManifestDoc } from './manifests';

export interface ResolvedManifest extends ManifestDoc {
  def: ResourceDef;
  /** The namespace to address (undefined for cluster-scoped kinds). */
  namespace: string | undefined;
  /** metadata.name ('' when the document only has generateName). */
  name: string;
}

/**
 * Resolve each document's kind with discovery and pick its namespace: the document's own, else -n / the context's.
 * When -n was given explicitly, a document in another namespace is refused, as kubectl refuses it.
 */
export function resolveManifests(
  ctx: CommandContext,
  docs: ManifestDoc[],
  flags: ParsedFlags,
): { resolved: ResolvedManifest[]; errors: string[] } {
  const resolved: ResolvedManifest[] = [];
  const errors: string[] = [];
  const flagNs = ctx.namespace(flags);
  const enforce = flags.changed.has('namespace') && !!flags.flags.namespace;
  for (const doc of docs) {
    const { apiVersion, kind } = doc.obj;
    const meta = doc.obj.metadata ?? {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    const docNs = typeof meta.namespace === 'string' ? meta.namespace : '';
    const def = ctx.mapper().forKind(apiVersion ?? '', kind);
    if (!def) {
      errors.push(
        `error: resource mapping not found for name: "${name}" namespace: "${docNs}" from "${doc.source}"${doc.location}: ` +
          `no matches for kind "${kind}" in version "${apiVersion ?? ''}"\nensure CRDs are installed first`,
      );
      continue;
    }
    if (!def.namespaced) {
      resolved.push({ ...doc, def, namespace: undefined, name });
      continue;
    }
    if (enforce && docNs && docNs !== flagNs) {
      errors.push(
        `error: the namespace from the provided object "${docNs}" does not match the namespace "${flagNs}". ` +
          `You must pass '--namespace=${docNs}' to perform this operation.`,
      );
      continue;
    }
    resolved.push({ ...doc, def, namespace: docNs || flagNs, name });
  }
  return { resolved, errors };
}
