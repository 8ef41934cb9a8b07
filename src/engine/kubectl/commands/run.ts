/** `kubectl run NAME --image=IMAGE [...] [-- args]`: the Pod exactly as kubectl's run generator builds it. */
import type { KObject } from '../../types';
import type { Command, CommandContext } from '../context';
import { dryRunQuery, dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues } from '../dry-run';
import { KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import { ObjectPrinter, OUTPUT_FLAGS } from '../object-output';
import { typedMeta } from '../create/typed-meta';
import { withSaveConfig } from '../create/submit';

const FLAGS: FlagSpec[] = [
  DRY_RUN_FLAG,
  ...OUTPUT_FLAGS,
  { name: 'image', type: 'string', default: '' },
  { name: 'port', type: 'string', default: '' },
  { name: 'hostport', type: 'int', default: -1 },
  { name: 'env', type: 'strings' },
  { name: 'labels', short: 'l', type: 'string', default: '' },
  { name: 'annotations', type: 'strings' },
  { name: 'restart', type: 'string', default: '' },
  { name: 'command', type: 'bool' },
  { name: 'image-pull-policy', type: 'string', default: '' },
  { name: 'serviceaccount', type: 'string', default: '' },
  { name: 'privileged', type: 'bool' },
  { name: 'expose', type: 'bool' },
  { name: 'rm', type: 'bool' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'attach', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'leave-stdin-open', type: 'bool' },
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-run' },
  { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
  { name: 'override-type', type: 'string', default: 'merge' },
  { name: 'overrides', type: 'string', default: '' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
];

const usage = (msg: string) => new KubectlError(`${msg}\nSee 'kubectl run -h' for help and examples`);

/** An approximation of the distribution reference grammar (lower-case path, optional registry:port, tag, digest). */
const IMAGE_REF =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

export const runCommand: Command = {
  name: 'run',
  run(ctx) {
    const flags = parseWithOptionalValues(ctx, FLAGS);
    if (flags.args.length === 0) throw usage('NAME is required for run');
    const f = flags.flags;
    if (!flags.changed.has('image')) throw new KubectlError('required flag(s) "image" not set');
    if (!f.image) throw new KubectlError('--image is required');
    if (!IMAGE_REF.test(f.image)) throw new KubectlError(`Invalid image name "${f.image}": invalid reference format`);
    if (f.tty && !f.stdin) throw usage('-i/--stdin is required for containers with -t/--tty=true');
    if (f.expose && !f.port) throw usage('--port must be set when exposing a service');
    const restart = restartPolicy(f.restart, f.stdin);
    const attach = f.attach || (f.stdin && !flags.changed.has('attach'));
    if (!attach && f.rm) throw usage('--rm should only be used for attached containers');
    const dryRun = dryRunStrategy(ctx, flags);
    if (attach && dryRun !== 'none') {
      throw usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    }
    if (attach) {
      throw new KubectlError(
        'interactive sessions are not available in kubeplay: kubectl run cannot attach to a container here (-i, -t, --attach, --rm). ' +
          "Run the pod without them, then read its output with 'kubectl logs POD' or run a command with 'kubectl exec POD -- CMD'",
      );
    }
    if (f.expose) throw new KubectlError('--expose is not available in kubeplay; create the pod, then run kubectl expose pod NAME --port=PORT');
    if (f.overrides) throw new KubectlError('--overrides is not available in kubeplay; use --dry-run=client -o yaml, edit, then kubectl create -f -');
    if (f['image-pull-policy'] && !['Always', 'IfNotPresent', 'Never'].includes(f['image-pull-policy'])) {
      throw usage(`invalid image pull policy: ${f['image-pull-policy']}`);
    }
    const pod = buildPod(ctx, flags, restart);
    const printer = ObjectPrinter.from(ctx, flags, 'created', dryRun);
    if (dryRun === 'client') {
      printer.print(pod, true);
      return 0;
    }
    const def = ctx.mapper().resourceFor('pods');
    const body = f['save-config'] ? withSaveConfig(pod) : pod;
    const created = ctx.client.create(def, ctx.namespace(flags), body, {
      ...dryRunQuery(dryRun),
      fieldManager: String(f['field-manager'] || 'kubectl-run'),
    });
    printer.print(created);
    return 0;
  },
};

function restartPolicy(value: string, interactive: boolean): string {
  if (!value) return interactive ? 'OnFailure' : 'Always';
  if (['Always', 'OnFailure', 'Never'].includes(value)) return value;
  throw usage(`invalid restart policy: ${value}`);
}

function buildPod(ctx: CommandContext, flags: ParsedFlags, restart: string): KObject {
  const f = flags.flags;
  const name = flags.args[0];
  const args = [...flags.args.slice(1), ...flags.rest];
  const env = (f.env as string[]).map((e) => {
    const eq = e.indexOf('=');
    const key = eq < 0 ? '' : e.slice(0, eq);
    if (!key || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) throw new KubectlError(`invalid env: ${e}`);
    return { name: key, value: e.slice(eq + 1) };
  });
  const annotations: Record<string, string> = {};
  for (const a of f.annotations as string[]) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new KubectlError(`invalid annotation spec: ${a}`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const labels = f.labels ? parseLabels(f.labels) : { run: name };
  const container: Record<string, unknown> = { name, image: f.image };
  if (args.length) container[f.command ? 'command' : 'args'] = args;
  if (f.port) {
    if (!/^-?\d+$/.test(f.port)) throw new KubectlError(`strconv.Atoi: parsing "${f.port}": invalid syntax`);
    container.ports = [{ containerPort: parseInt(f.port, 10), ...(f.hostport > 0 ? { hostPort: f.hostport } : {}) }];
  } else if (f.hostport > 0) throw new KubectlError('--hostport requires --port to be specified');
  if (env.length) container.env = env;
  container.resources = {};
  if (f['image-pull-policy']) container.imagePullPolicy = f['image-pull-policy'];
  if (f.privileged) container.securityContext = { privileged: true };
  const spec: Record<string, unknown> = { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' };
  if (f.serviceaccount) spec.serviceAccountName = f.serviceaccount;
  const namespace = flags.changed.has('namespace') && f.namespace ? ctx.namespace(flags) : undefined;
  return { kind: 'Pod', apiVersion: 'v1', metadata: typedMeta({ name, namespace, labels, annotations }), spec, status: {} };
}

/** generate.ParseLabels: `k=v,k2=v2`. */
function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2) throw new KubectlError(`invalid label spec: ${pair}`);
    out[kv[0]] = kv[1];
  }
  return out;
}
