/**
 * Tab completion for the console, like kubectl's shell completion: verbs, subcommands, flags, resource types
 * (an exact short name or singular becomes the plural: `po` -> `pods`), object names in the namespace the line
 * names with -n, and `kubeplay` actions. Pure: the panel passes what it knows of the cluster.
 */
import { findResourceType, type ResourceType } from './resource-types';
import { CONSOLE_COMMANDS, FLAG_VALUES, GLOBAL_FLAGS, KUBEPLAY_ACTIONS, KUBECTL_VERBS, SUBCOMMANDS, VERB_FLAGS } from './kubectl-words';

export interface CompletionData {
  resources: ResourceType[];
  /** Names of objects of a kind in a namespace; `undefined` namespace means every namespace. */
  names(kind: string, namespace: string | undefined): string[];
  /** The kubeconfig context's namespace, used when the line has no -n (default: `default`). */
  namespace?: string;
}

export interface Completion {
  /** The text before the cursor after completing. */
  text: string;
  /** Every candidate when there is more than one (shown as a list); empty otherwise. */
  candidates: string[];
}

/** Flags that take their value in the next word when not written `--flag=value`. */
const VALUED = new Set([
  '-n', '--namespace', '-o', '--output', '-f', '--filename', '-l', '--selector', '-c', '--container', '--containers',
  '--context', '--sort-by', '--field-selector', '--timeout', '--for', '--replicas', '--image', '--port', '--env',
  '--labels', '-L', '--label-columns', '--tail', '--since', '--since-time', '--grace-period', '--restart', '--type',
  '--types', '-p', '--patch', '--patch-file', '--to-revision', '--revision', '--current-replicas', '--limits',
  '--requests', '--image-pull-policy', '--overrides', '--pod-selector', '--cpu', '--memory', '--pods', '-k',
  '--kustomize', '--chunk-size', '--request-timeout', '--api-group', '--verbs', '--field-manager', '--annotations',
  '--serviceaccount', '--subresource', '--resource-version', '--limit-bytes', '--categories',
]);

/** `kubectl logs -f` follows and `-p` is --previous there: short flags that are booleans for one verb. */
const BOOL_FOR_VERB: Record<string, string[]> = { logs: ['-f', '-p'] };

function isValued(flag: string, verb: string | undefined): boolean {
  return VALUED.has(flag) && !(verb && BOOL_FOR_VERB[verb]?.includes(flag));
}

/** Verbs whose first argument is a resource type (or TYPE/NAME) followed by names. */
const TYPED_VERBS = new Set(['get', 'describe', 'delete', 'label', 'annotate', 'patch', 'wait', 'scale', 'edit', 'explain', 'expose', 'autoscale']);
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain']);
const ROLLOUT_TYPES = ['daemonsets', 'deployments', 'statefulsets'];

interface Parsed {
  /** Words before the one being completed, flag values included. */
  words: string[];
  /** Positional words (not flags, not flag values). */
  args: string[];
  namespace: string | undefined;
  allNamespaces: boolean;
}

function parseWords(words: string[]): Parsed {
  const args: string[] = [];
  let namespace: string | undefined;
  let allNamespaces = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '-A' || w === '--all-namespaces') allNamespaces = true;
    const eq = /^(--?[A-Za-z-]+)=(.*)$/.exec(w);
    if (eq) {
      if (eq[1] === '-n' || eq[1] === '--namespace') namespace = eq[2];
      continue;
    }
    if (w.startsWith('-') && w !== '-') {
      if (isValued(w, args[0])) {
        if ((w === '-n' || w === '--namespace') && i + 1 < words.length) namespace = words[i + 1];
        i++;
      }
      continue;
    }
    args.push(w);
  }
  return { words, args, namespace, allNamespaces };
}

/** Complete the word that ends at the end of `before` (the text left of the cursor). */
export function complete(before: string, data: CompletionData): Completion {
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.slice(lineStart);
  const wordStart = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t')) + 1;
  const current = line.slice(wordStart);
  const words = line.slice(0, wordStart).split(/\s+/).filter(Boolean);
  const { prefix, candidates, alias } = candidatesFor(words, current, data);
  const head = before.slice(0, lineStart + wordStart);
  if (alias) return { text: head + prefix + alias + (alias.endsWith('/') ? '' : ' '), candidates: [] };
  const matches = [...new Set(candidates.filter((c) => c.startsWith(current.slice(prefix.length))))].sort();
  if (matches.length === 0) return { text: before, candidates: [] };
  if (matches.length === 1) {
    const only = matches[0];
    const open = only.endsWith('=') || only.endsWith('/');
    return { text: head + prefix + only + (open ? '' : ' '), candidates: [] };
  }
  const common = commonPrefix(matches);
  const typed = current.slice(prefix.length);
  return { text: head + prefix + (common.length > typed.length ? common : typed), candidates: matches };
}

interface Candidates {
  /** Part of the current word kept as typed (`--namespace=`, `pod/`). */
  prefix: string;
  candidates: string[];
  /** A resource short name or singular typed in full: completes to this plural at once. */
  alias?: string;
}

function candidatesFor(words: string[], current: string, data: CompletionData): Candidates {
  if (!words.length) return { prefix: '', candidates: CONSOLE_COMMANDS };
  if (words[0] === 'kubectl') return kubectlCandidates(parseWords(words.slice(1)), current, data);
  if (words[0] === 'kubeplay') return kubeplayCandidates(parseWords(words.slice(1)), current, data);
  return { prefix: '', candidates: [] };
}

