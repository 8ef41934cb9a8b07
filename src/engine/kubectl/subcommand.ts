/** The subcommand word of `kubectl rollout|set ...`: the first word that is neither a flag nor a global flag's value. */
import { GLOBAL_FLAGS } from './flags';

const VALUED = new Set(
  GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]),
);

/** The subcommand and the words without it; `sub` is undefined when there is none. */
export function splitSubcommand(words: string[]): { sub?: string; rest: string[] } {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    if (!w.startsWith('-')) return { sub: w, rest: [...words.slice(0, i), ...words.slice(i + 1)] };
    if (VALUED.has(w)) i++;
  }
  return { rest: words };
}
