/**
 * --append-hash (kubectl's hash.ConfigMapHash / SecretHash): the object's kind, name, type and data encoded as Go's
 * json.Marshal encodes a map (keys sorted, `<` `>` `&` escaped), SHA-256, the first 10 hex digits with 0 1 3 a e
 * replaced by g h k m t so the suffix never looks like a number or a word.
 */
import { utf8Bytes } from '../../api/strategies/go-base64';
import { sha256Hex } from '../../sha256';

/** Go's encoding/json escapes of `<` `>` `&` and the JS line separators in JSON text. */
export function goJsonEscapes(text: string): string {
  return text
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** json.Marshal of a map: keys sorted at every level, HTML-sensitive characters escaped. */
export function goJson(value: unknown): string {
  return goJsonEscapes(
    JSON.stringify(value, (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
    ),
  );
}

const SAFE: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

/** The name suffix for an object encoded as `{kind, name, [type,] data...}`. */
export function contentHash(value: Record<string, unknown>): string {
  const hex = sha256Hex(Uint8Array.from(utf8Bytes(goJson(value))));
  return [...hex.slice(0, 10)].map((ch) => SAFE[ch] ?? ch).join('');
}
