/** The inputs that changed the cluster, kept so a lost worker can rebuild it by replaying them. */
import type { JournalEntry } from '../../protocol/messages';

/** kubectl verbs that only read: replaying them would change nothing. */
const READ_ONLY = new Set(['get', 'describe', 'logs', 'events', 'api-resources', 'api-versions', 'version', 'cluster-info', 'explain', 'config', 'help', 'completion', 'top']);

export function changesCluster(line: string): boolean {
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'kubectl') return true;
  const verb = words.slice(1).find((w) => !w.startsWith('-'));
  if (!verb) return false;
  if (verb === 'get' && words.some((w) => w === '-w' || w === '--watch')) return false;
  return !READ_ONLY.has(verb);
}

export class Journal {
  private readonly entries: JournalEntry[] = [];

  record(entry: JournalEntry): void {
    if (entry.kind === 'sim' || changesCluster(entry.line)) this.entries.push(entry);
  }

  all(): JournalEntry[] {
    return [...this.entries];
  }
}
