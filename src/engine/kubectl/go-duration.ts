/** Go's time.ParseDuration for flag values such as --timeout=30s, 1m30s, 500ms, 0. Returns milliseconds. */
import { KubectlError } from './errors';

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseGoDuration(value: string, flag: string): number {
  const bad = () => new KubectlError(`invalid argument "${value}" for "--${flag}" flag: time: invalid duration "${value}"`);
  if (value === '0') return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(value);
  if (!m) throw bad();
  let total = 0;
  for (const part of value.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += parseFloat(part[1]) * UNITS[part[2]];
  }
  return m[1] === '-' ? -total : total;
}
