/** Whether a request body is over the size limit, without serializing the (almost always small) body. */

/** Nesting below which a plain body is measured in place; deeper (or cyclic) ones are serialized. */
const MAX_DEPTH = 100;

/** Marks a body the bound cannot measure: too large for the bound, too deep, or not plain JSON data. */
const UNKNOWN = -1;

/** JSON.stringify(body).length > limit, the body's size as the server counts it. */
export function bodyOver(body: unknown, limit: number): boolean {
  if (typeof body === 'string') return body.length > limit;
  const bound = jsonLengthBound(body, limit, 0);
  if (bound !== UNKNOWN && bound <= limit) return false;
  return (JSON.stringify(body)?.length ?? 0) > limit;
}

/**
 * An upper bound of the length of JSON.stringify(v) when it is at most `budget`, else UNKNOWN (as for anything
 * but strings, finite numbers, booleans, null, undefined, arrays and plain objects).
 */
function jsonLengthBound(v: unknown, budget: number, depth: number): number {
  switch (typeof v) {
    case 'string':
      // A UTF-16 unit serializes to at most 6 characters (a \u escape and four hex digits).
      return 2 + 6 * v.length <= budget ? 2 + 6 * v.length : UNKNOWN;
    case 'number':
    case 'boolean':
    case 'undefined':
      return 32 <= budget ? 32 : UNKNOWN;
    case 'object':
      break;
    default:
      return UNKNOWN;
  }
  if (v === null) return 4 <= budget ? 4 : UNKNOWN;
  if (depth >= MAX_DEPTH || budget < 2) return UNKNOWN;
  let total = 2;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const n = jsonLengthBound(v[i], budget - total - 1, depth + 1);
      if (n === UNKNOWN) return UNKNOWN;
      total += n + 1;
    }
    return total;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return UNKNOWN;
  const o = v as Record<string, unknown>;
  if (typeof o.toJSON === 'function') return UNKNOWN;
  for (const k in o) {
    const key = jsonLengthBound(k, budget - total - 2, depth + 1);
    if (key === UNKNOWN) return UNKNOWN;
    total += key + 2;
    const n = jsonLengthBound(o[k], budget - total, depth + 1);
    if (n === UNKNOWN) return UNKNOWN;
    total += n;
  }
  return total;
}
