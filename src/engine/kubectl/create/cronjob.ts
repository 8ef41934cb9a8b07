/** `kubectl create cronjob NAME --image=... --schedule='*\/1 * * * *' [--restart] [-- command]` */
import type { CommandContext } from '../context';
import { parseWithOptionalValues } from '../dry-run';
import { CREATE_COMMON_FLAGS, enforcedNamespace, nameFromArgs, requireFlags, submitGenerated } from './submit';
import { typedContainer, typedMeta } from './typed-meta';

export function createCronJob(ctx: CommandContext): number {
  const flags = parseWithOptionalValues(ctx, [
    ...CREATE_COMMON_FLAGS,
    { name: 'image', type: 'string', default: '' },
    { name: 'schedule', type: 'string', default: '' },
    { name: 'restart', type: 'string', default: '' },
  ]);
  requireFlags(flags, ['image', 'schedule']);
  const name = nameFromArgs(flags, 'cronjob');
  const command = flags.rest;
  const obj = {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: typedMeta({ name, namespace: enforcedNamespace(ctx, flags) }),
    spec: {
      schedule: flags.flags.schedule,
      jobTemplate: {
        metadata: typedMeta({ name }),
        spec: {
          template: {
            metadata: typedMeta({}),
            spec: {
              containers: [typedContainer({ name, image: flags.flags.image, command: command.length ? command : undefined })],
              restartPolicy: flags.flags.restart || 'OnFailure',
            },
          },
        },
      },
    },
    status: {},
  };
  return submitGenerated(ctx, flags, obj, 'failed to create cronjob: ');
}
