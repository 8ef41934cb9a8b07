/**
 * Generates the API type tables the engine's decoder walks (src/engine/api/schema/k8s-types.json) and the editor's
 * JSON Schema (src/ui/schemas/kubernetes.schema.json) from Kubernetes' own definitions:
 *
 * - @kubernetes/client-node 1.3.0 is generated from the Kubernetes v1.33.0 OpenAPI spec: its models carry every field
 *   with its type and OpenAPI format (int32, int64, int-or-string, date-time, byte). It is fetched with `npm pack`
 *   into a temporary directory (no dependency of the project), or read from $K8S_CLIENT_NODE_DIR.
 * - kubernetes-types (a devDependency) keeps what the client models flatten to `string`: which fields are
 *   resource.Quantity, plus the descriptions of fields that reference other types (for editor hover).
 *
 * Run by hand: `npm run gen:schema`. Only the types reachable from the served kinds (src/engine/api/resources.ts) and
 * a few meta/v1 types are kept.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { RESOURCES, apiVersionOf } from '../src/engine/api/resources';

const CLIENT_NODE = '@kubernetes/client-node@1.3.0';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_TYPES = join(ROOT, 'src/engine/api/schema/k8s-types.json');
const OUT_EDITOR = join(ROOT, 'src/ui/schemas/kubernetes.schema.json');
/** meta/v1 types the server decodes besides those reachable from the kinds. */
const EXTRA_ROOTS = ['V1Status', 'V1DeleteOptions'];

interface Attr {
  name: string;
  baseName: string;
  type: string;
  format: string;
}
interface DocField {
  type: string;
  doc?: string;
}
interface DocType {
  doc?: string;
  fields: Map<string, DocField>;
}

function clientNodeModels(): string {
  const fromEnv = process.env.K8S_CLIENT_NODE_DIR;
  const base = fromEnv ?? join(tmpdir(), 'kubeplay-k8s-schema');
  const models = join(base, 'package/dist/gen/models');
  if (existsSync(models)) return models;
  if (fromEnv) throw new Error(`${models} not found`);
  mkdirSync(base, { recursive: true });
  const out = execFileSync('npm', ['pack', CLIENT_NODE, '--silent', '--pack-destination', base], { encoding: 'utf8' });
  const tgz = out.trim().split('\n').pop()!;
  execFileSync('tar', ['xzf', join(base, tgz), '-C', base]);
  return models;
}

/** Interfaces/classes of a .d.ts file with their JSDoc and property types. */
function parseDts(file: string): Map<string, DocType> {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out = new Map<string, DocType>();
  const docOf = (n: ts.Node) => {
    const docs = (n as any).jsDoc as ts.JSDoc[] | undefined;
    const text = docs?.map((d) => (typeof d.comment === 'string' ? d.comment : '')).join('\n').trim();
    return text || undefined;
  };
  src.forEachChild((n) => {
    if (!ts.isInterfaceDeclaration(n) && !ts.isClassDeclaration(n)) return;
    if (!n.name) return;
    const fields = new Map<string, DocField>();
    for (const m of n.members as ts.NodeArray<ts.Node>) {
      if (!ts.isPropertySignature(m) && !ts.isPropertyDeclaration(m)) continue;
      if (ts.getCombinedModifierFlags(m as ts.Declaration) & ts.ModifierFlags.Static) continue;
      const name = m.name.getText(src).replace(/^['"]|['"]$/g, '');
      fields.set(name, { type: m.type?.getText(src) ?? '', doc: docOf(m) });
    }
    out.set(n.name.text, { doc: docOf(n), fields });
  });
  return out;
}

/** kubernetes-types interfaces by "version.GoName" (several groups may share a name: matched by fields later). */
function kubernetesTypes(): Map<string, DocType[]> {
  const dir = join(ROOT, 'node_modules/kubernetes-types');
  const byName = new Map<string, DocType[]>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.d.ts')) {
        const version = e.name.replace(/\.d\.ts$/, '');
        for (const [name, t] of parseDts(p)) {
          const key = `${version}.${name}`;
          byName.set(key, [...(byName.get(key) ?? []), t]);
        }
      }
    }
  };
  walk(dir);
  return byName;
}

const VERSION_PREFIX = /^(?:[A-Z][a-z]+)*?(V\d+(?:alpha\d+|beta\d+)?)(?=[A-Z])/;

/** V1PodSpec -> { pkg: 'v1', name: 'PodSpec' }; CoreV1Event -> { pkg: 'v1', name: 'Event' }. */
function goName(cls: string): { pkg: string; name: string } {
  const m = VERSION_PREFIX.exec(cls);
  if (!m) throw new Error(`cannot split ${cls}`);
  return { pkg: m[1].toLowerCase(), name: cls.slice(m[0].length) };
}

