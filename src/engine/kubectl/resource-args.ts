/** kubectl's resource arguments: `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME [TYPE/NAME...]`. */
import type { ResourceDef } from '../api/resources';
import { KubectlError } from './errors';
import type { RestMapper } from './rest-mapper';

export interface ResourceSelection {
  /** Types named (a list request when `names` is empty for that type). */
  types: ResourceDef[];
  /** Explicit objects, in the order given. Empty when only types were named. */
  named: { def: ResourceDef; name: string }[];
}

export function parseResourceArgs(mapper: RestMapper, args: string[]): ResourceSelection {
  if (args.length === 0) return { types: [], named: [] };
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/'))) {
      if (!args[0].includes('/')) {
        throw new KubectlError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      }
      throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
    }
    const named = args.map((a) => {
      const slash = a.indexOf('/');
      const name = a.slice(slash + 1);
      if (!name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      return { def: mapper.resourceFor(a.slice(0, slash)), name };
    });
    return { types: dedupe(named.map((n) => n.def)), named };
  }
  const types = mapper.expand(args[0]);
  const names = args.slice(1);
  return { types, named: types.flatMap((def) => names.map((name) => ({ def, name }))) };
}

function dedupe(defs: ResourceDef[]): ResourceDef[] {
  const seen = new Set<string>();
  return defs.filter((d) => {
    const k = `${d.group}/${d.resource}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
