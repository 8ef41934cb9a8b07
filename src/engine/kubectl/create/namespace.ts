/** `kubectl create namespace NAME` and `kubectl create serviceaccount NAME` */
import type { CommandContext } from '../context';
import { parseWithOptionalValues } from '../dry-run';
import { CREATE_COMMON_FLAGS, enforcedNamespace, nameFromArgs, submitGenerated } from './submit';
import { typedMeta } from './typed-meta';

export function createNamespace(ctx: CommandContext, command: string): number {
  const flags = parseWithOptionalValues(ctx, CREATE_COMMON_FLAGS);
  const name = nameFromArgs(flags, command);
  const obj = { kind: 'Namespace', apiVersion: 'v1', metadata: typedMeta({ name }), spec: {}, status: {} };
  return submitGenerated(ctx, flags, obj, '');
}

export function createServiceAccount(ctx: CommandContext, command: string): number {
  const flags = parseWithOptionalValues(ctx, CREATE_COMMON_FLAGS);
  const name = nameFromArgs(flags, command);
  const obj = {
    kind: 'ServiceAccount',
    apiVersion: 'v1',
    metadata: typedMeta({ name, namespace: enforcedNamespace(ctx, flags) }),
  };
  return submitGenerated(ctx, flags, obj, 'failed to create serviceaccount: ');
}
