/** `kubectl create job NAME --image=... [-- command]` and `kubectl create job NAME --from=cronjob/x` */
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import { parseWithOptionalValues } from '../dry-run';
import { KubectlError } from '../errors';
import { CREATE_COMMON_FLAGS, enforcedNamespace, nameFromArgs, submitGenerated } from './submit';
import { typedContainer, typedMeta } from './typed-meta';

export function createJob(ctx: CommandContext): number {
  const flags = parseWithOptionalValues(ctx, [
    ...CREATE_COMMON_FLAGS,
    { name: 'image', type: 'string', default: '' },
    { name: 'from', type: 'string', default: '' },
  ]);
  const name = nameFromArgs(flags, 'job');
  const image = flags.flags.image as string;
  const from = flags.flags.from as string;
  const command = flags.rest;
  if ((!image && !from) || (image && from)) throw new KubectlError('either --image or --from must be specified');
  if (command.length && from) throw new KubectlError('cannot specify --from and command');
  const namespace = enforcedNamespace(ctx, flags);
  const obj = image ? jobFromImage(name, namespace, image, command) : jobFromCronJob(ctx, flags, name, namespace, from);
  return submitGenerated(ctx, flags, obj, 'failed to create job: ');
}

function jobFromImage(name: string, namespace: string | undefined, image: string, command: string[]): KObject {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: typedMeta({ name, namespace }),
    spec: {
      template: {
        metadata: typedMeta({}),
        spec: {
          containers: [typedContainer({ name, image, command: command.length ? command : undefined })],
          restartPolicy: 'Never',
        },
      },
    },
    status: {},
  };
}

function jobFromCronJob(
  ctx: CommandContext,
  flags: Parameters<typeof enforcedNamespace>[1],
  name: string,
  namespace: string | undefined,
  from: string,
): KObject {
  const slash = from.indexOf('/');
  if (slash < 0) {
    throw new KubectlError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
  }
  const def = ctx.mapper().resourceFor(from.slice(0, slash));
  const source = ctx.client.get(def, ctx.namespace(flags), from.slice(slash + 1));
  if (source.kind !== 'CronJob') throw new KubectlError(`unknown object type *v1.${source.kind}`);
  const template = source.spec?.jobTemplate ?? {};
  const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) };
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: typedMeta({
      name,
      namespace,
      labels: template.metadata?.labels,
      annotations,
      ownerReferences: [
        { apiVersion: 'batch/v1', kind: 'CronJob', name: source.metadata.name!, uid: source.metadata.uid!, controller: true },
      ],
    }),
    spec: template.spec ?? {},
    status: {},
  };
}
