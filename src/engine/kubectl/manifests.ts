/**
 * Reading `-f` manifests: YAML (1.1, as kubectl's go-yaml reads it) or JSON, several documents per source, `kind: List`
 * expanded. Bad input gives kubectl's error text, plus where it is (document number, line:column), and never stops the
 * other documents.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { KObject } from '../types';
import { isPlainObject } from '../util';
import type { CommandContext } from './context';
import { readManifestSources } from './manifest-sources';

export { resolveManifests, type ResolvedManifest } from './manifest-mapping';
export { validationDirective, type ValidationDirective } from './validate-flag';
import type { ValidationDirective } from './validate-flag';

export interface ManifestDoc {
  obj: KObject;
  /** File name as given, or "STDIN". */
  source: string;
  /** 0-based document index in its source. */
  index: number;
  /** 1-based line where the document (or List item) starts. */
  line: number;
  /**
   * Where the document is, for messages: ` (document 2, line 14)` when its source holds several documents (or a List
   * of several items), else ''. Goes right after the quoted source: `error when creating "x.yaml"${location}: ...`.
   */
  location: string;
}

/** `"x.yaml"` plus the document's location when the source holds several: how errors name a document (with its number and line). */
export function quotedSource(doc: Pick<ManifestDoc, 'source' | 'location'>): string {
  return `"${doc.source}"${doc.location}`;
}

/** go-yaml's alias expansion guard, as a count of alias resolutions (the yaml library's measure). */
const MAX_ALIAS_COUNT = 100;

export function loadManifests(
  ctx: CommandContext,
  filenames: string[],
  recursive: boolean,
  options: { validate?: ValidationDirective } = {},
): { docs: ManifestDoc[]; errors: string[] } {
  const { sources, errors } = readManifestSources(ctx, filenames, recursive);
  const docs: ManifestDoc[] = [];
  for (const s of sources) {
    const parsed = parseManifestText(s.name, s.text, options.validate ?? 'strict');
    docs.push(...parsed.docs);
    errors.push(...parsed.errors);
  }
  return { docs, errors };
}

interface RawDoc {
  value: unknown;
  index: number;
  line: number;
  /** 1-based start line of each List item, when the document is a List. */
  itemLine: (i: number) => number;
}

/** Parse one source's text into documents; exported for callers that hold text rather than files (the editor). */
export function parseManifestText(
  source: string,
  text: string,
  validate: ValidationDirective = 'strict',
): { docs: ManifestDoc[]; errors: string[] } {
  const errors: string[] = [];
  const raw = parseJson(text) ?? parseYaml(source, text, errors);
  const docs: ManifestDoc[] = [];
  const multiDoc = raw.count > 1;
  for (const d of raw.docs) {
    const here = (line: number) => (multiDoc ? ` (document ${d.index + 1}, line ${line})` : '');
    const problem = checkObject(source, d.value, validate, here(d.line));
    if (problem) {
      errors.push(problem);
      continue;
    }
    const obj = d.value as KObject;
    if (isList(obj)) {
      const items = obj.items as unknown[];
      const several = multiDoc || items.length > 1;
      items.forEach((item, i) => {
        const line = d.itemLine(i);
        const location = several ? ` (document ${d.index + 1}, line ${line})` : '';
        if (isPlainObject(item) && !item.kind && !item.apiVersion) {
          item.kind = obj.kind.slice(0, -'List'.length);
          item.apiVersion = obj.apiVersion;
        }
        const itemProblem = checkObject(source, item, validate, location);
        if (itemProblem) errors.push(itemProblem);
        else docs.push(finish(item as KObject, source, d.index, line, location));
      });
      continue;
    }
    docs.push(finish(obj, source, d.index, d.line, here(d.line)));
  }
  return { docs, errors };
}

function finish(obj: KObject, source: string, index: number, line: number, location: string): ManifestDoc {
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  return { obj, source, index, line, location };
}