function main(): void {
  const modelsDir = clientNodeModels();
  const ktypes = kubernetesTypes();
  const attrCache = new Map<string, Attr[]>();
  const models = new Set(readdirSync(modelsDir).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)));

  const loadAttrs = async (cls: string): Promise<Attr[]> => {
    if (!attrCache.has(cls)) {
      const mod = await import(pathToFileURL(join(modelsDir, `${cls}.js`)).href);
      attrCache.set(cls, mod[cls].attributeTypeMap as Attr[]);
    }
    return attrCache.get(cls)!;
  };

  const kindClass = (group: string, version: string, kind: string): string => {
    const v = version[0].toUpperCase() + version.slice(1);
    const groupWord = group ? group.split('.')[0] : 'core';
    const prefixed = `${groupWord[0].toUpperCase()}${groupWord.slice(1)}${v}${kind}`;
    if (models.has(prefixed)) return prefixed;
    if (models.has(`${v}${kind}`)) return `${v}${kind}`;
    throw new Error(`no model for ${group}/${version} ${kind}`);
  };

  /** The kubernetes-types interface for a client model, chosen by shared field names when several groups match. */
  const docTypeFor = (cls: string, attrs: Attr[]): DocType | undefined => {
    const { pkg, name } = goName(cls);
    const cands = ktypes.get(`${pkg}.${name}`) ?? [];
    let best: DocType | undefined;
    let bestScore = 0;
    for (const c of cands) {
      const score = attrs.filter((a) => c.fields.has(a.baseName)).length;
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    return best;
  };

  const clientDocs = new Map<string, DocType | undefined>();
  const clientDocFor = (cls: string) => {
    if (!clientDocs.has(cls)) clientDocs.set(cls, parseDts(join(modelsDir, `${cls}.d.ts`)).get(cls));
    return clientDocs.get(cls);
  };

  const types: Record<string, { go: string; fields: Record<string, string> }> = {};
  const docs: Record<string, { doc?: string; fields: Record<string, string | undefined>; required: string[] }> = {};
  const refsOf = (t: string): string[] => {
    const inner = t.replace(/^(\[\]|\{\})+/, '');
    return /^[A-Z]/.test(inner) ? [inner] : [];
  };

  const fieldType = (attr: Attr, quantity: boolean): string => {
    const conv = (t: string): string => {
      const arr = /^Array<(.+)>$/.exec(t);
      if (arr) return `[]${conv(arr[1])}`;
      const map = /^\{ \[key: string\]: (.+); \}$/.exec(t);
      if (map) return `{}${conv(map[1])}`;
      switch (t) {
        case 'string':
          if (attr.format === 'byte') return 'bytes';
          return quantity ? 'quantity' : 'string';
        case 'number':
          if (attr.format === 'int32' || attr.format === 'int64') return attr.format;
          if (attr.format === 'double' || attr.format === '') return 'float64';
          throw new Error(`number format ${attr.format}`);
        case 'boolean':
          return 'bool';
        case 'Date':
          return 'time';
        case 'V1MicroTime':
          return 'microtime';
        case 'IntOrString':
          return 'intstr';
        case 'any':
          return 'any';
        default:
          if (!models.has(t)) throw new Error(`unknown type ${t} (${attr.name})`);
          return t;
      }
    };
    return conv(attr.type);
  };

  const visit = async (cls: string): Promise<void> => {
    if (types[cls]) return;
    const attrs = await loadAttrs(cls);
    const { pkg, name } = goName(cls);
    const entry = { go: `${pkg}.${name}`, fields: {} as Record<string, string> };
    types[cls] = entry;
    const kt = docTypeFor(cls, attrs);
    const cd = clientDocFor(cls);
    const doc: (typeof docs)[string] = { doc: cd?.doc ?? kt?.doc, fields: {}, required: [] };
    for (const a of attrs) {
      const ktField = kt?.fields.get(a.baseName);
      const isQuantity = !!ktField && /\bQuantity\b/.test(ktField.type);
      entry.fields[a.baseName] = fieldType(a, isQuantity);
      doc.fields[a.baseName] = cd?.fields.get(a.name)?.doc ?? ktField?.doc;
      if (cd?.fields.get(a.name) && !/\?$/.test(readOptional(modelsDir, cls, a.name))) doc.required.push(a.baseName);
    }
    docs[cls] = doc;
    for (const t of Object.values(entry.fields)) for (const r of refsOf(t)) await visit(r);
  };

  void (async () => {
    const kinds: Record<string, string> = {};
    for (const r of RESOURCES) {
      const cls = kindClass(r.group, r.version, r.kind);
      kinds[`${apiVersionOf(r)}/${r.kind}`] = cls;
      await visit(cls);
    }
    for (const cls of EXTRA_ROOTS) await visit(cls);
    const sorted = Object.fromEntries(Object.keys(types).sort().map((k) => [k, types[k]]));
    const source = `${CLIENT_NODE} (Kubernetes OpenAPI v1.33.0); resource.Quantity fields from kubernetes-types`;
    writeFileSync(OUT_TYPES, JSON.stringify({ source, kinds, types: sorted }) + '\n');
    mkdirSync(dirname(OUT_EDITOR), { recursive: true });
    writeFileSync(OUT_EDITOR, JSON.stringify(editorSchema(kinds, types, docs, source)) + '\n');
    console.log(`${Object.keys(types).length} types -> ${relative(ROOT, OUT_TYPES)}, ${relative(ROOT, OUT_EDITOR)}`);
  })();
}