function kubectlCandidates(p: Parsed, current: string, data: CompletionData): Candidates {
  const verb = p.args[0];
  const prev = p.words[p.words.length - 1];
  if (prev && isValued(prev, verb)) return { prefix: '', candidates: valuesOf(prev, data) };
  if (current.startsWith('-')) {
    const eq = /^(--?[A-Za-z-]+)=/.exec(current);
    if (eq) return { prefix: eq[0], candidates: valuesOf(eq[1], data) };
    return { prefix: '', candidates: [...(verb ? (VERB_FLAGS[verb] ?? []) : []), ...GLOBAL_FLAGS] };
  }
  if (!verb) return { prefix: '', candidates: [...KUBECTL_VERBS] };
  const pos = p.args.length; // index of the word being completed among positionals
  const sub = SUBCOMMANDS[verb];
  if (sub) {
    if (pos === 1) return { prefix: '', candidates: sub };
    const nested = SUBCOMMANDS[`${verb} ${p.args[1]}`];
    if (nested && pos === 2) return { prefix: '', candidates: nested };
    if (verb === 'rollout' || verb === 'set') {
      return typeOrName(current, p, data, verb === 'rollout' ? ROLLOUT_TYPES : ['daemonsets', 'deployments', 'pods', 'replicasets', 'statefulsets', 'jobs', 'cronjobs'], true);
    }
    return { prefix: '', candidates: [] };
  }
  if (NODE_VERBS.has(verb)) return { prefix: '', candidates: data.names('Node', '') };
  if (verb === 'taint') return pos === 1 ? typeWord(current, data, ['nodes']) : { prefix: '', candidates: data.names('Node', '') };
  if (verb === 'logs' || verb === 'exec') {
    if (current.includes('/')) return typeOrName(current, p, data);
    return { prefix: '', candidates: data.names('Pod', p.allNamespaces ? undefined : (p.namespace ?? data.namespace ?? 'default')) };
  }
  if (TYPED_VERBS.has(verb)) {
    if (pos === 1) return typeOrName(current, p, data);
    const type = p.args[1];
    if (type.includes('/') || type.includes(',')) return current.includes('/') ? typeOrName(current, p, data) : { prefix: '', candidates: [] };
    const t = findResourceType(data.resources, type);
    // Like kubectl, names already on the line are not offered again.
    const given = new Set(p.args.slice(2));
    return { prefix: '', candidates: t ? namesOf(t, p, data).filter((n) => !given.has(n)) : [] };
  }
  return { prefix: '', candidates: [] };
}

/** A resource type, or with a `/` typed, TYPE/NAME. With `slash`, types are offered as `type/` (rollout, set). */
function typeOrName(current: string, p: Parsed, data: CompletionData, types?: string[], slash = false): Candidates {
  const at = current.indexOf('/');
  if (at >= 0) {
    const t = findResourceType(data.resources, current.slice(0, at));
    return { prefix: current.slice(0, at + 1), candidates: t ? namesOf(t, p, data) : [] };
  }
  const typed = typeWord(current, data, types);
  if (slash) return { ...typed, candidates: typed.candidates.map((c) => c + '/'), alias: typed.alias && typed.alias + '/' };
  return typed;
}

/** Resource type names; a short name, singular or kind typed in full completes to the plural. */
function typeWord(current: string, data: CompletionData, only?: string[]): Candidates {
  const names = only ?? [...new Set(data.resources.map((r) => r.name)), 'all'];
  const lower = current.toLowerCase();
  if (lower && !names.includes(lower)) {
    const t = findResourceType(data.resources, lower);
    if (t && names.includes(t.name) && (t.shortNames.includes(lower) || t.singular === lower)) return { prefix: '', candidates: [], alias: t.name };
  }
  return { prefix: '', candidates: names };
}

function namesOf(t: ResourceType, p: Parsed, data: CompletionData): string[] {
  if (!t.namespaced) return data.names(t.kind, '');
  return data.names(t.kind, p.allNamespaces ? undefined : (p.namespace ?? data.namespace ?? 'default'));
}

function valuesOf(flag: string, data: CompletionData): string[] {
  if (flag === '-n' || flag === '--namespace') return data.names('Namespace', '');
  if (flag === '--for') return ['condition=', 'delete', 'jsonpath='];
  return FLAG_VALUES[flag] ?? [];
}

function kubeplayCandidates(p: Parsed, current: string, data: CompletionData): Candidates {
  const [noun, verb] = p.args;
  const prev = p.words[p.words.length - 1];
  if (prev === '-n' || prev === '--namespace') return { prefix: '', candidates: data.names('Namespace', '') };
  if (!noun) return { prefix: '', candidates: Object.keys(KUBEPLAY_ACTIONS) };
  const verbs = KUBEPLAY_ACTIONS[noun];
  if (!verbs) return { prefix: '', candidates: [] };
  if (noun === 'iptables' && !verb) return { prefix: '', candidates: data.names('Node', '') };
  if (noun === 'load' && !verb) return { prefix: '', candidates: data.names('Service', p.namespace ?? 'default') };
  if (!verb) return { prefix: '', candidates: Object.keys(verbs) };
  if (current.startsWith('-')) return { prefix: '', candidates: verbs[verb] ?? [] };
  if (p.args.length > 2) return { prefix: '', candidates: [] };
  if (noun === 'node' && verb !== 'add') return { prefix: '', candidates: data.names('Node', '') };
  if (noun === 'pod') return { prefix: '', candidates: data.names('Pod', p.namespace ?? 'default') };
  return { prefix: '', candidates: [] };
}

function commonPrefix(words: string[]): string {
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
