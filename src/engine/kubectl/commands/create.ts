/** `kubectl create -f FILE` and the generators: `kubectl create deployment|namespace|configmap|secret|service|...`. */
import { makeParse, type Command, type CommandContext } from '../context';
import { KubectlError } from '../errors';
import { parseWithOptionalValues } from '../dry-run';
import { CREATE_COMMON_FLAGS } from '../create/submit';
import { createFromFiles } from '../create/from-files';
import { createDeployment } from '../create/deployment';
import { createNamespace, createServiceAccount } from '../create/namespace';
import { createConfigMap } from '../create/configmap';
import { createSecretDockerRegistry, createSecretGeneric, createSecretTls } from '../create/secret';
import { createService, isServiceSubcommand } from '../create/service';
import { createJob } from '../create/job';
import { createCronJob } from '../create/cronjob';
import { createIngress } from '../create/ingress';

type Generator = (ctx: CommandContext) => number;

const GENERATORS: Record<string, Generator> = {
  deployment: createDeployment,
  deploy: createDeployment,
  namespace: (c) => createNamespace(c, 'namespace'),
  ns: (c) => createNamespace(c, 'namespace'),
  serviceaccount: (c) => createServiceAccount(c, 'serviceaccount'),
  sa: (c) => createServiceAccount(c, 'serviceaccount'),
  configmap: (c) => createConfigMap(c, 'configmap'),
  cm: (c) => createConfigMap(c, 'configmap'),
  job: createJob,
  cronjob: createCronJob,
  cj: createCronJob,
  ingress: createIngress,
  ing: createIngress,
};

const SECRET_TYPES: Record<string, Generator> = {
  generic: createSecretGeneric,
  tls: createSecretTls,
  'docker-registry': createSecretDockerRegistry,
};

const FILE_FLAGS = [
  ...CREATE_COMMON_FLAGS,
  { name: 'filename', short: 'f', type: 'strings' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'kustomize', short: 'k', type: 'string' as const },
  { name: 'edit', type: 'bool' as const },
  { name: 'raw', type: 'string' as const },
  { name: 'record', type: 'bool' as const },
];

/** Flags (of create and the global ones) that take the next word as their value. */
const VALUED = new Set(['-n', '--namespace', '-o', '--output', '-f', '--filename', '-l', '--selector', '-k', '--kustomize',
  '--context', '--cluster', '--user', '--kubeconfig', '-s', '--server', '--request-timeout', '-v', '--field-manager', '--raw']);

/** Index of the first positional word (the generator name), or -1. */
function subcommandIndex(words: string[]): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') return -1;
    if (!w.startsWith('-') || w === '-') return i;
    if (VALUED.has(w)) i++;
  }
  return -1;
}

function sub(ctx: CommandContext, words: string[], name: string): CommandContext {
  return { ...ctx, words, name, parse: makeParse(name, words) };
}

export const createCommand: Command = {
  name: 'create',
  run(ctx) {
    const i = subcommandIndex(ctx.words);
    const word = i >= 0 ? ctx.words[i] : undefined;
    const without = (n: number) => [...ctx.words.slice(0, i), ...ctx.words.slice(i + n)];
    if (word && GENERATORS[word]) return GENERATORS[word](sub(ctx, without(1), `create ${word}`));
    if (word === 'secret' || word === 'service' || word === 'svc') {
      const rest = without(1);
      const j = subcommandIndex(rest);
      const kind = j >= 0 ? rest[j] : undefined;
      const noun = word === 'secret' ? 'secret' : 'service';
      const words = j >= 0 ? [...rest.slice(0, j), ...rest.slice(j + 1)] : rest;
      if (word === 'secret' && kind && SECRET_TYPES[kind]) return SECRET_TYPES[kind](sub(ctx, words, `create secret ${kind}`));
      if (word !== 'secret' && isServiceSubcommand(kind)) return createService(sub(ctx, words, `create service ${kind}`), kind!);
      if (kind) throw new KubectlError(`unknown command "${kind}"\nSee 'kubectl create ${noun} -h' for help and examples`);
      throw new KubectlError(
        word === 'secret'
          ? 'a secret type is required: kubectl create secret (docker-registry | generic | tls) NAME [options]'
          : 'a service type is required: kubectl create service (clusterip | externalname | loadbalancer | nodeport) NAME [options]',
      );
    }
    const flags = parseWithOptionalValues(ctx, FILE_FLAGS);
    if (flags.flags.kustomize) throw new KubectlError('kustomize is not available in kubeplay; use -f with the rendered manifests');
    if (flags.flags.edit) throw new KubectlError('--edit needs an editor; use the YAML editor, then kubectl create -f -');
    return createFromFiles(ctx, flags);
  },
};
