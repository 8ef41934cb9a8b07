/**
 * Turns what `kubectl apply -f -` printed on stderr into diagnostics at a line and column of the applied text: YAML
 * syntax errors carry their own line:column; API errors name the document ("(document 2, line 14)", or the kind and
 * name of an invalid object) and often a field path, which is looked up in the text.
 */
import { lineRange, parseFieldPath, readDocuments, type ManifestDocument, type SourceRange } from './yaml-locate';

export interface ApplyDiagnostic extends SourceRange {
  message: string;
}

/** field.ErrorType strings (k8s.io/apimachinery/pkg/util/validation/field): what follows "path: " in Invalid messages. */
const FIELD_ERROR_TYPES = [
  'Required value',
  'Invalid value',
  'Unsupported value',
  'Forbidden',
  'Duplicate value',
  'Too long',
  'Too many',
  'Not found',
  'Internal error',
  'field not declared in schema',
];
const FIELD_ERROR = new RegExp(`(?:^|[\\s\\[,*])((?:[A-Za-z_][\\w-]*)(?:\\.[\\w-]+|\\[[^\\]]*\\])*): (?=${FIELD_ERROR_TYPES.join('|')})`, 'g');
const ENTRY_START = /^(?:error:|Error from server|The \S+ "[^"]*" is invalid|Warning:)/;

/** kubectl's stderr split into its messages (an Invalid message continues on `* field: ...` lines). */
export function splitErrors(stderr: string): string[] {
  const entries: string[] = [];
  for (const line of stderr.split('\n')) {
    if (ENTRY_START.test(line) || entries.length === 0) entries.push(line);
    else entries[entries.length - 1] += `\n${line}`;
  }
  return entries.map((e) => e.trimEnd()).filter((e) => e && !e.startsWith('Warning:'));
}

export function applyDiagnostics(text: string, stderr: string): ApplyDiagnostic[] {
  const docs = readDocuments(text);
  const lines = text.split('\n');
  return splitErrors(stderr).flatMap((entry) => diagnose(entry, docs, lines));
}

function diagnose(entry: string, docs: ManifestDocument[], lines: string[]): ApplyDiagnostic[] {
  const message = entry.replace(/^error: /, '');
  const syntax = /\(document \d+\): error converting YAML to JSON: yaml: line (\d+)(?:, column (\d+))?: /.exec(entry);
  if (syntax) return [{ ...lineRange(lines, Number(syntax[1]), syntax[2] ? Number(syntax[2]) : 0), message }];

  const doc = documentOf(entry, docs);
  if (!doc) return [{ ...lineRange(lines, 1), message }];

  const fieldErrors = [...entry.matchAll(FIELD_ERROR)];
  if (fieldErrors.length) {
    return fieldErrors.map((m, i) => {
      const end = i + 1 < fieldErrors.length ? fieldErrors[i + 1].index : entry.length;
      const text = entry.slice(m.index, end).replace(/^[\s[,*]+/, '').replace(/[\s,\]*]+$/, '');
      return { ...doc.locate(parseFieldPath(m[1])), message: text };
    });
  }
  const unknown = [...entry.matchAll(/unknown field "([^"]+)"/g)];
  if (unknown.length) return unknown.map((m) => ({ ...doc.locate(parseFieldPath(m[1])), message: `unknown field "${m[1]}"` }));
  const goField = /Go struct field \w+\.([\w.]+) of type/.exec(entry);
  if (goField) return [{ ...doc.locate(parseFieldPath(goField[1])), message }];
  return [{ ...doc.locate(pathFor(entry)), message }];
}

/** The document an error is about: its "(document N, line L)", else the invalid object's kind and name, else the only one. */
function documentOf(entry: string, docs: ManifestDocument[]): ManifestDocument | undefined {
  const located = /\(document (\d+), line \d+\)/.exec(entry);
  if (located) return docs[Number(located[1]) - 1];
  const invalid = /(?:The (\w+)|(\w+)(?:\.[\w.-]+)?) "([^"]+)" is invalid/.exec(entry);
  if (invalid) {
    const kind = invalid[1] ?? invalid[2];
    const hit = docs.find((d) => d.kind === kind && d.name === invalid[3]);
    if (hit) return hit;
  }
  const objects = docs.filter((d) => d.kind !== undefined || d.name !== undefined);
  if (objects.length === 1) return objects[0];
  const names = [...entry.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  return objects.find((d) => d.name !== undefined && names.includes(d.name));
}

/** The field an error without a field path is about. */
function pathFor(entry: string): string[] {
  if (/no matches for kind|kind not set|Kind' is missing/.test(entry)) return ['kind'];
  if (/apiVersion not set/.test(entry)) return ['apiVersion'];
  if (/namespaces "[^"]*" not found/.test(entry)) return ['metadata', 'namespace'];
  if (/already exists|resource name may not be empty|cannot use generate name/.test(entry)) return ['metadata', 'name'];
  return [];
}
