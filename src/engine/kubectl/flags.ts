/** kubectl-style flag parsing (pflag rules): --name=value, --name value, -n value, -nvalue, bool flags, `--`. */

export type FlagType = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: unknown;
}

export class FlagError extends Error {}

export interface ParsedFlags {
  flags: Record<string, any>;
  args: string[];
  /** Words after a bare `--`. */
  rest: string[];
  /** Flags the user set explicitly. */
  changed: Set<string>;
}

/** Flags every kubectl command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'warnings-as-errors', type: 'bool' },
];

export function parseFlags(words: string[], specs: FlagSpec[]): ParsedFlags {
  const all = [...specs, ...GLOBAL_FLAGS];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags: Record<string, any> = {};
  for (const s of all) {
    if (s.default !== undefined) flags[s.name] = s.default;
    else if (s.type === 'bool') flags[s.name] = false;
    else if (s.type === 'strings') flags[s.name] = [];
  }
  const changed = new Set<string>();
  const args: string[] = [];
  let rest: string[] = [];

  const set = (spec: FlagSpec, value: string | undefined, shown: string) => {
    changed.add(spec.name);
    if (spec.type === 'bool') {
      if (value === undefined || value === 'true') flags[spec.name] = true;
      else if (value === 'false') flags[spec.name] = false;
      else throw new FlagError(`invalid argument "${value}" for "${shown}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
    } else if (spec.type === 'int') {
      if (!/^-?\d+$/.test(value!)) {
        throw new FlagError(`invalid argument "${value}" for "${shown}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
      }
      flags[spec.name] = parseInt(value!, 10);
    } else if (spec.type === 'strings') {
      flags[spec.name] = [...(changed.has(spec.name) && flags[spec.name] ? flags[spec.name] : []), value!];
    } else {
      flags[spec.name] = value;
    }
  };

  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      rest = words.slice(i + 1);
      break;
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, w.slice(eq + 1), `--${name}`);
      else if (spec.type === 'bool') set(spec, undefined, `--${name}`);
      else {
        if (i + 1 >= words.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(spec, words[++i], `--${name}`);
      }
    } else if (w.startsWith('-') && w.length > 1 && !/^-\d/.test(w)) {
      // -abc: a run of short flags; the first non-bool takes the rest of the word or the next word.
      for (let j = 1; j < w.length; j++) {
        const ch = w[j];
        const spec = byShort.get(ch);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${ch}' in ${w}`);
        if (spec.type === 'bool') {
          if (w[j + 1] === '=') {
            set(spec, w.slice(j + 2), `-${ch}, --${spec.name}`);
            break;
          }
          set(spec, undefined, `-${ch}, --${spec.name}`);
          continue;
        }
        let value = w.slice(j + 1);
        if (value.startsWith('=')) value = value.slice(1);
        else if (value === '') {
          if (i + 1 >= words.length) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
          value = words[++i];
        }
        set(spec, value, `-${ch}, --${spec.name}`);
        break;
      }
    } else {
      args.push(w);
    }
  }
  return { flags, args, rest, changed };
}
