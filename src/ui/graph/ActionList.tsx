/** Buttons for what can be done to an object (shared by the context menu and the toolbar); Scale asks for a count inline. */
import { useState, type FormEvent } from 'react';
import { useCluster } from '../state/cluster-store';
import { actionsFor, type GraphAction } from './actions';
import type { ObjectRef } from './graph-types';
import { runLine } from './toasts';

export function ActionList({ target, onDone, role }: { target: ObjectRef; onDone?: () => void; role?: 'menuitem' }) {
  const obj = useCluster((s) => s.byKind[target.kind]?.[`${target.namespace}/${target.name}`]);
  const [asking, setAsking] = useState<GraphAction | undefined>();
  const [replicas, setReplicas] = useState('');
  const actions = actionsFor(target, obj);

  const run = (a: GraphAction, n?: number) => {
    const line = typeof a.line === 'function' ? a.line(n ?? 0) : a.line;
    void runLine(a.runner, line);
    setAsking(undefined);
    onDone?.();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(replicas);
    if (asking && Number.isInteger(n) && n >= 0) run(asking, n);
  };

  if (asking) {
    return (
      <form className="scale-form" onSubmit={submit}>
        <label>
          replicas
          <input type="number" min={0} max={1000} value={replicas} onChange={(e) => setReplicas(e.target.value)} autoFocus aria-label="replicas" />
        </label>
        <button type="submit">Scale</button>
        <button type="button" onClick={() => setAsking(undefined)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <>
      {actions.map((a) => (
        <button
          key={a.id}
          type="button"
          role={role}
          data-action={a.id}
          title={typeof a.line === 'function' ? a.line(a.replicas ?? 0).replace(/--replicas=\d+/, '--replicas=N') : a.line}
          onClick={() => {
            if (a.replicas === undefined) run(a);
            else {
              setReplicas(String(a.replicas));
              setAsking(a);
            }
          }}
        >
          {a.label}
        </button>
      ))}
    </>
  );
}
