/** Go's fmt `%v` of decoded JSON values, as apimachinery's patch errors print them (`map[image:nginx name:web]`). */

export function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  const entries = Object.keys(v as object)
    .sort()
    .map((k) => `${k}:${goV((v as Record<string, unknown>)[k])}`);
  return `map[${entries.join(' ')}]`;
}

/** Numbers as the server's int-preserving decoder keeps them: integers plainly, floats as Go's %v. */
function goFloat(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(n);
}

/** The Go type name reflect prints for a decoded JSON value (used in `expected a X, but received a Y`). */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** Kinds of JSON values, the way reflect.TypeOf tells them apart after encoding/json decoding. */
export function jsonKind(v: unknown): 'null' | 'map' | 'slice' | 'string' | 'number' | 'bool' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return 'number';
  return typeof v === 'boolean' ? 'bool' : 'string';
}
