/**
 * Cron schedules as robfig/cron/v3 evaluates them for the CronJob controller: ParseStandard (five fields,
 * descriptors, @every, TZ=/CRON_TZ= prefixes) and SpecSchedule.Next, walked on the wall clock of the zone.
 */
import { fromWall, toWall } from './time-zone';

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const BOUNDS = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface Schedule {
  /** The first activation strictly after the instant (epoch ms), or undefined when there is none. */
  next(epochMs: number): number | undefined;
}

/** A field as a set of allowed values plus whether it was `*`/`?` (which changes how dom and dow combine). */
interface Field {
  values: Set<number>;
  star: boolean;
}

function parseField(text: string, b: { min: number; max: number; names?: Record<string, number> }): Field {
  const values = new Set<number>();
  let star = false;
  const num = (s: string) => b.names?.[s.toLowerCase()] ?? Number.parseInt(s, 10);
  for (const expr of text.split(',')) {
    const [range, stepText] = expr.split('/');
    const step = stepText === undefined ? 1 : Number.parseInt(stepText, 10);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = b.min;
      hi = b.max;
      if (step === 1) star = true;
    } else {
      const [a, z] = range.split('-');
      lo = num(a);
      hi = z === undefined ? (stepText === undefined ? lo : b.max) : num(z);
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, star };
}

function parseDuration(text: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(m[1]) * units[m[2]];
  return total;
}

/** Parse a schedule as the controller does: `TZ=<zone> ` from spec.timeZone, else the schedule's own prefix, else UTC. */
export function parseSchedule(spec: string, timeZone?: string): Schedule {
  let zone = timeZone || 'UTC';
  let text = spec.trim();
  const tz = /^(?:CRON_)?TZ=(\S+)\s*/.exec(text);
  if (tz) {
    zone = tz[1];
    text = text.slice(tz[0].length);
  }
  if (text.startsWith('@every ')) {
    const delay = Math.max(1000, Math.floor(parseDuration(text.slice(7)) / 1000) * 1000);
    return { next: (t) => Math.floor(t / 1000) * 1000 + delay };
  }
  const fields = (DESCRIPTORS[text] ?? text).split(/\s+/).map((f, i) => parseField(f, BOUNDS[i]));
  return { next: (t) => nextOf(fields, zone, t) };
}

function dayMatches(f: Field[], d: Date): boolean {
  const dom = f[2].values.has(d.getUTCDate());
  const dow = f[4].values.has(d.getUTCDay());
  return f[2].star || f[4].star ? dom && dow : dom || dow;
}

/** SpecSchedule.Next on wall-clock fields: months, then days, hours and minutes, wrapping when a field rolls over. */
function nextOf(f: Field[], zone: string, epochMs: number): number | undefined {
  const [minutes, hours, , months] = f;
  // Start at the next whole minute (the standard parser pins seconds to 0).
  let d = new Date(Math.floor(toWall(zone, epochMs) / 60_000) * 60_000 + 60_000);
  const limit = d.getUTCFullYear() + 5;
  const at = (y: number, mo: number, day = 1, h = 0, mi = 0) => new Date(Date.UTC(y, mo, day, h, mi));
  let added = false;
  wrap: for (;;) {
    if (d.getUTCFullYear() > limit) return undefined;
    while (!months.values.has(d.getUTCMonth() + 1)) {
      if (!added) {
        added = true;
        d = at(d.getUTCFullYear(), d.getUTCMonth());
      }
      d = at(d.getUTCFullYear(), d.getUTCMonth() + 1);
      if (d.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(f, d)) {
      if (!added) {
        added = true;
        d = at(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      }
      d = at(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      if (d.getUTCDate() === 1) continue wrap;
    }
    while (!hours.values.has(d.getUTCHours())) {
      if (!added) {
        added = true;
        d = at(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
      }
      d = new Date(d.getTime() + 3_600_000);
      if (d.getUTCHours() === 0) continue wrap;
    }
    while (!minutes.values.has(d.getUTCMinutes())) {
      added = true;
      d = new Date(d.getTime() + 60_000);
      if (d.getUTCMinutes() === 0) continue wrap;
    }
    return fromWall(zone, d.getTime());
  }
}
