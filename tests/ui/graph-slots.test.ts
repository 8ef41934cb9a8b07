import { describe, expect, it } from 'vitest';
import { assignSlots, slotExtent } from '../../src/ui/graph/slots';

describe('pod slots', () => {
  it('gives new pods the lowest free slots in order', () => {
    const s = assignSlots(undefined, ['a', 'b', 'c']);
    expect([...s]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    expect(slotExtent(s)).toBe(3);
  });

  it('keeps each living pod in its slot when others come and go', () => {
    const s1 = assignSlots(undefined, ['a', 'b', 'c']);
    const s2 = assignSlots(s1, ['a', 'c']);
    expect(s2.get('a')).toBe(0);
    expect(s2.get('c')).toBe(2);
    expect(slotExtent(s2)).toBe(3);
    const s3 = assignSlots(s2, ['a', 'c', 'd', 'e']);
    expect(s3.get('d')).toBe(1); // the freed slot
    expect(s3.get('e')).toBe(3);
    expect(s3.get('a')).toBe(0);
    expect(s3.get('c')).toBe(2);
  });

  it('returns the same assignment object when the set of pods did not change', () => {
    const s1 = assignSlots(undefined, ['a', 'b']);
    expect(assignSlots(s1, ['b', 'a'])).toBe(s1);
  });
});
