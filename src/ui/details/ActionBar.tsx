/** Buttons for what a learner can do to the selected object; each runs a kubectl or kubeplay line and shows its output. */
import { useState } from 'react';
import type { KObject } from '../../engine/types';
import { engine } from '../engine';
import type { SelectedObject } from '../state/ui-store';
import { SCALABLE, actionsFor, isSimLine, scaleLine } from './object-commands';

interface Ran {
  line: string;
  output: string;
  failed: boolean;
}

function ScaleControl({ sel, current, disabled, run }: { sel: SelectedObject; current: number; disabled: boolean; run: (line: string) => void }) {
  const [value, setValue] = useState<string>('');
  const replicas = value === '' ? current : Number(value);
  const valid = Number.isInteger(replicas) && replicas >= 0;
  const scale = () => {
    if (!valid) return;
    run(scaleLine(sel, replicas));
    setValue('');
  };
  return (
    <span className="scale">
      <label>
        Replicas{' '}
        <input
          type="number"
          min={0}
          value={value === '' ? String(current) : value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') scale();
          }}
          aria-label="Replicas"
        />
      </label>
      <button type="button" onClick={scale} disabled={disabled || !valid}>
        Scale
      </button>
    </span>
  );
}

export function ActionBar({ sel, obj, deleted }: { sel: SelectedObject; obj: KObject | undefined; deleted: boolean }) {
  const [busy, setBusy] = useState(false);
  const [ran, setRan] = useState<Ran | undefined>(undefined);
  const actions = actionsFor(sel, obj);
  const scalable = sel.kind in SCALABLE;
  if (!actions.length && !scalable) return null;

  const run = (line: string) => {
    setBusy(true);
    const result = isSimLine(line) ? engine().sim(line) : engine().kubectl(line);
    void result.then((r) => {
      setBusy(false);
      setRan({ line, output: `${r.stdout}${r.stderr}`.trimEnd(), failed: r.exitCode !== 0 });
    });
  };
  const disabled = busy || deleted;

  return (
    <div className="actions" role="group" aria-label="Actions">
      <div className="buttons">
        {scalable && <ScaleControl sel={sel} current={Number(obj?.spec?.replicas ?? 1)} disabled={disabled} run={run} />}
        {actions.map((a) => (
          <button type="button" key={a.label} className={a.danger ? 'danger' : undefined} onClick={() => run(a.line)} disabled={disabled} title={a.line}>
            {a.label}
          </button>
        ))}
      </div>
      {ran && (
        <pre className={`action-output${ran.failed ? ' failed' : ''}`} role="status">
          <span className="command">$ {ran.line}</span>
          {ran.output ? `\n${ran.output}` : ''}
        </pre>
      )}
    </div>
  );
}
