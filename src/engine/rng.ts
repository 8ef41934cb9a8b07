/** The engine's one source of randomness: sfc32 seeded through splitmix32, so a seed replays exactly. */

/** apimachinery's alphabet for generated name suffixes (no vowels, no look-alikes). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const HEX_DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** The character codes of the UUID being formatted (one string built from them, no intermediate ones). */
const UUID_CHARS: number[] = new Array(36).fill(0);

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split() | 0;
    this.b = split() | 0;
    this.c = split() | 0;
    this.d = split() | 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    return this.step() >>> 0;
  }

  /**
   * One sfc32 step, as a signed 32-bit value: the state is kept in int32 form too (the same bits), which engines
   * store and return without boxing.
   */
  private step(): number {
    const t = (this.a + this.b + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return (this.step() >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(((this.step() >>> 0) / 4294967296) * n);
  }

  /** A name suffix as apimachinery's rand.String makes them. */
  nameSuffix(length = 5): string {
    let out = '';
    for (let i = 0; i < length; i++) out += NAME_ALPHABET[this.int(NAME_ALPHABET.length)];
    return out;
  }

  /** An RFC 4122 version-4 UUID. */
  uuid(): string {
    const out = UUID_CHARS;
    let j = 0;
    for (let i = 0; i < 16; i++) {
      let byte = this.int(256);
      if (i === 6) byte = (byte & 0x0f) | 0x40;
      else if (i === 8) byte = (byte & 0x3f) | 0x80;
      out[j++] = HEX_DIGITS[byte >> 4];
      out[j++] = HEX_DIGITS[byte & 15];
      if (i === 3 || i === 5 || i === 7 || i === 9) out[j++] = 45; // '-'
    }
    return String.fromCharCode.apply(null, out);
  }
}
