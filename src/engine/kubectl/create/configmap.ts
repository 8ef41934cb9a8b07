/** `kubectl create configmap NAME --from-literal/--from-file/--from-env-file [--append-hash]` */
import type { CommandContext } from '../context';
import { parseWithOptionalValues } from '../dry-run';
import { KubectlError } from '../errors';
import type { FlagSpec } from '../flags';
import { configKeyErrors, parseLiteralSource, readEnvFileSources, readFileSources, type DataEntry } from './data-sources';
import { contentHash } from './content-hash';
import { CREATE_COMMON_FLAGS, enforcedNamespace, nameFromArgs, submitGenerated } from './submit';
import { typedMeta } from './typed-meta';

export const DATA_FLAGS: FlagSpec[] = [
  { name: 'from-literal', type: 'strings' },
  { name: 'from-file', type: 'strings' },
  { name: 'from-env-file', type: 'strings' },
  { name: 'append-hash', type: 'bool' },
];

export function createConfigMap(ctx: CommandContext, command: string): number {
  const flags = parseWithOptionalValues(ctx, [...CREATE_COMMON_FLAGS, ...DATA_FLAGS]);
  const name = nameFromArgs(flags, command);
  const literal = flags.flags['from-literal'] as string[];
  const files = (flags.flags['from-file'] as string[]).flatMap((f) => f.split(','));
  const envFiles = flags.flags['from-env-file'] as string[];
  if (envFiles.length && (files.length || literal.length)) {
    throw new KubectlError('from-env-file cannot be combined with from-file or from-literal');
  }
  const data: Record<string, string> = {};
  const add = (e: DataEntry) => {
    const errs = configKeyErrors(e.key);
    if (errs.length) throw new KubectlError(`"${e.key}" is not a valid key name for a ConfigMap: ${errs.join(',')}`);
    if (e.key in data) {
      throw new KubectlError(`cannot add key "${e.key}", another key by that name already exists in Data for ConfigMap "${name}"`);
    }
    data[e.key] = e.value;
  };
  readFileSources(ctx, files).forEach(add);
  literal.map(parseLiteralSource).forEach(add);
  readEnvFileSources(ctx, envFiles, 'config').forEach(add);
  const sorted = Object.fromEntries(Object.keys(data).sort().map((k) => [k, data[k]]));
  const finalName = flags.flags['append-hash'] ? `${name}-${contentHash({ kind: 'ConfigMap', name, data: sorted })}` : name;
  const obj = {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: typedMeta({ name: finalName, namespace: enforcedNamespace(ctx, flags) }),
    ...(Object.keys(sorted).length ? { data: sorted } : {}),
  };
  return submitGenerated(ctx, flags, obj, 'failed to create configmap: ');
}
