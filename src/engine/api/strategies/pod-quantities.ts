/**
 * Memos of the quantity work done on every pod's resource lists: the same few request and limit values recur across
 * thousands of pods and pod templates. Both are pure functions of the text.
 */
import { formatQuantity, parseQuantityExact, type Quantity } from '../quantity';
import { decodeQuantities } from '../validation/common';

const MAX_ENTRIES = 4096;

const parsed = new Map<string, Quantity | string>();

/** parseQuantityExact, remembered by text; a parsed quantity is shared (frozen). */
export function parseQuantityCached(input: string | number): Quantity | string {
  // A number parses as its String(), which has nothing for parseQuantityExact's trim to remove.
  const text = typeof input === 'number' ? String(input) : input;
  let q = parsed.get(text);
  if (q === undefined) {
    q = parseQuantityExact(text);
    if (typeof q !== 'string') Object.freeze(q);
    if (parsed.size >= MAX_ENTRIES) parsed.clear();
    parsed.set(text, q);
  }
  return q;
}

/** What defaulting leaves for a valid quantity text: canonical, rounded up to milli units. */
const defaulted = new Map<string, string>();

/** Quantities decoded (a malformed one is a 400), then rounded up to milli units as SetDefaults_ResourceList does. */
export function defaultQuantities(list: Record<string, unknown>, kind: string): void {
  let known = true;
  for (const k in list) {
    const v = list[k];
    if ((typeof v === 'string' || typeof v === 'number') && !defaulted.has(String(v))) {
      known = false;
      break;
    }
  }
  if (known) {
    for (const k in list) {
      const v = list[k];
      if (typeof v === 'string' || typeof v === 'number') list[k] = defaulted.get(String(v));
    }
    return;
  }
  const before = { ...list };
  decodeQuantities(list, kind);
  for (const [k, v] of Object.entries(list)) {
    if (typeof v !== 'string') continue;
    const q = parseQuantityExact(v);
    if (typeof q === 'string') continue;
    const milli = 1_000_000n;
    const rem = q.nanos % milli;
    if (rem === 0n) continue;
    const up = q.nanos > 0n ? q.nanos - rem + milli : q.nanos - rem;
    list[k] = formatQuantity({ nanos: up, format: q.format });
  }
  for (const k in before) {
    const v = before[k];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    if (defaulted.size >= MAX_ENTRIES) defaulted.clear();
    defaulted.set(String(v), list[k] as string);
  }
}
