/**
 * kubectl config: a fixed kubeconfig (cluster `kubeplay`, context `kubeplay`, user `kubeplay-admin`) whose context
 * namespace is the session's kubeconfig state, so `set-context --current --namespace=x` changes later defaults.
 */
import type { Command, CommandContext } from '../context';
import { KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { makePrinter, noPrinterError } from '../printers/output';
import { tabwrite } from '../printers/tabwriter';

export const KUBECONFIG_SERVER = 'https://127.0.0.1:6443';
const CLUSTER = 'kubeplay';
const CONTEXT = 'kubeplay';
const USER = 'kubeplay-admin';
const CA_DATA = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURCVENDQWUyZ0F3SUJBZ0lJS1VCRVVHeEJZVEV3RFFZSktvWklodmNOQVFFTEJRQXdGVEVUTUJFR0ExVUUKQXhNS2EzVmlaWEp1WlhSbGN6QWVGdzB5TmpBeE1ERXdNREF3TURCYUZ3MHpOakF4TURFd01EQXdNREJhTUJVeAotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==';
const CERT_DATA = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURLVENDQWhHZ0F3SUJBZ0lJYTNWaVpYQnNZWGt3RFFZSktvWklodmNOQVFFTEJRQXdGVEVUTUJFR0ExVUUKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=';
const KEY_DATA = 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBeW5WaVpYQnNZWGtnYzJsdGRXeGhkR1ZrSUd0bGVRPT0KLS0tLS1FTkQgUlNBIFBSSVZBVEUgS0VZLS0tLS0K';

/** The kubeconfig as `kubectl config view` shows it (Go struct field order, as its JSON keeps). */
function kubeconfig(ctx: CommandContext, raw: boolean) {
  const ns = ctx.env.kubeconfig.namespace;
  const omit = (v: string) => (raw ? v : 'DATA+OMITTED');
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: [{ name: CLUSTER, cluster: { server: KUBECONFIG_SERVER, 'certificate-authority-data': omit(CA_DATA) } }],
    users: [{ name: USER, user: { 'client-certificate-data': omit(CERT_DATA), 'client-key-data': omit(KEY_DATA) } }],
    contexts: [{ name: CONTEXT, context: { cluster: CLUSTER, user: USER, ...(ns && ns !== 'default' ? { namespace: ns } : {}) } }],
    'current-context': CONTEXT,
  };
}

const SUBCOMMANDS = `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.

Available Commands:
  current-context   Display the current-context
  delete-cluster    Delete the specified cluster from the kubeconfig
  delete-context    Delete the specified context from the kubeconfig
  delete-user       Delete the specified user from the kubeconfig
  get-clusters      Display clusters defined in the kubeconfig
  get-contexts      Describe one or many contexts
  get-users         Display users defined in the kubeconfig
  rename-context    Rename a context from the kubeconfig file
  set               Set an individual value in a kubeconfig file
  set-cluster       Set a cluster entry in kubeconfig
  set-context       Set a context entry in kubeconfig
  set-credentials   Set a user entry in kubeconfig
  unset             Unset an individual value in a kubeconfig file
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

Use "kubectl config <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).`;

function view(ctx: CommandContext, p: ParsedFlags): void {
  const f = p.flags;
  const output = String(f.output || 'yaml');
  const cfg = kubeconfig(ctx, !!f.raw);
  if (output === 'json') {
    ctx.out.write(JSON.stringify(cfg, null, 4) + '\n');
    return;
  }
  const allowed = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
  if (output === 'name') throw noPrinterError(output, allowed);
  makePrinter({ output, template: String(f.template || ''), fs: ctx.env.fs }, allowed).print(cfg, ctx.out);
}

function getContexts(ctx: CommandContext, p: ParsedFlags): number {
  const f = p.flags;
  const output = String(f.output);
  if (output && output !== 'name') throw new KubectlError(`output must be one of '' or 'name': ${output}`);
  const wanted = p.args.length ? p.args : [CONTEXT];
  const missing = wanted.filter((n) => n !== CONTEXT);
  const ns = ctx.env.kubeconfig.namespace;
  if (output === 'name') {
    if (wanted.includes(CONTEXT)) ctx.out.write(`${CONTEXT}\n`);
  } else {
    let text = f['no-headers'] ? '' : 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
    if (wanted.includes(CONTEXT)) text += `*\t${CONTEXT}\t${CLUSTER}\t${USER}\t${ns && ns !== 'default' ? ns : ''}\n`;
    ctx.out.write(tabwrite(text));
  }
  if (missing.length) {
    ctx.out.warn(missing.map((n) => `error: context ${n} not found`).join('\n'));
    return 1;
  }
  return 0;
}

function setContext(ctx: CommandContext, p: ParsedFlags): void {
  const f = p.flags;
  const name = f.current ? CONTEXT : p.args[0];
  if (!name) throw new KubectlError(`you must specify a non-empty context name or --current\nSee 'kubectl config set-context -h' for help and examples`);
  if (name !== CONTEXT) {
    throw new KubectlError(`kubeplay has a single context "${CONTEXT}"; use: kubectl config set-context --current --namespace=NAME`);
  }
  if (p.changed.has('cluster') && f.cluster !== CLUSTER) throw new KubectlError(`kubeplay has a single cluster "${CLUSTER}"`);
  if (p.changed.has('user') && f.user !== USER) throw new KubectlError(`kubeplay has a single user "${USER}"`);
  if (p.changed.has('namespace')) ctx.env.kubeconfig.namespace = String(f.namespace || 'default');
  ctx.out.print(`Context "${name}" modified.`);
}

export const configCommand: Command = {
  name: 'config',
  run(ctx) {
    const p = ctx.parse([
      { name: 'output', short: 'o', type: 'string', default: '' },
      { name: 'template', type: 'string', default: '' },
      { name: 'raw', type: 'bool' },
      { name: 'minify', type: 'bool' },
      { name: 'flatten', type: 'bool' },
      { name: 'merge', type: 'bool', default: true },
      { name: 'no-headers', type: 'bool' },
      { name: 'current', type: 'bool' },
    ]);
    const [sub, ...rest] = p.args;
    const args = { ...p, args: rest };
    switch (sub) {
      case undefined:
        ctx.out.warn(SUBCOMMANDS);
        return 1;
      case 'view':
        view(ctx, args);
        return 0;
      case 'current-context':
        ctx.out.print(CONTEXT);
        return 0;
      case 'get-contexts':
        return getContexts(ctx, args);
      case 'get-clusters':
        ctx.out.print(`NAME\n${CLUSTER}`);
        return 0;
      case 'get-users':
        ctx.out.print(`NAME\n${USER}`);
        return 0;
      case 'use-context':
        if (!rest[0]) throw new KubectlError(`Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples`);
        if (rest[0] !== CONTEXT) throw new KubectlError(`no context exists with the name: "${rest[0]}"`);
        ctx.out.print(`Switched to context "${CONTEXT}".`);
        return 0;
      case 'set-context':
        setContext(ctx, args);
        return 0;
      default:
        throw new KubectlError(
          `kubectl config ${sub} is not available in kubeplay: the kubeconfig here is fixed (cluster "${CLUSTER}", context "${CONTEXT}", user "${USER}"); ` +
            'kubectl config set-context --current --namespace=NAME changes the default namespace',
        );
    }
  },
};
