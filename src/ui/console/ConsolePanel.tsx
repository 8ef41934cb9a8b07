/** The kubectl console: type a command, see exactly what the engine's kubectl prints. */
import { useState, type FormEvent } from 'react';
import { engine } from '../engine';

interface Entry {
  command: string;
  output: string;
  failed: boolean;
}

export function ConsolePanel() {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [line, setLine] = useState('kubectl get nodes');

  async function run(e: FormEvent) {
    e.preventDefault();
    const command = line.trim();
    if (!command) return;
    setLine('');
    const r = command.startsWith('kubeplay ') ? await engine().sim(command) : await engine().kubectl(command);
    setEntries((prev) => [...prev, { command, output: r.stdout + r.stderr, failed: r.exitCode !== 0 }]);
  }

  return (
    <section className="console" aria-label="kubectl console">
      {entries.map((entry, i) => (
        <div key={i}>
          <pre className="command">$ {entry.command}</pre>
          <pre className={entry.failed ? 'output failed' : 'output'}>{entry.output}</pre>
        </div>
      ))}
      <form onSubmit={run}>
        <label>
          <span className="prompt">$</span>
          <input value={line} onChange={(e) => setLine(e.target.value)} aria-label="command" spellCheck={false} />
        </label>
      </form>
    </section>
  );
}