function isList(obj: KObject): boolean {
  return typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items);
}

/** A whole-JSON source parses much faster with JSON.parse; anything that fails goes through YAML for positions. */
function parseJson(text: string): { docs: RawDoc[]; count: number } | undefined {
  const t = text.trimStart();
  if (!t.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    const first = text.length - t.length;
    const line = lineAt(text, first);
    return { docs: [{ value, index: 0, line, itemLine: () => line }], count: 1 };
  } catch {
    return undefined;
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parseYaml(source: string, text: string, errors: string[]): { docs: RawDoc[]; count: number } {
  const lc = new LineCounter();
  const parsed = parseAllDocuments(text, {
    lineCounter: lc,
    version: '1.1',
    prettyErrors: false,
    uniqueKeys: false, // go-yaml keeps the last of duplicate keys
    // go-yaml leaves timestamps as strings when decoding into interface{}
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  const all = (Array.isArray(parsed) ? parsed : []) as Document.Parsed[];
  const pos = (offset: number) => {
    const clamped = Math.max(0, Math.min(offset, text.length - 1));
    return lc.linePos(clamped);
  };
  const docs: RawDoc[] = [];
  all.forEach((doc, index) => {
    const start = (doc.contents?.range?.[0] ?? doc.range[0]) as number;
    const line = pos(start).line;
    const prefix = `error: error parsing ${source} (document ${index + 1}): error converting YAML to JSON: yaml: `;
    if (doc.errors.length) {
      const e = doc.errors[0];
      const p = pos(e.pos[0]);
      errors.push(`${prefix}line ${p.line}, column ${p.col}: ${lowerFirst(e.message)}`);
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      errors.push(prefix + aliasError(err, text, doc, pos, line));
      return;
    }
    if (value === null || value === undefined) return;
    const itemLine = (i: number) => {
      const node = doc.getIn(['items', i], true) as { range?: [number, number, number] } | undefined;
      return node?.range ? pos(node.range[0]).line : line;
    };
    docs.push({ value, index, line, itemLine });
  });
  return { docs, count: all.length };
}

function aliasError(
  err: unknown,
  text: string,
  doc: Document.Parsed,
  pos: (o: number) => { line: number; col: number },
  line: number,
): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/Excessive alias count/i.test(msg)) {
    return `line ${line}: document contains excessive aliasing (an alias bomb); the document was not read`;
  }
  const m = /Unresolved alias[^:]*: (.*)$/.exec(msg);
  if (m) {
    const at = text.indexOf(`*${m[1]}`, doc.range[0]);
    const p = pos(at >= 0 ? at : doc.range[0]);
    return `line ${p.line}, column ${p.col}: unknown anchor '${m[1]}' referenced`;
  }
  return `line ${line}: ${lowerFirst(msg)}`;
}

function lowerFirst(s: string): string {
  return s ? s[0].toLowerCase() + s.slice(1) : s;
}

/** kubectl's client-side checks before anything is sent: an object, with string apiVersion and kind. */
function checkObject(source: string, value: unknown, validate: ValidationDirective, location: string): string | undefined {
  if (validate === 'ignore') {
    if (isPlainObject(value) && typeof value.kind === 'string' && value.kind) return undefined;
    return `error: unable to decode "${source}"${location}: Object 'Kind' is missing in '${JSON.stringify(value)}'`;
  }
  const problems: string[] = [];
  if (!isPlainObject(value)) problems.push('invalid object to validate');
  else {
    for (const field of ['apiVersion', 'kind']) {
      const v = value[field];
      if (v === undefined || v === null || v === '') problems.push(`${field} not set`);
      else if (typeof v !== 'string') problems.push(`${field} isn't string type`);
    }
  }
  if (!problems.length) return undefined;
  const agg = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
  return (
    `error: error validating "${source}"${location}: error validating data: ${agg}; ` +
    'if you choose to ignore these errors, turn validation off with --validate=false'
  );
}
