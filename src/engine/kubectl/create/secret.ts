/** `kubectl create secret generic|tls|docker-registry NAME ...` */
import type { CommandContext } from '../context';
import { parseWithOptionalValues } from '../dry-run';
import { KubectlError } from '../errors';
import type { FlagSpec } from '../flags';
import { DATA_FLAGS } from './configmap';
import { contentHash } from './content-hash';
import { goJsonEscapes } from '../printers/go-format';
import { base64, configKeyErrors, parseLiteralSource, readEnvFileSources, readFileSources, type DataEntry } from './data-sources';
import { CREATE_COMMON_FLAGS, enforcedNamespace, nameFromArgs, submitGenerated } from './submit';
import { typedMeta } from './typed-meta';
import { keyPairError } from './tls-pair';

const FAIL = 'failed to create secret ';

function secretObject(name: string, namespace: string | undefined, type: string, data: Record<string, string>, hash: boolean) {
  const encoded = Object.fromEntries(Object.keys(data).sort().map((k) => [k, base64(data[k])]));
  const finalName = hash ? `${name}-${contentHash({ kind: 'Secret', name, type, data: encoded })}` : name;
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: typedMeta({ name: finalName, namespace }),
    ...(Object.keys(encoded).length ? { data: encoded } : {}),
    ...(type ? { type } : {}),
  };
}

function collect() {
  const data: Record<string, string> = {};
  const add = (e: DataEntry) => {
    const errs = configKeyErrors(e.key);
    if (errs.length) throw new KubectlError(`"${e.key}" is not valid key name for a Secret ${errs.join(';')}`);
    if (e.key in data) throw new KubectlError(`cannot add key ${e.key}, another key by that name already exists`);
    data[e.key] = e.value;
  };
  return { data, add };
}

export function createSecretGeneric(ctx: CommandContext): number {
  const flags = parseWithOptionalValues(ctx, [...CREATE_COMMON_FLAGS, ...DATA_FLAGS, { name: 'type', type: 'string', default: '' }]);
  const name = nameFromArgs(flags, 'secret generic');
  const literal = flags.flags['from-literal'] as string[];
  const files = (flags.flags['from-file'] as string[]).flatMap((f) => f.split(','));
  const envFiles = flags.flags['from-env-file'] as string[];
  if (envFiles.length && (files.length || literal.length)) {
    throw new KubectlError('from-env-file cannot be combined with from-file or from-literal');
  }
  const { data, add } = collect();
  literal.map(parseLiteralSource).forEach(add);
  readFileSources(ctx, files).forEach(add);
  readEnvFileSources(ctx, envFiles, 'secret').forEach(add);
  const obj = secretObject(name, enforcedNamespace(ctx, flags), flags.flags.type, data, flags.flags['append-hash']);
  return submitGenerated(ctx, flags, obj, FAIL);
}

export function createSecretTls(ctx: CommandContext): number {
  const flags = parseWithOptionalValues(ctx, [
    ...CREATE_COMMON_FLAGS,
    { name: 'cert', type: 'string', default: '' },
    { name: 'key', type: 'string', default: '' },
    { name: 'append-hash', type: 'bool' },
  ]);
  const name = nameFromArgs(flags, 'secret tls');
  if (!flags.flags.cert || !flags.flags.key) throw new KubectlError('key and cert must be specified');
  const read = (path: string) => {
    const fs = ctx.env.fs;
    const text = fs?.readFile(path);
    if (text === undefined) {
      throw new KubectlError(`Cannot read file ${path}, open ${path}: ${fs ? 'no such file or directory' : 'there is no file system here (the cluster runs in your browser)'}`);
    }
    return text;
  };
  const cert = read(flags.flags.cert);
  const key = read(flags.flags.key);
  const pairError = keyPairError(cert, key);
  if (pairError) throw new KubectlError(pairError);
  const obj = secretObject(name, enforcedNamespace(ctx, flags), 'kubernetes.io/tls', { 'tls.crt': cert, 'tls.key': key }, flags.flags['append-hash']);
  return submitGenerated(ctx, flags, obj, FAIL);
}

const DOCKER_FLAGS: FlagSpec[] = [
  { name: 'docker-username', type: 'string', default: '' },
  { name: 'docker-password', type: 'string', default: '' },
  { name: 'docker-email', type: 'string', default: '' },
  { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/' },
  { name: 'from-file', type: 'strings' },
  { name: 'append-hash', type: 'bool' },
];

export function createSecretDockerRegistry(ctx: CommandContext): number {
  const flags = parseWithOptionalValues(ctx, [...CREATE_COMMON_FLAGS, ...DOCKER_FLAGS]);
  const name = nameFromArgs(flags, 'secret docker-registry');
  const f = flags.flags;
  const files = (f['from-file'] as string[]).flatMap((s) => s.split(','));
  if (!files.length) {
    if (!f['docker-username'] || !f['docker-password'] || !f['docker-server']) {
      throw new KubectlError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
    }
  }
  const { data, add } = collect();
  if (files.length) readFileSources(ctx, files).forEach(add);
  else {
    const entry: Record<string, string> = {};
    if (f['docker-username']) entry.username = f['docker-username'];
    if (f['docker-password']) entry.password = f['docker-password'];
    if (f['docker-email']) entry.email = f['docker-email'];
    entry.auth = base64(`${f['docker-username']}:${f['docker-password']}`);
    data['.dockerconfigjson'] = goJsonEscapes(JSON.stringify({ auths: { [f['docker-server']]: entry } }));
  }
  const obj = secretObject(name, enforcedNamespace(ctx, flags), 'kubernetes.io/dockerconfigjson', data, f['append-hash']);
  return submitGenerated(ctx, flags, obj, FAIL);
}
