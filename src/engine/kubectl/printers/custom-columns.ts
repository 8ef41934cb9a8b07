/** -o custom-columns=HEADER:.path,... and -o custom-columns-file (pkg/cmd/get/customcolumn.go). */
import { KubectlError } from '../errors';
import { JsonPath, relaxedJsonPathExpression } from '../jsonpath';
import { goValue } from './go-format';
import { tabwrite } from './tabwriter';

export interface Column {
  header: string;
  /** A JSONPath template such as `{.metadata.name}`. */
  fieldSpec: string;
}

function relaxed(spec: string): string {
  try {
    return relaxedJsonPathExpression(spec);
  } catch (e) {
    throw new KubectlError((e as Error).message);
  }
}

export function columnsFromSpec(spec: string): Column[] {
  if (spec.length === 0) throw new KubectlError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), fieldSpec: relaxed(part.slice(colon + 1)) };
  });
}

/** The file format: one line of headers, one line of field specs, both split on whitespace. */
export function columnsFromTemplate(text: string): Column[] {
  const lines = text.split('\n');
  const missing = (what: string) =>
    new KubectlError(
      `invalid template, missing ${what} line. Expected format is one line of space separated headers, one line of space separated column specs.`,
    );
  if (lines.length < 1 || (lines.length === 1 && lines[0] === '')) throw missing('header');
  if (lines.length < 2) throw missing('spec');
  const headers = lines[0].split(/\s+/).filter(Boolean);
  const specs = lines[1].split(/\s+/).filter(Boolean);
  if (headers.length !== specs.length) {
    throw new KubectlError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxed(specs[i]) }));
}

const escapeTerminal = (s: string) => s.split('\u001b').join('^[').replace(/\r/g, '\\r');

/** One row per object: `<none>` when a path finds nothing, several values joined by commas. */
export function printCustomColumns(columns: Column[], objects: unknown[], noHeaders: boolean): string {
  let text = '';
  if (!noHeaders) text += columns.map((c) => c.header).join('\t') + '\n';
  for (const obj of objects) {
    const cells = columns.map((c) => {
      const values = new JsonPath(c.fieldSpec, true).findResults(obj);
      const strings: string[] = [];
      if (values.length === 0 || values[0].length === 0) strings.push('<none>');
      for (const group of values) for (const v of group) strings.push(escapeTerminal(goValue(v)));
      return strings.join(',');
    });
    text += cells.join('\t') + '\n';
  }
  return tabwrite(text);
}
