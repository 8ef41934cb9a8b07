/**
 * Storage for an attempt's scores. Plugins write into one reused scratch buffer; the attempt keeps a compact copy
 * of each plugin's column. The learner's record keeps attempts for hundreds of pods, so they outlive the young
 * generation: a column where every node scored the same is kept as that one number, others as typed arrays whose
 * contents live off the JS heap (never copied by GC), in views of shared slabs since an ArrayBuffer per attempt
 * costs more than the scoring itself. Every value is kept exactly (uint8/uint16 only when all values fit).
 */

export type ScoreList = Float64Array;
/** One plugin's scores over the feasible nodes: a number when all are equal. */
export type ScoreColumn = number | ArrayLike<number>;

export const scoreAt = (c: ScoreColumn, i: number): number => (typeof c === 'number' ? c : c[i]);

/** A slab holds about this many columns: more saves allocations, fewer bounds what one kept attempt retains. */
const COLUMNS_PER_SLAB = 16;
const MIN_SLAB = 256;
const MAX_SLAB = 65536;

class Slab<T extends Uint8Array | Uint16Array> {
  private slab: T;
  private used = 0;

  constructor(private readonly make: (len: number) => T) {
    this.slab = make(0);
  }

  take(len: number): T {
    if (len > MAX_SLAB / 4) return this.make(len);
    if (this.used + len > this.slab.length) {
      this.slab = this.make(Math.min(Math.max(len * COLUMNS_PER_SLAB, MIN_SLAB), MAX_SLAB));
      this.used = 0;
    }
    const out = this.slab.subarray(this.used, this.used + len) as T;
    this.used += len;
    return out;
  }
}

export class ScoreBuffer {
  private buf = new Float64Array(0);
  private readonly bytes = new Slab((n) => new Uint8Array(n));
  private readonly shorts = new Slab((n) => new Uint16Array(n));

  /** The scratch buffer with room for at least `size` values (contents undefined). */
  scratch(size: number): Float64Array {
    if (this.buf.length < size) this.buf = new Float64Array(Math.max(size, this.buf.length * 2));
    return this.buf;
  }

  /** src[from, from + len) (len > 0), by default from the scratch buffer, kept exactly (including -0 and NaN). */
  column(from: number, len: number, src: ArrayLike<number> = this.buf): ScoreColumn {
    const end = from + len;
    const first = src[from];
    let i = from + 1;
    // Object.is tells 0 from -0 (NaN never equals itself, so a NaN column is stored as an array).
    if (first === 0) while (i < end && Object.is(src[i], first)) i++;
    else while (i < end && src[i] === first) i++;
    if (i === end && first === first) return first;
    let small = true;
    let max = 0;
    for (i = from; i < end; i++) {
      const v = src[i];
      if (v >>> 0 !== v || Object.is(v, -0)) small = false;
      else if (v > max) max = v;
    }
    let out: Uint8Array | Uint16Array | Int32Array | Float64Array;
    if (small && max <= 0xffff) out = max <= 0xff ? this.bytes.take(len) : this.shorts.take(len);
    else out = fitsInt32(src, from, len) ? new Int32Array(len) : new Float64Array(len);
    for (let j = 0; j < len; j++) out[j] = src[from + j];
    return out;
  }
}

function fitsInt32(src: ArrayLike<number>, from: number, len: number): boolean {
  for (let i = from; i < from + len; i++) {
    const v = src[i];
    if ((v | 0) !== v || (v === 0 && 1 / v < 0)) return false;
  }
  return true;
}
