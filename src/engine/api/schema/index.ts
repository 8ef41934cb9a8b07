/**
 * The Go types behind the served kinds, as the decoder needs them: per struct a table of JSON field -> type, plus
 * the names Go prints in decode errors. Generated from Kubernetes' own definitions by scripts/gen-k8s-schema.ts.
 */
import data from './k8s-types.json';

export type ScalarKind =
  | 'string'
  | 'int32'
  | 'int64'
  | 'float64'
  | 'bool'
  | 'quantity' // resource.Quantity: string or number, parsed
  | 'intstr' // intstr.IntOrString
  | 'time' // metav1.Time (RFC3339)
  | 'microtime' // metav1.MicroTime (RFC3339 with 6 fraction digits)
  | 'bytes' // []byte: base64 text
  | 'any'; // raw JSON (FieldsV1 and the like)

export type TypeSpec =
  | { kind: ScalarKind; go: string }
  | { kind: 'array'; go: string; elem: TypeSpec }
  | { kind: 'map'; go: string; elem: TypeSpec }
  | StructSpec;

export interface StructSpec {
  kind: 'struct';
  /** reflect's Type.String(): `v1.DeploymentSpec`. */
  go: string;
  /** reflect's Type.Name(), used in `Go struct field DeploymentSpec.spec.replicas`. */
  name: string;
  fields: Map<string, TypeSpec>;
}

const GO_SCALAR: Record<ScalarKind, string> = {
  string: 'string',
  int32: 'int32',
  int64: 'int64',
  float64: 'float64',
  bool: 'bool',
  quantity: 'resource.Quantity',
  intstr: 'intstr.IntOrString',
  time: 'v1.Time',
  microtime: 'v1.MicroTime',
  bytes: '[]uint8',
  any: 'v1.FieldsV1',
};

interface RawData {
  kinds: Record<string, string>;
  types: Record<string, { go: string; fields: Record<string, string> }>;
}

const raw = data as RawData;
const structs = new Map<string, StructSpec>();
const scalars = new Map<string, TypeSpec>();

function structSpec(id: string): StructSpec {
  let s = structs.get(id);
  if (s) return s;
  const t = raw.types[id];
  if (!t) throw new Error(`schema: unknown type ${id}`);
  s = { kind: 'struct', go: t.go, name: t.go.slice(t.go.indexOf('.') + 1), fields: new Map() };
  structs.set(id, s); // before the fields: types may refer to themselves
  for (const [field, ft] of Object.entries(t.fields)) s.fields.set(field, typeSpec(ft));
  return s;
}

/** "[]{}quantity" -> array of map of quantity; "V1PodSpec" -> the struct. */
function typeSpec(t: string): TypeSpec {
  if (t.startsWith('[]') || t.startsWith('{}')) {
    const elem = typeSpec(t.slice(2));
    return t[0] === '['
      ? { kind: 'array', go: `[]${elem.go}`, elem }
      : { kind: 'map', go: `map[string]${elem.go}`, elem };
  }
  if (t in GO_SCALAR) {
    let s = scalars.get(t);
    if (!s) scalars.set(t, (s = { kind: t as ScalarKind, go: GO_SCALAR[t as ScalarKind] }));
    return s;
  }
  return structSpec(t);
}

/** The struct of a served kind, by apiVersion and kind ("apps/v1", "Deployment"). */
export function kindSpec(apiVersion: string, kind: string): StructSpec | undefined {
  const id = raw.kinds[`${apiVersion}/${kind}`];
  return id ? structSpec(id) : undefined;
}
