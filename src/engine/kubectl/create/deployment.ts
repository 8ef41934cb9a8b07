/** `kubectl create deployment NAME --image=... [--replicas] [--port] [-- command]` */
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import { KubectlError } from '../errors';
import type { FlagSpec } from '../flags';
import { parseWithOptionalValues } from '../dry-run';
import { nameSuffix } from './name-suffix';
import { CREATE_COMMON_FLAGS, enforcedNamespace, nameFromArgs, requireFlags, submitGenerated } from './submit';
import { typedContainer, typedMeta } from './typed-meta';

const FLAGS: FlagSpec[] = [
  ...CREATE_COMMON_FLAGS,
  { name: 'image', type: 'strings' },
  { name: 'replicas', short: 'r', type: 'int', default: 1 },
  { name: 'port', type: 'int', default: -1 },
];

export function createDeployment(ctx: CommandContext): number {
  const flags = parseWithOptionalValues(ctx, FLAGS);
  requireFlags(flags, ['image']);
  const name = nameFromArgs(flags, 'deployment');
  const images = (flags.flags.image as string[]).flatMap((i) => i.split(',')).filter(Boolean);
  const command = flags.rest;
  if (images.length > 1 && command.length) throw new KubectlError('cannot specify multiple --image options and command');
  const labels = { app: name };
  const port = flags.flags.port as number;
  const containers = images.map((image, i) =>
    typedContainer({
      name: containerName(image, ctx.env.now()),
      image,
      command: command.length ? command : undefined,
      ports: i === 0 && port >= 0 ? [{ containerPort: port }] : undefined,
    }),
  );
  const obj: KObject = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: typedMeta({ name, namespace: enforcedNamespace(ctx, flags), labels }),
    spec: {
      replicas: flags.flags.replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: typedMeta({ labels: { ...labels } }), spec: { containers } },
      strategy: {},
    },
    status: {},
  };
  return submitGenerated(ctx, flags, obj, 'failed to create deployment: ');
}

/** The container name kubectl derives from an image: last path part, no tag or digest, `_`/`.` made DNS-safe. */
export function containerName(image: string, seed: number): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0].split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${nameSuffix(`${image}@${seed}`)}`;
  return name;
}
