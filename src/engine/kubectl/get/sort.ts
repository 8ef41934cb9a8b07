/**
 * --sort-by as kubectl sorts (pkg/cmd/get/sorter.go): the first value the JSONPath finds in each object; numbers by
 * value, strings as resource quantities when both parse (`100m` < `1`), otherwise byte-wise; objects without the
 * field first. sort.Sort is insertion sort up to 12 elements, which keeps the original order of ties.
 */
import { KubectlError } from '../errors';
import { JsonPath } from '../jsonpath';

const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** resource.ParseQuantity's value, or undefined when the string is not a quantity. */
export function parseQuantity(s: string): number | undefined {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(.*)$/.exec(s);
  if (!m) return undefined;
  const n = parseFloat(m[2]) * (m[1] === '-' ? -1 : 1);
  const suffix = m[3];
  if (suffix in SUFFIX) return n * SUFFIX[suffix];
  const e = /^[eE]([+-]?\d+)$/.exec(suffix);
  return e ? n * 10 ** parseInt(e[1], 10) : undefined;
}

type Found = { found: false } | { found: true; value: unknown };

function lessValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b !== null && b !== undefined;
  if (b === null || b === undefined) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = parseQuantity(a);
    const qb = parseQuantity(b);
    if (qa !== undefined && qb !== undefined) return qa < qb;
    return a < b;
  }
  const kind = (v: unknown) => (Array.isArray(v) ? 'slice' : typeof v === 'object' ? 'map' : typeof v);
  throw new KubectlError(`Field is an unsortable type: ${kind(a)}`);
}

function less(a: Found, b: Found): boolean {
  if (!a.found) return true;
  if (!b.found) return false;
  return lessValue(a.value, b.value);
}

/** Go's sort.Sort on small inputs (insertion sort); larger inputs use a stable merge with the same Less. */
function goSort<T>(items: T[], lessFn: (a: T, b: T) => boolean): T[] {
  const a = [...items];
  if (a.length <= 12) {
    for (let i = 1; i < a.length; i++) {
      for (let j = i; j > 0 && lessFn(a[j], a[j - 1]); j--) [a[j], a[j - 1]] = [a[j - 1], a[j]];
    }
    return a;
  }
  const mid = a.length >> 1;
  const l = goSort(a.slice(0, mid), lessFn);
  const r = goSort(a.slice(mid), lessFn);
  const out: T[] = [];
  while (l.length && r.length) out.push(lessFn(r[0], l[0]) ? r.shift()! : l.shift()!);
  return [...out, ...l, ...r];
}

/**
 * Sort `items` by the JSONPath `field` (already relaxed to `{.a.b}`) evaluated on `objectOf(item)`.
 * Throws kubectl's error when no object has the field.
 */
export function sortByField<T>(items: T[], field: string, objectOf: (item: T) => unknown): T[] {
  if (items.length === 0) return items;
  const parser = new JsonPath(field, true);
  const keyed = items.map((item) => {
    const results = parser.findResults(objectOf(item));
    const found: Found = results.length > 0 && results[0].length > 0 ? { found: true, value: results[0][0] } : { found: false };
    return { item, found };
  });
  if (!keyed.some((k) => k.found.found)) {
    throw new KubectlError(`couldn't find any field with path "${field}" in the list of objects`);
  }
  return goSort(keyed, (a, b) => less(a.found, b.found)).map((k) => k.item);
}
