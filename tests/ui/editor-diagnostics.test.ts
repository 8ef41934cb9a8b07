import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine/cluster';
import { applyDiagnostics, splitErrors } from '../../src/ui/editor/apply-diagnostics';
import { parseFieldPath, readDocuments } from '../../src/ui/editor/yaml-locate';

/** What the editor does on Apply: the buffer through `kubectl apply -f -`, then stderr mapped onto the buffer. */
function apply(text: string) {
  const cluster = createCluster({ seed: 1 });
  const result = cluster.kubectl('kubectl apply -f -', text);
  return { result, diagnostics: applyDiagnostics(text, result.stderr) };
}

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('apply errors become markers at the right line and column', () => {
  it('puts a YAML syntax error where the engine says, in a later document of the file', () => {
    const text = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: a', '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: b', ' data: x');
    const { result, diagnostics } = apply(text);
    expect(result.stdout).toBe('configmap/a created\n');
    expect(result.stderr).toContain('(document 2)');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ line: 10, column: 1 });
    expect(diagnostics[0].message).toContain('error converting YAML to JSON');
  });

  it('marks a tab used as indentation', () => {
    const { diagnostics } = apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n');
    expect(diagnostics).toMatchObject([{ line: 4, column: 1 }]);
    expect(diagnostics[0].message).toContain('tabs are not allowed');
  });

  it('points each field of an Invalid object at its key, found by kind and name', () => {
    const text = lines(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: ok1',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  replicas: 1',
      '  template:',
      '    metadata:',
      '      labels: {app: web}',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: nginx',
    );
    const { result, diagnostics } = apply(text);
    expect(result.stderr).toContain('The Deployment "web" is invalid');
    // spec.selector is missing: the marker goes on the deepest key that exists, `spec:`.
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatchObject({ line: 10, column: 1, message: 'spec.selector: Required value' });
    expect(diagnostics[1]).toMatchObject({ line: 14, column: 7 });
    expect(diagnostics[1].message).toMatch(/^spec\.template\.metadata\.labels: Invalid value/);
  });

  it('uses "(document N, line L)" when several objects fail', () => {
    const text = lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  containerz: []',
      '---',
      'apiVersion: v1',
      'kind: Foo',
      'metadata:',
      '  name: x',
    );
    const { result, diagnostics } = apply(text);
    expect(result.stderr).toContain('(document 1, line 1)');
    expect(result.stderr).toContain('(document 2, line 8)');
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics.find((d) => d.message.includes('containerz'))).toMatchObject({ line: 6, column: 3 });
    expect(diagnostics.find((d) => d.message.includes('Foo'))).toMatchObject({ line: 9, column: 1 });
  });

  it('finds the field of a type error in a single document', () => {
    const text = lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web2', 'spec:', '  replicas: "three"');
    const { result, diagnostics } = apply(text);
    expect(result.stderr).toContain('Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(diagnostics).toMatchObject([{ line: 6, column: 3, endColumn: 20 }]);
  });

  it('marks the document of a missing kind at its start', () => {
    const { diagnostics } = apply(lines('# a comment', 'apiVersion: v1', 'metadata:', '  name: p'));
    expect(diagnostics).toMatchObject([{ line: 2, column: 1 }]);
    expect(diagnostics[0].message).toContain('kind not set');
  });

  it('ignores warnings and reports nothing when the apply succeeds', () => {
    expect(splitErrors('Warning: resource deployments/web is missing the annotation\n')).toEqual([]);
    const { result, diagnostics } = apply(lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: fine'));
    expect(result).toMatchObject({ exitCode: 0, stdout: 'configmap/fine created\n', stderr: '' });
    expect(diagnostics).toEqual([]);
  });
});

describe('locating fields in the buffer', () => {
  it('parses field paths with indexes and keys that hold dots', () => {
    expect(parseFieldPath('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  });

  it('finds list items, and list fields named without an index', () => {
    const text = lines('kind: Pod', 'spec:', '  containers:', '  - name: a', '  - name: b', '    image: x');
    const [doc] = readDocuments(text);
    expect(doc.locate(['spec', 'containers', 1, 'image'])).toMatchObject({ line: 6, column: 5 });
    expect(doc.locate(['spec', 'containers', 'image'])).toMatchObject({ line: 6, column: 5 });
  });
});

describe('several invalid objects in one apply', () => {
  it('marks every field of every object, each in its own document', () => {
    const deployment = (name: string, replicas: string) =>
      lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, 'spec:', `  replicas: ${replicas}`, '  template:', '    metadata:', '      labels: {app: x}');
    const text = `${deployment('one', '1')}---\n${deployment('two', '-1')}`;
    const { result, diagnostics } = apply(text);
    expect(result.stderr).toContain('Error from server (Invalid): error when creating "STDIN" (document 2, line 11)');
    expect(diagnostics.map((d) => [d.line, d.column])).toEqual([
      [5, 1], // document 1: spec.selector missing -> `spec:`
      [9, 7], // labels
      [7, 3], // spec.template.spec.containers missing -> `template:`
      [16, 3], // document 2: replicas: -1
      [15, 1],
      [19, 7],
      [17, 3],
    ]);
    expect(diagnostics[3].message).toBe('spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(diagnostics[5].message).toBe('spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`');
  });
});
