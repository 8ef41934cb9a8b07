/** Command history with shell-like Up/Down browsing; kept in localStorage so it survives a reload. */

const KEY = 'kubeplay.console.history';
const LIMIT = 200;

export class History {
  private entries: string[];
  /** Position while browsing: entries.length means "the line being typed". */
  private index: number;
  private draft = '';

  constructor(private readonly storage: Storage | undefined = typeof localStorage !== 'undefined' ? localStorage : undefined) {
    this.entries = load(storage);
    this.index = this.entries.length;
  }

  all(): readonly string[] {
    return this.entries;
  }

  /** Remember a command run (an immediate repeat is stored once, like bash's ignoredups) and stop browsing. */
  push(command: string): void {
    if (command.trim() && this.entries[this.entries.length - 1] !== command) {
      this.entries.push(command);
      if (this.entries.length > LIMIT) this.entries.splice(0, this.entries.length - LIMIT);
      try {
        this.storage?.setItem(KEY, JSON.stringify(this.entries));
      } catch {
        // storage full or disabled: history still works for this page
      }
    }
    this.index = this.entries.length;
    this.draft = '';
  }

  /** The previous command; `current` (what is typed) is kept to come back to. Undefined at the oldest. */
  up(current: string): string | undefined {
    if (this.index === 0) return undefined;
    if (this.index === this.entries.length) this.draft = current;
    return this.entries[--this.index];
  }

  /** The next command, or the line that was being typed; undefined when not browsing. */
  down(): string | undefined {
    if (this.index >= this.entries.length) return undefined;
    this.index++;
    return this.index === this.entries.length ? this.draft : this.entries[this.index];
  }
}

function load(storage: Storage | undefined): string[] {
  try {
    const parsed = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((e): e is string => typeof e === 'string').slice(-LIMIT) : [];
  } catch {
    return [];
  }
}
