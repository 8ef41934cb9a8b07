/** Image references as containerd sees them: normalization, the simulated registry's answer to a pull. */
import { flatten } from '../../util';
import { CATALOG, hasTag, type CatalogImage } from './catalog';

export interface ImageRef {
  /** As written in the pod spec. */
  raw: string;
  /** docker.io/library/nginx */
  repo: string;
  tag: string;
  digest?: string;
  /** docker.io/library/nginx:1.27 (or repo@digest) */
  full: string;
}

export type ParsedImage = { ref: ImageRef } | { invalid: string };

/** Parsed references by their text: every container of a Deployment names the same image. Read-only. */
const parsedImages = new Map<string, ParsedImage>();

export function parseImage(raw: string): ParsedImage {
  let parsed = parsedImages.get(raw);
  if (parsed === undefined) {
    if (parsedImages.size >= 1024) parsedImages.clear();
    parsedImages.set(raw, (parsed = parseReference(raw)));
  }
  return parsed;
}

function parseReference(raw: string): ParsedImage {
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = 'latest';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0];
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repo = hasDomain ? rest : `docker.io/${parts.length === 1 ? `library/${rest}` : rest}`;
  if (repo.startsWith('index.docker.io/')) repo = `docker.io/${repo.slice('index.docker.io/'.length)}`;
  const path = hasDomain ? parts.slice(1).join('/') : parts.length === 1 ? `library/${rest}` : rest;
  const valid = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
  if (!rest || !/^[\w][\w.-]{0,127}$/.test(tag) || (digest !== undefined && !/^sha256:[a-f0-9]{64}$/.test(digest))) {
    return { invalid: `couldn't parse image name "${raw}": invalid reference format` };
  }
  if (!valid.test(path)) {
    const detail = /[A-Z]/.test(path) ? `: repository name (${path}) must be lowercase` : '';
    return { invalid: `couldn't parse image name "${raw}": invalid reference format${detail}` };
  }
  return { ref: { raw, repo, tag, digest, full: digest ? `${repo}@${digest}` : `${repo}:${tag}` } };
}

export type PullAnswer =
  | { ok: true; image: CatalogImage | undefined; sizeBytes: number; digest: string }
  | { ok: false; error: string };

/** Answers by reference: a pure function of it, asked by every node that pulls or preloads the image. Read-only. */
const answers = new Map<string, PullAnswer>();

/** What the registry says to a pull of `ref`. */
export function resolvePull(ref: ImageRef): PullAnswer {
  let answer = answers.get(ref.full);
  if (!answer) answers.set(ref.full, (answer = answerPull(ref)));
  return answer;
}

function answerPull(ref: ImageRef): PullAnswer {
  const known = CATALOG.get(ref.repo);
  const digest = flatten(ref.digest ?? `sha256:${hex64(ref.full)}`);
  if (known) {
    if (ref.digest || hasTag(known, ref.tag)) {
      return { ok: true, image: known, sizeBytes: Math.round(known.sizeMB * 1e6) + (hash32(ref.full) % 99_991), digest };
    }
    return {
      ok: false,
      error: `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`,
    };
  }
  if (ref.repo.startsWith('docker.io/library/')) {
    return {
      ok: false,
      error: `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  return { ok: true, image: undefined, sizeBytes: 8_000_000 + (hash32(ref.full) % 180_000_000), digest };
}

/** FNV-1a, for stable simulated digests and sizes. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function hex64(s: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += hash32(`${i}:${s}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}
