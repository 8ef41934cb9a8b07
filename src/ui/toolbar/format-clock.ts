/** The virtual clock as the toolbar shows it: wall-clock time of day (UTC) and time since the cluster started. */
export function formatClock(time: number, start: number): { clock: string; elapsed: string } {
  const clock = new Date(time).toISOString().slice(11, 19);
  const s = Math.max(0, Math.floor((time - start) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const elapsed = h ? `${h}h${String(m).padStart(2, '0')}m${String(sec).padStart(2, '0')}s` : m ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
  return { clock, elapsed };
}
