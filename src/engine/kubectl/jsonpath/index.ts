/** Kubernetes JSONPath: `kubectl get -o jsonpath=...`, custom-columns and --sort-by share it. */
export { JsonPath, JsonPathExecError, printResults } from './eval';
export { JsonPathParseError, parse as parseJsonPath } from './parser';
export { relaxedJsonPathExpression } from './relaxed';
