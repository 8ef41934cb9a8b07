/** In-engine kubectl: a command line becomes API requests and printed output, as the real client does. */
import type { CommandResult } from '../types';
import { Client } from './client';
import { makeParse, Output, UsageError, type Command, type CommandContext, type KubectlEnv } from './context';
import { ApiError, formatApiError, KubectlError } from './errors';
import { GLOBAL_FLAGS } from './flags';
import { RestMapper } from './rest-mapper';
import { shellWords, ShellSyntaxError } from './shell-words';
import { COMMANDS } from './commands';

export type { KubectlEnv } from './context';

const byName = new Map<string, Command>();
for (const c of COMMANDS) {
  byName.set(c.name, c);
  for (const a of c.aliases ?? []) byName.set(a, c);
}

/** Index of the command word, skipping global flags (and their values) that may come before it. */
function commandIndex(words: string[]): number {
  const valued = new Set(
    GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]),
  );
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.startsWith('-')) return i;
    if (valued.has(w)) i++;
  }
  return -1;
}

export function runKubectl(line: string, env: KubectlEnv): CommandResult {
  const out = new Output();
  let exitCode: number;
  try {
    let words = shellWords(line);
    if (words[0] === 'kubectl') words = words.slice(1);
    const idx = commandIndex(words);
    if (idx < 0) {
      out.print(HELP);
      return { stdout: out.out, stderr: '', exitCode: 0 };
    }
    const name = words[idx];
    const command = byName.get(name);
    if (!command) throw new KubectlError(`unknown command "${name}" for "kubectl"`);
    const rest = [...words.slice(0, idx), ...words.slice(idx + 1)];
    const client = new Client(printingWarnings(env.request, out));
    let mapper: RestMapper | undefined;
    const ctx: CommandContext = {
      env,
      client,
      mapper: () => (mapper ??= RestMapper.load(client)),
      out,
      name,
      words: rest,
      parse: makeParse(command.name, rest),
      namespace: (flags) => (flags.flags.namespace as string | undefined) || env.kubeconfig.namespace || 'default',
    };
    exitCode = command.run(ctx) ?? 0;
  } catch (e) {
    exitCode = 1;
    if (e instanceof ApiError) out.warn(formatApiError(e));
    else if (e instanceof UsageError) out.warn(`error: ${e.message}\nSee 'kubectl ${e.command} --help' for usage.`);
    else if (e instanceof KubectlError) {
      out.warn(e.message.startsWith('error: ') || e.message === '' ? e.message : `error: ${e.message}`);
      exitCode = e.exitCode;
    } else if (e instanceof ShellSyntaxError) out.warn(`error: ${e.message}`);
    else out.warn(`error: internal error in kubeplay's kubectl: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { stdout: out.out, stderr: out.err, exitCode };
}

/** client-go's warning handler as kubectl sets it up: each distinct `Warning:` header once, on stderr. */
function printingWarnings(request: KubectlEnv['request'], out: Output): KubectlEnv['request'] {
  const seen = new Set<string>();
  return (req) => {
    const res = request(req);
    for (const w of res.warnings ?? []) {
      if (seen.has(w)) continue;
      seen.add(w);
      out.warn(`Warning: ${w}`);
    }
    return res;
  };
}

const HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).`;
