/** Interim page: a kubectl console on the simulated cluster. The graph, editor and time controls come next. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { EngineClient } from './engine-client';

interface Entry {
  command: string;
  output: string;
  failed: boolean;
}

export function App() {
  const client = useRef<EngineClient | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [line, setLine] = useState('kubectl get nodes');
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    client.current ??= new EngineClient(setFatal);
  }, []);

  async function run(e: FormEvent) {
    e.preventDefault();
    const command = line.trim();
    if (!command || !client.current) return;
    setLine('');
    const r = await client.current.kubectl(command);
    setEntries((prev) => [...prev, { command, output: r.stdout + r.stderr, failed: r.exitCode !== 0 }]);
  }

  return (
    <main className="page">
      <h1>Kubeplay</h1>
      <p>A Kubernetes cluster simulated in this tab: a control plane and three workers. Type kubectl commands below.</p>
      {fatal && <p role="alert">The engine stopped: {fatal}</p>}
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
            <input value={line} onChange={(e) => setLine(e.target.value)} aria-label="command" autoFocus spellCheck={false} />
          </label>
        </form>
      </section>
    </main>
  );
}
