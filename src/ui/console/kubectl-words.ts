/**
 * What the console completes for kubectl and kubeplay: the verbs the engine's kubectl implements, their
 * subcommands and the flags worth offering. A static table so the page does not ship the engine's kubectl;
 * tests/ui/console-words.test.ts checks it against the engine's command list.
 */

/** kubectl verbs implemented by the engine (src/engine/kubectl/commands). */
export const KUBECTL_VERBS = [
  'annotate',
  'api-resources',
  'api-versions',
  'apply',
  'autoscale',
  'cluster-info',
  'config',
  'cordon',
  'create',
  'delete',
  'describe',
  'drain',
  'expose',
  'events',
  'exec',
  'get',
  'label',
  'logs',
  'patch',
  'replace',
  'rollout',
  'run',
  'scale',
  'set',
  'taint',
  'top',
  'uncordon',
  'version',
  'wait',
] as const;

export const SUBCOMMANDS: Record<string, string[]> = {
  create: ['configmap', 'cronjob', 'deployment', 'ingress', 'job', 'namespace', 'secret', 'service'],
  'create secret': ['docker-registry', 'generic', 'tls'],
  'create service': ['clusterip', 'externalname', 'loadbalancer', 'nodeport'],
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  set: ['image', 'resources'],
  top: ['node', 'pod'],
  config: ['current-context', 'get-clusters', 'get-contexts', 'get-users', 'set-context', 'use-context', 'view'],
};

/** Global flags every verb takes (kubectl options). */
export const GLOBAL_FLAGS = ['--namespace', '-n', '--context', '--request-timeout'];

const OUTPUT = ['--output', '-o'];
const FILES = ['--filename', '-f', '--recursive', '-R', '--kustomize', '-k'];
const SELECT = ['--selector', '-l'];
const DRY_RUN = ['--dry-run'];

export const VERB_FLAGS: Record<string, string[]> = {
  get: [...OUTPUT, ...FILES, ...SELECT, '--all-namespaces', '-A', '--watch', '-w', '--watch-only', '--show-labels', '--show-kind', '--label-columns', '-L', '--sort-by', '--field-selector', '--no-headers', '--ignore-not-found', '--chunk-size', '--subresource'],
  describe: [...FILES, ...SELECT, '--all-namespaces', '-A', '--show-events', '--chunk-size'],
  delete: [...FILES, ...SELECT, ...DRY_RUN, '--all', '--all-namespaces', '-A', '--cascade', '--force', '--grace-period', '--now', '--wait', '--timeout', '--ignore-not-found', '--field-selector', '--output', '-o'],
  apply: [...FILES, ...OUTPUT, ...DRY_RUN, '--server-side', '--force-conflicts', '--field-manager', '--overwrite', '--validate'],
  create: [...FILES, ...OUTPUT, ...DRY_RUN, '--save-config', '--validate', '--edit'],
  replace: [...FILES, ...OUTPUT, ...DRY_RUN, '--save-config', '--force', '--validate'],
  patch: [...FILES, ...OUTPUT, ...DRY_RUN, '--patch', '-p', '--patch-file', '--type', '--subresource', '--local'],
  label: [...FILES, ...OUTPUT, ...SELECT, ...DRY_RUN, '--all', '--overwrite', '--list', '--resource-version'],
  annotate: [...FILES, ...OUTPUT, ...SELECT, ...DRY_RUN, '--all', '--overwrite', '--list', '--resource-version'],
  scale: [...FILES, ...OUTPUT, ...SELECT, ...DRY_RUN, '--replicas', '--current-replicas', '--resource-version', '--all', '--timeout'],
  rollout: [...FILES, ...SELECT, '--watch', '-w', '--timeout', '--revision', '--to-revision', '--output', '-o'],
  run: [...OUTPUT, ...DRY_RUN, '--image', '--port', '--env', '--labels', '-l', '--restart', '--command', '--expose', '--image-pull-policy', '--overrides', '--rm', '--stdin', '-i', '--tty', '-t', '--annotations', '--privileged', '--serviceaccount'],
  set: [...FILES, ...OUTPUT, ...SELECT, ...DRY_RUN, '--all', '--containers', '-c', '--limits', '--requests', '--local'],
  logs: [...SELECT, '--container', '-c', '--all-containers', '--follow', '-f', '--previous', '-p', '--tail', '--since', '--since-time', '--timestamps', '--prefix', '--limit-bytes'],
  events: [...OUTPUT, '--all-namespaces', '-A', '--for', '--types', '--watch', '-w', '--no-headers'],
  wait: [...FILES, ...SELECT, '--for', '--timeout', '--all', '--all-namespaces', '-A', '--field-selector'],
  cordon: [...SELECT, ...DRY_RUN],
  uncordon: [...SELECT, ...DRY_RUN],
  drain: [...SELECT, ...DRY_RUN, '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--grace-period', '--timeout', '--pod-selector', '--disable-eviction'],
  taint: [...SELECT, ...OUTPUT, ...DRY_RUN, '--all', '--overwrite'],
  'api-resources': [...OUTPUT, '--namespaced', '--api-group', '--verbs', '--sort-by', '--no-headers', '--categories'],
  version: [...OUTPUT, '--client'],
  config: [...OUTPUT, '--minify', '--raw', '--flatten', '--current', '--namespace'],
};

/** Values offered after a flag that takes one of a few words. */
export const FLAG_VALUES: Record<string, string[]> = {
  '-o': ['json', 'yaml', 'wide', 'name', 'jsonpath=', 'custom-columns=', 'go-template='],
  '--output': ['json', 'yaml', 'wide', 'name', 'jsonpath=', 'custom-columns=', 'go-template='],
  '--dry-run': ['client', 'server', 'none'],
  '--cascade': ['background', 'foreground', 'orphan'],
  '--restart': ['Always', 'OnFailure', 'Never'],
  '--type': ['strategic', 'merge', 'json'],
  '--types': ['Normal', 'Warning'],
  '--image-pull-policy': ['Always', 'IfNotPresent', 'Never'],
};

/** kubeplay simulator actions (src/engine/sim-actions.ts): noun -> verb -> flags. */
export const KUBEPLAY_ACTIONS: Record<string, Record<string, string[]>> = {
  node: { add: ['--cpu', '--memory', '--pods'], fail: [], recover: [] },
  pod: { crash: ['--namespace', '-n', '--container', '-c'] },
  scenario: { list: [], show: [], apply: [] },
  // These take a Service, a node or a URL next: completed from the mirror, or not at all.
  load: {},
  iptables: {},
  curl: {},
};

/** Words the console itself understands as the first word of a line. */
export const CONSOLE_COMMANDS = ['clear', 'curl', 'echo', 'export', 'help', 'kubectl', 'kubeplay'];