const optionalCache = new Map<string, Map<string, string>>();
/** The property declaration text (`'name'?`) of a client model, to tell required fields. */
function readOptional(modelsDir: string, cls: string, prop: string): string {
  if (!optionalCache.has(cls)) {
    const text = readFileSync(join(modelsDir, `${cls}.d.ts`), 'utf8');
    const m = new Map<string, string>();
    for (const hit of text.matchAll(/^\s*'([^']+)'(\??):/gm)) m.set(hit[1], `${hit[1]}${hit[2]}`);
    optionalCache.set(cls, m);
  }
  return optionalCache.get(cls)!.get(prop) ?? `${prop}?`;
}

/** A draft-07 JSON Schema: definitions for every type, and one branch per kind selected by apiVersion + kind. */
function editorSchema(
  kinds: Record<string, string>,
  types: Record<string, { go: string; fields: Record<string, string> }>,
  docs: Record<string, { doc?: string; fields: Record<string, string | undefined>; required: string[] }>,
  source: string,
): unknown {
  const schemaOf = (t: string): Record<string, unknown> => {
    if (t.startsWith('[]')) return { type: 'array', items: schemaOf(t.slice(2)) };
    if (t.startsWith('{}')) return { type: 'object', additionalProperties: schemaOf(t.slice(2)) };
    switch (t) {
      case 'string':
      case 'bytes':
        return { type: 'string' };
      case 'time':
      case 'microtime':
        return { type: ['string', 'null'], format: 'date-time' };
      case 'int32':
      case 'int64':
        return { type: 'integer', format: t };
      case 'float64':
        return { type: 'number' };
      case 'bool':
        return { type: 'boolean' };
      case 'quantity':
        return { anyOf: [{ type: 'string' }, { type: 'number' }] };
      case 'intstr':
        return { anyOf: [{ type: 'string' }, { type: 'integer' }] };
      case 'any':
        return {};
      default:
        return { $ref: `#/definitions/${t}` };
    }
  };
  const definitions: Record<string, unknown> = {};
  for (const [cls, t] of Object.entries(types)) {
    const d = docs[cls];
    const properties: Record<string, unknown> = {};
    for (const [f, ft] of Object.entries(t.fields)) {
      const s = schemaOf(ft);
      const desc = d.fields[f];
      properties[f] = desc ? (s.$ref ? { allOf: [s], description: desc } : { ...s, description: desc }) : s;
    }
    definitions[cls] = {
      type: 'object',
      // The Go type name (DeploymentSpec): editors label object completions with it, not with the client's V1DeploymentSpec.
      title: t.go.slice(t.go.indexOf('.') + 1),
      ...(d.doc ? { description: d.doc } : {}),
      properties,
      ...(d.required.length ? { required: d.required } : {}),
      additionalProperties: false,
    };
  }
  for (const [key, cls] of Object.entries(kinds)) {
    const kind = key.slice(key.lastIndexOf('/') + 1);
    const apiVersion = key.slice(0, key.lastIndexOf('/'));
    const def = definitions[cls] as { properties: Record<string, any> };
    def.properties.apiVersion = { ...def.properties.apiVersion, enum: [apiVersion] };
    def.properties.kind = { ...def.properties.kind, enum: [kind] };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `Generated by scripts/gen-k8s-schema.ts from ${source}`,
    type: 'object',
    required: ['apiVersion', 'kind'],
    allOf: Object.entries(kinds).map(([key, cls]) => ({
      if: {
        properties: {
          apiVersion: { const: key.slice(0, key.lastIndexOf('/')) },
          kind: { const: key.slice(key.lastIndexOf('/') + 1) },
        },
      },
      then: { $ref: `#/definitions/${cls}` },
    })),
    properties: {
      apiVersion: { type: 'string', enum: [...new Set(Object.keys(kinds).map((k) => k.slice(0, k.lastIndexOf('/'))))] },
      kind: { type: 'string', enum: Object.keys(kinds).map((k) => k.slice(k.lastIndexOf('/') + 1)) },
    },
    definitions,
  };
}

main();
