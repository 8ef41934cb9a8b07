/**
 * Frame durations from a Chromium trace: each AnimationFrame (Chrome's unit behind the Long Animation Frames API)
 * lasts from the start of the first task that needed a new frame until that frame was rendered. Unlike the interval
 * between animation frames, which a 60 Hz display holds at ~16.7 ms whatever the page does, this is how long the page
 * took to produce each frame it drew.
 */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  id?: string;
  id2?: { local?: string };
}

/** Milliseconds of each animation frame in the trace, in the order they ended. */
export function frameDurations(traceJson: string): number[] {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = (Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []))
    .filter((e) => e.name === 'AnimationFrame' && (e.ph === 'b' || e.ph === 'e'))
    .sort((a, b) => a.ts - b.ts);
  const begun = new Map<string, number>();
  const out: number[] = [];
  for (const e of events) {
    const id = e.id2?.local ?? e.id ?? '';
    if (e.ph === 'b') begun.set(id, e.ts);
    else if (begun.has(id)) {
      out.push((e.ts - begun.get(id)!) / 1000);
      begun.delete(id);
    }
  }
  return out;
}
