/**
 * Kubernetes resource quantities (apimachinery resource.Quantity): parsing with the real scanner's rules,
 * exact values (BigInt nanos, rounded up to 1n as ParseQuantity does), comparison, and the canonical form the
 * server serializes (`0.5` -> `500m`, `1.5Gi` -> `1536Mi`, `1024Mi` -> `1Gi`, `129e6` stays).
 */

type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact quantity: value = nanos / 10^9, plus the format its suffix chose. */
export interface Quantity {
  nanos: bigint;
  format: QuantityFormat;
}

/** The decoder's errors (resource.ErrFormatWrong / ErrSuffix / ErrNumeric). */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const NANO = 1_000_000_000n;
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Parse as ParseQuantity does; returns the quantity or the decoder's error text. */
export function parseQuantityExact(input: string | number): Quantity | string {
  const str = typeof input === 'number' ? String(input) : input.trim();
  if (str.length === 0) return QUANTITY_FORMAT_ERROR;
  let pos = 0;
  let negative = false;
  if (str[0] === '-' || str[0] === '+') {
    negative = str[0] === '-';
    pos++;
  }
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    const start = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) return QUANTITY_FORMAT_ERROR;
  const suffix = str.slice(suffixStart);

  const digits = BigInt(num + denom);
  let numerator: bigint;
  let denominator = 10n ** BigInt(denom.length);
  let format: QuantityFormat;
  if (suffix in DECIMAL_SUFFIXES) {
    format = 'DecimalSI';
    numerator = scaleBy10(digits, DECIMAL_SUFFIXES[suffix] + 9, (d) => (denominator *= d));
  } else if (suffix in BINARY_SUFFIXES) {
    format = 'BinarySI';
    numerator = digits * (1n << BigInt(BINARY_SUFFIXES[suffix])) * NANO;
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    format = 'DecimalExponent';
    const exp = Number(suffix.slice(1));
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) return QUANTITY_FORMAT_ERROR;
    numerator = scaleBy10(digits, exp + 9, (d) => (denominator *= d));
  } else {
    return QUANTITY_SUFFIX_ERROR;
  }
  // Round away from zero to whole nanos, as ParseQuantity does ("if you want some resources, you get some").
  let nanos = numerator / denominator;
  if (nanos * denominator !== numerator) nanos += 1n;
  return { nanos: negative ? -nanos : nanos, format };
}

function scaleBy10(digits: bigint, exp: number, divide: (d: bigint) => void): bigint {
  if (exp >= 0) return digits * 10n ** BigInt(exp);
  divide(10n ** BigInt(-exp));
  return digits;
}

/** The quantity's value in base units (cores, bytes) as a float, or undefined when it does not parse. */
export function parseQuantity(s: string | number | undefined | null): number | undefined {
  if (s === undefined || s === null) return undefined;
  const q = parseQuantityExact(s);
  if (typeof q === 'string') return undefined;
  return Number(q.nanos) / 1e9;
}

export function isValidQuantity(s: unknown): boolean {
  return (typeof s === 'string' || typeof s === 'number') && typeof parseQuantityExact(s) !== 'string';
}

/** -1, 0 or 1 as a compares to b exactly; undefined when either does not parse. */
export function compareQuantities(a: string | number, b: string | number): -1 | 0 | 1 | undefined {
  const qa = parseQuantityExact(a);
  const qb = parseQuantityExact(b);
  if (typeof qa === 'string' || typeof qb === 'string') return undefined;
  return qa.nanos < qb.nanos ? -1 : qa.nanos > qb.nanos ? 1 : 0;
}

/** The canonical string the server stores and returns (Quantity.String()); the input unchanged if invalid. */
export function canonicalQuantity(s: string | number): string {
  const q = parseQuantityExact(s);
  return typeof q === 'string' ? String(s) : formatQuantity(q);
}

export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const sign = q.nanos < 0n ? '-' : '';
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  let format = q.format;
  if (format === 'BinarySI' && (abs < 1024n * NANO || abs % NANO !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let value = abs / NANO;
    let times = 0;
    while (times < BINARY_NAMES.length - 1 && value >= 1024n && value % 1024n === 0n) {
      value /= 1024n;
      times++;
    }
    return `${sign}${value}${BINARY_NAMES[times]}`;
  }
  let mantissa = abs;
  let exponent = -9;
  while (mantissa >= 10n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  // Bring the exponent down to a multiple of 3 (Go's % keeps the sign, so this always rounds down).
  const rem = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(rem);
  exponent -= rem;
  if (format === 'DecimalExponent') return `${sign}${mantissa}${exponent === 0 ? '' : `e${exponent}`}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exponent);
  if (suffix !== undefined) return `${sign}${mantissa}${suffix}`;
  // Beyond E: keep the digits exact with no suffix.
  return `${sign}${mantissa}${'0'.repeat(exponent)}`;
}

/** Human formatting of a float in base units with a binary or decimal suffix (for printers and describe). */
export function quantityFromNumber(value: number, binary = false): string {
  const nanos = Number.isInteger(value) ? BigInt(value) * NANO : BigInt(Math.round(value * 1e9));
  return formatQuantity({ nanos, format: binary ? 'BinarySI' : 'DecimalSI' });
}
