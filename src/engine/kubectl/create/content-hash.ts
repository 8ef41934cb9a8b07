/**
 * --append-hash (kubectl's hash.ConfigMapHash / SecretHash): the object's kind, name, type and data encoded as Go's
 * json.Marshal encodes a map (keys sorted, `<` `>` `&` escaped), SHA-256, the first 10 hex digits with 0 1 3 a e
 * replaced by g h k m t so the suffix never looks like a number or a word.
 */
import { utf8Bytes } from '../../api/strategies/go-base64';
import { sha256Hex } from '../../sha256';
import { goJson } from '../printers/go-format';

const SAFE: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

/** The name suffix for an object encoded as `{kind, name, [type,] data...}`. */
export function contentHash(value: Record<string, unknown>): string {
  const hex = sha256Hex(Uint8Array.from(utf8Bytes(goJson(value))));
  return [...hex.slice(0, 10)].map((ch) => SAFE[ch] ?? ch).join('');
}
