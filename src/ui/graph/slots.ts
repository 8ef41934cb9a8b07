/**
 * Stable pod slots inside a box: a pod keeps its slot for as long as it lives; a new pod takes the lowest free
 * slot; nothing else moves.
 */
export type SlotMap = ReadonlyMap<string, number>;

/**
 * The slots for `keys` (the box's pods now, new ones placed in the given order) given the previous assignment.
 * Returns `prev` itself when nothing changed.
 */
export function assignSlots(prev: SlotMap | undefined, keys: readonly string[]): SlotMap {
  if (prev && prev.size === keys.length && keys.every((k) => prev.has(k))) return prev;
  const next = new Map<string, number>();
  const used = new Set<number>();
  const present = new Set(keys);
  if (prev) {
    for (const [k, slot] of prev) {
      if (present.has(k)) {
        next.set(k, slot);
        used.add(slot);
      }
    }
  }
  let free = 0;
  for (const k of keys) {
    if (next.has(k)) continue;
    while (used.has(free)) free++;
    next.set(k, free);
    used.add(free);
  }
  return next;
}

/** How many slots a box must draw: one past the highest slot in use. */
export function slotExtent(slots: SlotMap): number {
  let max = -1;
  for (const s of slots.values()) if (s > max) max = s;
  return max + 1;
}
