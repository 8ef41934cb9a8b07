/** Play, pause, step (one reconcile event, or until quiet), speed, and the virtual clock. */
import { useState } from 'react';
import { EPOCH_MS } from '../../engine/clock';
import { SPEEDS } from '../../protocol/messages';
import { engine } from '../engine';
import { useCluster } from '../state/cluster-store';
import { formatClock } from './format-clock';


export function TimeControls() {
  const playing = useCluster((s) => s.clock.playing);
  const speed = useCluster((s) => s.clock.speed);
  const time = useCluster((s) => s.clock.time);
  const [busy, setBusy] = useState(false);
  const { clock, elapsed } = formatClock(EPOCH_MS + time, EPOCH_MS);

  const step = async (mode: 'event' | 'quiet') => {
    setBusy(true);
    try {
      await engine().step(mode);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="time-controls" role="group" aria-label="Time controls">
      {playing ? (
        <button type="button" onClick={() => engine().pause()} aria-label="Pause" title="Pause the cluster clock">
          ❚❚ Pause
        </button>
      ) : (
        <button type="button" onClick={() => engine().play()} aria-label="Play" title="Run the cluster clock">
          ▶ Play
        </button>
      )}
      <button type="button" onClick={() => step('event')} disabled={playing || busy} title="Run the next scheduled reconcile (pause first)">
        Step
      </button>
      <button type="button" onClick={() => step('quiet')} disabled={playing || busy} title="Run until nothing but heartbeats happens for 30 s">
        Until quiet
      </button>
      <label className="speed">
        Speed
        <select value={speed} onChange={(e) => engine().setSpeed(Number(e.target.value))} aria-label="Speed">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}x
            </option>
          ))}
        </select>
      </label>
      <output className="clock" aria-label="Cluster clock" title="Virtual cluster time (UTC) and time since the cluster started">
        <span className="clock-time">{clock}</span> <span className="clock-elapsed">+{elapsed}</span>
      </output>
    </div>
  );
}
