/** The --for conditions of `kubectl wait` (pkg/cmd/wait): delete, create, condition=NAME[=VALUE], jsonpath=EXPR[=VALUE]. */
import type { KObject } from '../../types';
import { KubectlError } from '../errors';
import { JsonPath, JsonPathExecError, JsonPathParseError, relaxedJsonPathExpression } from '../jsonpath';

export type WaitCondition =
  | { type: 'delete' }
  | { type: 'create' }
  | { type: 'check'; check: (obj: KObject) => boolean };

/** Split on `=` but keep `==` (splitJSONPathInput). */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      out.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}

function conditionCheck(name: string, status: string) {
  return (obj: KObject): boolean => {
    for (const c of obj.status?.conditions ?? []) {
      if (typeof c?.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase()) continue;
      if (typeof c.status !== 'string') continue;
      const generation = obj.metadata.generation;
      if (typeof generation === 'number') {
        const observed = typeof c.observedGeneration === 'number' ? c.observedGeneration : obj.status?.observedGeneration;
        if (typeof observed === 'number' && observed < generation) return false;
      }
      return c.status.toLowerCase() === status.toLowerCase();
    }
    return false;
  };
}

function jsonPathCheck(input: string) {
  const parts = splitJsonPathInput(input);
  if (parts.length < 1 || parts.length > 2) {
    throw new KubectlError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  }
  let expr: string;
  try {
    expr = relaxedJsonPathExpression(parts[0]);
  } catch (e) {
    throw new KubectlError((e as Error).message);
  }
  let value = '';
  if (parts.length === 2) {
    value = parts[1].replace(/^['"]+|['"]+$/g, '');
    if (!value) throw new KubectlError("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  }
  if (!expr) throw new KubectlError('jsonpath expression cannot be empty');
  try {
    new JsonPath(expr);
  } catch (e) {
    if (e instanceof JsonPathParseError) throw new KubectlError(e.message);
    throw e;
  }
  return (obj: KObject): boolean => {
    let results: unknown[][];
    try {
      results = new JsonPath(expr, true).findResults(obj);
    } catch (e) {
      if (e instanceof JsonPathExecError) throw new KubectlError(e.message);
      throw e;
    }
    if (!results.length || !results[0].length) return false;
    if (results.length > 1) throw new KubectlError('given jsonpath expression matches more than one list');
    if (results[0].length > 1) throw new KubectlError('given jsonpath expression matches more than one value');
    if (!value) return true;
    const v = results[0][0];
    if (v !== null && typeof v === 'object') throw new KubectlError('jsonpath leads to a nested object or list which is not supported');
    return String(v ?? '<nil>').trim() === value.trim();
  };
}

export function parseCondition(spec: string): WaitCondition {
  const lower = spec.toLowerCase();
  if (lower === 'delete') return { type: 'delete' };
  if (lower === 'create') return { type: 'create' };
  if (spec.startsWith('condition=')) {
    let name = spec.slice('condition='.length);
    let status = 'true';
    const eq = name.indexOf('=');
    if (eq >= 0) {
      status = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return { type: 'check', check: conditionCheck(name, status) };
  }
  if (spec.startsWith('jsonpath=')) return { type: 'check', check: jsonPathCheck(spec.slice('jsonpath='.length)) };
  throw new KubectlError(`unrecognized condition: "${spec}"`);
}
