/**
 * kubectl's PrintFlags: -o json|yaml|name|jsonpath=...|jsonpath-file=...|jsonpath-as-json=...|go-template=...|
 * go-template-file=...|template=...|templatefile=...|custom-columns=...|custom-columns-file=... and --template.
 * `makePrinter` returns a printer for whole objects (a single object or a `kind: List`), as every command that
 * takes -o uses it: `kubectl get` (GET_FORMATS), and create/apply/run/expose/... (GENERIC_FORMATS, where an empty
 * -o prints `kind.group/name <operation>`).
 */
import type { FileSystem } from '../../types';
import type { Output } from '../context';
import { KubectlError } from '../errors';
import { GoTemplate } from '../gotemplate';
import { JsonPath, JsonPathExecError, JsonPathParseError } from '../jsonpath';
import { columnsFromSpec, columnsFromTemplate, printCustomColumns, type Column } from './custom-columns';
import { goJson, goSyntax, goQuote } from './go-format';
import { nameLine } from './name';
import { toJson, toYaml } from './yaml-json';

const JSON_YAML = ['json', 'yaml'];
const NAME = ['name'];
const TEMPLATES = ['go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
/** The formats `kubectl get` accepts. */
export const GET_FORMATS = [...JSON_YAML, ...NAME, ...TEMPLATES, 'custom-columns', 'custom-columns-file', 'wide'];
/** The formats of genericclioptions.PrintFlags (create, apply, run, expose, label, patch, ...). */
export const GENERIC_FORMATS = [...JSON_YAML, ...NAME, ...TEMPLATES];

export interface PrintOptions {
  /** The -o value ('' when not given). */
  output: string;
  /** --template. */
  template?: string;
  noHeaders?: boolean;
  /** --allow-missing-template-keys (default true). */
  allowMissingKeys?: boolean;
  /** --show-managed-fields. */
  showManagedFields?: boolean;
  /** For the name printer when -o is empty (generic commands): `created`, `configured`... */
  operation?: string;
  fs?: FileSystem;
}

export interface ObjectPrinter {
  /** Print one object (or a List); writes to `out`, throws KubectlError after writing what Go would have written. */
  print(obj: any, out: Output): void;
}

export function noPrinterError(output: string, allowed: string[]): KubectlError {
  return new KubectlError(
    `unable to match a printer suitable for the output format ${goQuote(output)}, allowed formats are: ${[...allowed].sort().join(',')}`,
  );
}

function readTemplateFile(fs: FileSystem | undefined, path: string, what: string): string {
  const data = fs?.readFile(path);
  if (data === undefined) throw new KubectlError(`${what} ${path}, open ${path}: no such file or directory`);
  return data;
}

/** Split `-o format=value`; --template supplies the value when given. */
function splitFormat(output: string, template: string | undefined, formats: string[]): { format: string; value: string } {
  if (template) return { format: output, value: template };
  for (const f of formats) if (output.startsWith(f + '=')) return { format: f, value: output.slice(f.length + 1) };
  return { format: output, value: '' };
}

function stripManagedFields(obj: any): any {
  const strip = (o: any) => {
    if (o && typeof o === 'object' && o.metadata && 'managedFields' in o.metadata) {
      const { managedFields: _drop, ...metadata } = o.metadata;
      return { ...o, metadata };
    }
    return o;
  };
  if (obj && Array.isArray(obj.items)) return { ...obj, items: obj.items.map(strip) };
  return strip(obj);
}

export function makePrinter(opts: PrintOptions, allowed: string[] = GET_FORMATS): ObjectPrinter {
  let output = opts.output;
  if (opts.template && !output) output = 'go-template';
  const lower = output.toLowerCase();
  const managed = (o: any) => (opts.showManagedFields ? o : stripManagedFields(o));

  if ((lower === 'json' || lower === 'yaml') && allowed.includes(lower)) {
    let count = 0;
    return {
      print(obj, out) {
        if (lower === 'json') out.write(toJson(managed(obj)));
        else out.write((count++ > 0 ? '---\n' : '') + toYaml(managed(obj)));
      },
    };
  }
  if ((lower === 'name' || (lower === '' && !allowed.includes('wide'))) && allowed.includes('name')) {
    const operation = lower === 'name' ? undefined : opts.operation;
    return {
      print(obj, out) {
        const items = Array.isArray(obj?.items) && obj.kind?.endsWith('List') ? obj.items : [obj];
        for (const o of items) out.write(nameLine({ ...o, metadata: { ...o.metadata, name: o.metadata?.name || '<unknown>' } }, operation) + '\n');
      },
    };
  }

  const jsonpathFormats = ['jsonpath', 'jsonpath-file', 'jsonpath-as-json'];
  const templateFormats = ['template', 'go-template', 'go-template-file', 'templatefile'];
  const columnFormats = ['custom-columns', 'custom-columns-file'];
  const { format, value } = splitFormat(output, opts.template, [...jsonpathFormats, ...templateFormats, ...columnFormats]);

  if (jsonpathFormats.includes(format) && allowed.includes(format)) {
    if (!value) throw new KubectlError('template format specified but no template given');
    const text = format === 'jsonpath-file' ? readTemplateFile(opts.fs, value, 'error reading --template') : value;
    try {
      new JsonPath(text);
    } catch (e) {
      if (e instanceof JsonPathParseError) throw new KubectlError(`error parsing jsonpath ${text}, ${e.message}`);
      throw e;
    }
    return {
      print(obj, out) {
        const jp = new JsonPath(text, opts.allowMissingKeys ?? true);
        try {
          out.write(jp.execute(obj, format === 'jsonpath-as-json'));
        } catch (e) {
          if (!(e instanceof JsonPathExecError)) throw e;
          const debug =
            `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
            `\ttemplate was:\n\t\t${text}\n` +
            `\tobject given to jsonpath engine was:\n\t\t${goSyntax(obj)}\n\n`;
          throw new KubectlError(`error executing jsonpath ${goQuote(text)}: ${debug}\n`);
        }
      },
    };
  }

  if (templateFormats.includes(format) && allowed.includes(format)) {
    if (!value) throw new KubectlError('template format specified but no template given');
    const isFile = format === 'templatefile' || format === 'go-template-file';
    const text = isFile ? readTemplateFile(opts.fs, value, 'error reading --template') : value;
    let tmpl: GoTemplate;
    try {
      tmpl = new GoTemplate(text);
    } catch (e) {
      throw new KubectlError(`error parsing template ${text}, ${(e as Error).message}`);
    }
    return {
      print(obj, out) {
        const res = tmpl.execute(obj);
        out.write(res.out);
        if (res.error) {
          out.write(
            `Error executing template: ${res.error}. Printing more information for debugging the template:\n` +
              `\ttemplate was:\n\t\t${text}\n\traw data was:\n\t\t${goJson(obj)}\n` +
              `\tobject given to template engine was:\n\t\t${goPlusV(obj)}\n\n`,
          );
          throw new KubectlError(`error executing template ${goQuote(text)}: ${res.error}`);
        }
      },
    };
  }

  if (columnFormats.includes(format) && allowed.includes(format)) {
    if (!value) throw new KubectlError('custom-columns format specified but no custom columns given');
    const columns: Column[] =
      format === 'custom-columns-file'
        ? columnsFromTemplate(readTemplateFile(opts.fs, value, 'error reading template'))
        : columnsFromSpec(value);
    for (const c of columns) {
      try {
        new JsonPath(c.fieldSpec);
      } catch (e) {
        if (e instanceof JsonPathParseError) throw new KubectlError(e.message);
        throw e;
      }
    }
    const noHeaders = format === 'custom-columns' && !!opts.noHeaders;
    return {
      print(obj, out) {
        const items = Array.isArray(obj?.items) && obj.kind?.endsWith('List') ? obj.items : [obj];
        out.write(printCustomColumns(columns, items, noHeaders));
      },
    };
  }

  throw noPrinterError(format, allowed);
}

/** %+v of a JSON-decoded map (`map[apiVersion:v1 kind:Pod ...]`), as kubectl's template error dump shows it. */
function goPlusV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goPlusV).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${goPlusV(o[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}
