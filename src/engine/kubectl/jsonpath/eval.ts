/** Evaluation of Kubernetes JSONPath (k8s.io/client-go/util/jsonpath/jsonpath.go), over JSON-decoded values. */
import { GoFloat, goFloat, goJson, goValue } from '../printers/go-format';
import type { ListNode, Node } from './nodes';
import { parse } from './parser';

export class JsonPathExecError extends Error {}

type Kind = 'bool' | 'int' | 'float' | 'string';

function kindOf(v: unknown): Kind | undefined {
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  return undefined;
}

const num = (v: unknown) => (v instanceof GoFloat ? v.value : (v as number));

/** The text/template comparison functions the filter uses (forked golang template funcs.go). */
function compare(op: string, a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (!ka || !kb) throw new JsonPathExecError('invalid type for comparison');
  if (ka !== kb) throw new JsonPathExecError('incompatible types for comparison');
  const eq = () => (ka === 'int' || ka === 'float' ? num(a) === num(b) : a === b);
  const less = () => {
    if (ka === 'bool') throw new JsonPathExecError('invalid type for comparison');
    return ka === 'string' ? (a as string) < (b as string) : num(a) < num(b);
  };
  switch (op) {
    case '==':
      return eq();
    case '!=':
      return !eq();
    case '<':
      return less();
    case '<=':
      return less() || eq();
    case '>':
      return !(less() || eq());
    case '>=':
      return !less();
    default:
      throw new JsonPathExecError(`unrecognized filter operator ${op}`);
  }
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoFloat);

/** Go type names in error texts. */
function goTypeName(v: unknown): string {
  if (isMap(v)) return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'interface {}';
}

/** Children of a value for `*` and `..`; map keys in sorted order (Go's order is random). */
function children(v: unknown): unknown[] {
  if (isMap(v)) return Object.keys(v).sort().map((k) => v[k]);
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v].map((c) => c.codePointAt(0));
  return [];
}

export class JsonPath {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;
  private readonly root: ListNode;

  constructor(
    template: string,
    private readonly allowMissingKeys = true,
  ) {
    this.root = parse(template);
  }

  /** The values each part of the template selects, as FindResults returns them. */
  findResults(data: unknown, nodes: Node[] = this.root.nodes): unknown[][] {
    const cur: unknown[] = [data];
    const full: unknown[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, nodes.slice(i + 1)));
        } else {
          this.findResults(null, nodes.slice(i + 1));
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  /** The printed output: results of one part separated by spaces. */
  execute(data: unknown, asJson = false): string {
    return this.findResults(data)
      .map((r) => printResults(r, asJson))
      .join('');
  }

  private walk(value: unknown[], node: Node): unknown[] {
    switch (node.type) {
      case 'list':
        return this.evalList(value, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(value, node.name);
      case 'array':
        return this.evalArray(value, node);
      case 'filter':
        return this.evalFilter(value, node);
      case 'int':
        return value.map(() => node.value);
      case 'float':
        return value.map(() => new GoFloat(node.value));
      case 'bool':
        return value.map(() => node.value);
      case 'wildcard':
        return value.filter((v) => v !== null && v !== undefined).flatMap(children);
      case 'recursive':
        return this.evalRecursive(value);
      case 'union':
        return node.nodes.flatMap((l) => this.evalList(value, l));
      case 'identifier':
        return this.evalIdentifier(value, node.name);
    }
  }

  private evalList(value: unknown[], node: ListNode): unknown[] {
    let cur = value;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: unknown[], name: string): unknown[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JsonPathExecError('not in range, nothing to end');
    }
    throw new JsonPathExecError(`unrecognized identifier ${name}`);
  }

  private evalField(input: unknown[], name: string): unknown[] {
    const results: unknown[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (isMap(value) && Object.prototype.hasOwnProperty.call(value, name)) results.push(value[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathExecError(`${name} is not found`);
    return results;
  }

  private evalArray(input: unknown[], node: Extract<Node, { type: 'array' }>): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value)) throw new JsonPathExecError(`${goTypeName(value)} is not array or slice`);
      const p = node.params.map((x) => ({ ...x }));
      const len = value.length;
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len;
      if (p[1].value === p[0].value) return result;
      if (p[0].value >= len || p[0].value < 0) {
        throw new JsonPathExecError(`array index out of bounds: index ${p[0].value}, length ${len}`);
      }
      if (p[1].value > len || p[1].value < 0) {
        throw new JsonPathExecError(`array index out of bounds: index ${p[1].value - 1}, length ${len}`);
      }
      if (p[0].value > p[1].value) {
        throw new JsonPathExecError(`starting index ${p[0].value} is greater than ending index ${p[1].value}`);
      }
      const slice = value.slice(p[0].value, p[1].value);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new JsonPathExecError('step must be > 0');
        step = p[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      const kids = children(value);
      if (kids.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: unknown[], node: Extract<Node, { type: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) throw new JsonPathExecError(`${goValue(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        let lefts: unknown[];
        try {
          lefts = this.evalList([item], node.left);
        } catch (e) {
          if (node.operator === 'exists') continue;
          throw e;
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        const rights = this.evalList([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

/** PrintResults: maps and lists as compact JSON, scalars as Go prints them, separated by spaces. */
export function printResults(results: unknown[], asJson = false): string {
  if (asJson) return goJson(results.map((r) => (r instanceof GoFloat ? r.value : r)), '    ') + '\n';
  return results
    .map((r) => {
      if (r === null || r === undefined) return 'null';
      if (typeof r === 'object' && !(r instanceof GoFloat)) return goJson(r);
      if (r instanceof GoFloat) return goFloat(r.value);
      return goValue(r);
    })
    .join(' ');
}
