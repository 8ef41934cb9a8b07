/** kubectl's name printer: `deployment.apps/web created`, `configmap/app` (core kinds have no group). */
import type { KObject } from '../../types';

export function kindPrefix(obj: Pick<KObject, 'apiVersion' | 'kind'>): string {
  const slash = obj.apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : obj.apiVersion.slice(0, slash);
  return group ? `${obj.kind.toLowerCase()}.${group}` : obj.kind.toLowerCase();
}

/** `kind.group/name` with an optional operation: `deployment.apps/web configured`. */
export function nameLine(obj: Pick<KObject, 'apiVersion' | 'kind' | 'metadata'>, operation?: string): string {
  return `${kindPrefix(obj)}/${obj.metadata.name}${operation ? ` ${operation}` : ''}`;
}

/** The dry-run suffix kubectl adds to operations: ` (dry run)` or ` (server dry run)`. */
export function dryRunSuffix(dryRun: 'none' | 'client' | 'server'): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}
