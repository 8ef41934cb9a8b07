/** Request bodies: JSON values as sent, or YAML/JSON text (apply patches, raw HTTP bodies). */
import { parse } from 'yaml';
import { badRequest } from './errors';

export function parseBody(body: unknown, contentType: string | undefined): unknown {
  if (typeof body !== 'string') return body;
  try {
    return parse(body, { maxAliasCount: 100, uniqueKeys: false, version: '1.1' });
  } catch (e) {
    const what = contentType?.includes('yaml') ? 'yaml' : 'json';
    throw badRequest(`error decoding ${what}: ${(e as Error).message}`);
  }
}
