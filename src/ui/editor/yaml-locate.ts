/**
 * Where things are in the editor's text: its YAML documents (kind, name, first line) and the line:column of a field
 * path such as `spec.template.spec.containers[0].image`, found in the parsed YAML so apply errors can point at it.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';

/** 1-based, end column exclusive, as Monaco ranges are. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type PathSegment = string | number;

export interface ManifestDocument {
  /** 0-based, counting every `---` document as the engine does. */
  index: number;
  /** Line of the document's first key (the engine's "(document N, line L)"). */
  line: number;
  kind?: string;
  name?: string;
  /** The range of PATH's key, or of the deepest part of it that exists (the document's first line at worst). */
  locate(path: PathSegment[]): SourceRange;
}

/** `spec.containers[0].image` -> ['spec', 'containers', 0, 'image']; `metadata.labels[app.kubernetes.io/name]` keeps the key whole. */
export function parseFieldPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

/** The range covering line LINE from COLUMN to its last non-blank character. */
export function lineRange(lines: string[], line: number, column = 0): SourceRange {
  const l = Math.max(1, Math.min(line, lines.length || 1));
  const text = lines[l - 1] ?? '';
  const first = column > 0 ? column : text.length - text.trimStart().length + 1;
  const end = text.trimEnd().length + 1;
  return { line: l, column: first, endLine: l, endColumn: Math.max(end, first + 1) };
}

export function readDocuments(text: string): ManifestDocument[] {
  const lc = new LineCounter();
  const lines = text.split('\n');
  const at = (offset: number) => lc.linePos(Math.max(0, Math.min(offset, Math.max(text.length - 1, 0))));
  const docs = parseAllDocuments(text, { lineCounter: lc, version: '1.1', prettyErrors: false, uniqueKeys: false });
  const all = Array.isArray(docs) ? docs : [];
  return all.map((doc, index) => {
    const start = (doc.contents?.range?.[0] ?? doc.range[0]) as number;
    const line = at(start).line;
    const contents = doc.contents as Node | null;
    const field = (key: string): string | undefined => {
      const v: unknown = isMap(contents) ? contents.get(key) : undefined;
      return typeof v === 'string' ? v : undefined;
    };
    const metadata: unknown = isMap(contents) ? contents.get('metadata', true) : undefined;
    const name = isMap(metadata) ? metadata.get('name') : undefined;
    const locate = (path: PathSegment[]): SourceRange => {
      let node: unknown = contents;
      let found = lineRange(lines, line);
      for (const seg of path) {
        const next = step(node, seg);
        if (!next) break;
        const p = at(next.at);
        found = lineRange(lines, p.line, p.col);
        node = next.node;
      }
      return found;
    };
    return { index, line, kind: field('kind'), name: typeof name === 'string' ? name : undefined, locate };
  });
}

/** One step down a path: the child node and the offset of its key (or of the list item). */
function step(node: unknown, seg: PathSegment): { node: unknown; at: number } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
    const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    return pair && range ? { node: pair.value, at: range[0] } : undefined;
  }
  if (isSeq(node)) {
    // Go's JSON errors name list fields without an index: take the first item that has the field.
    const item = typeof seg === 'number' ? node.items[seg] : node.items.find((i) => isMap(i) && i.has(seg));
    if (typeof seg !== 'number') return item ? step(item, seg) : undefined;
    const range = (item as { range?: [number, number, number] } | undefined)?.range;
    return item && range ? { node: item, at: range[0] } : undefined;
  }
  return undefined;
}
