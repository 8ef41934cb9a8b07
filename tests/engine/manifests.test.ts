import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import type { FileSystem } from '../../src/engine/types';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;

function memFs(files: Record<string, string>): FileSystem {
  return {
    readFile: (p) => files[p],
    readDir: (p) => {
      const prefix = p.endsWith('/') ? p : p + '/';
      const names = new Set<string>();
      for (const f of Object.keys(files)) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]);
      return names.size ? [...names] : undefined;
    },
    join: (d, n) => `${d.replace(/\/$/, '')}/${n}`,
  };
}

describe('manifests: reading -f input', () => {
  it('creates every document of a multi-document stream and skips empty documents', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl create -f -', `${cm('a')}---\n# only a comment\n---\n${cm('b')}`);
    expect(r.stdout).toBe('configmap/a created\nconfigmap/b created\n');
    expect(r.exitCode).toBe(0);
  });

  it('reports a YAML syntax error with kubectl text plus document and line:column, and still creates the others', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl create -f -', `${cm('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  x: [1\n`);
    expect(r.stdout).toBe('configmap/a created\n');
    expect(r.stderr).toMatch(/^error: error parsing STDIN \(document 2\): error converting YAML to JSON: yaml: line 13, column 8: flow sequence in block collection/);
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/b' }).status).toBe(404);
  });

  it('reports missing apiVersion and kind with the real validation text', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl create -f -', 'metadata:\n  name: a\n');
    expect(r.stderr).toBe(
      'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    expect(r.exitCode).toBe(1);
  });

  it('reports an unknown kind as a resource mapping error (CRDs hint)', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl create -f -', 'apiVersion: v1\nkind: Flurb\nmetadata:\n  name: x\n');
    expect(r.stderr).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Flurb" in version "v1"\nensure CRDs are installed first\n',
    );
  });

  it('names the document and line of each bad document in a multi-document source (several errors, no error: prefix)', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl create -f -', `${cm('a')}---\nkind: ConfigMap\nmetadata:\n  name: b\n---\napiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: old\n`);
    expect(r.stdout).toBe('configmap/a created\n');
    expect(r.stderr).toBe(
      'error validating "STDIN" (document 2, line 8): error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n' +
        'resource mapping not found for name: "old" namespace: "" from "STDIN" (document 3, line 12): no matches for kind "Deployment" in version "apps/v1beta1"\nensure CRDs are installed first\n',
    );
  });

  it('stops alias bombs', () => {
    const c = createCluster();
    let bomb = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\na: &a ["x","x","x","x","x","x","x","x","x"]\n';
    let prev = 'a';
    for (const n of 'bcdefghi') {
      bomb += `${n}: &${n} [${Array(9).fill('*' + prev).join(',')}]\n`;
      prev = n;
    }
    const r = c.kubectl('kubectl create -f -', bomb);
    expect(r.stderr).toMatch(/^error: error parsing STDIN \(document 1\): error converting YAML to JSON: yaml: line 1: document contains excessive aliasing/);
    expect(r.exitCode).toBe(1);
  });

  it('reads YAML as kubectl does (YAML 1.1: 0644 is octal, yes is a boolean)', () => {
    const c = createCluster();
    c.kubectl('kubectl create -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n  labels:\n    mode: "0644"\ndata:\n  n: "1"\n');
    const r = c.kubectl('kubectl create -f - --dry-run=client -o json', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nx: 0644\nflag: yes\n');
    expect(JSON.parse(r.stdout)).toMatchObject({ x: 420, flag: true });
  });

  it('creates 1000 documents from one file and reports the invalid ones', () => {
    const c = createCluster();
    let text = '';
    for (let i = 0; i < 1000; i++) text += i % 100 === 99 ? `---\nkind: ConfigMap\nmetadata:\n  name: bad${i}\n` : `---\n${cm(`c${i}`)}`;
    const r = c.kubectl('kubectl create -f -', text);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(990);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(10);
  });

  it('lets the server refuse a 5 MB manifest per document (413) and creates the rest', () => {
    const c = createCluster();
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: ${'x'.repeat(5 * 1024 * 1024)}\n`;
    const r = c.kubectl('kubectl create -f big.yaml', undefined);
    expect(r.stderr).toContain('there is no file system here');
    const c2 = createCluster({ fs: memFs({ '/m/big.yaml': `${cm('small')}---\n${big}` }) });
    const r2 = c2.kubectl('kubectl create -f /m/big.yaml');
    expect(r2.stdout).toBe('configmap/small created\n');
    expect(r2.stderr).toMatch(/error when creating "\/m\/big.yaml" \(document 2, line 8\): /);
    expect(r2.stderr).toContain('3145728');
  });

  it('reads directories (sorted, .yaml/.yml/.json only; -R for subdirectories) and reports missing paths', () => {
    const fs = memFs({
      '/d/b.yaml': cm('b'),
      '/d/a.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }),
      '/d/notes.txt': 'hello',
      '/d/sub/c.yml': cm('c'),
    });
    const c = createCluster({ fs });
    expect(c.kubectl('kubectl create -f /d').stdout).toBe('configmap/a created\nconfigmap/b created\n');
    expect(c.kubectl('kubectl create -f /d -R --dry-run=client -o name').stdout).toBe('configmap/a\nconfigmap/b\nconfigmap/c\n');
    expect(c.kubectl('kubectl create -f /nope.yaml').stderr).toBe('error: the path "/nope.yaml" does not exist\n');
  });

  it('explains that URLs cannot be read without a network', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl create -f https://k8s.io/examples/pods/simple-pod.yaml');
    expect(r.stderr).toMatch(/^error: unable to read URL "https:\/\/k8s.io\/examples\/pods\/simple-pod.yaml": .*no network/);
  });

  it('refuses a document in another namespace than an explicit -n, with the real message', () => {
    const c = createCluster();
    c.kubectl('kubectl create namespace a');
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: a\n';
    expect(c.kubectl('kubectl create -f - -n default', doc).stderr).toBe(
      "error: the namespace from the provided object \"a\" does not match the namespace \"default\". You must pass '--namespace=a' to perform this operation.\n",
    );
    expect(c.kubectl('kubectl create -f -', doc).stdout).toBe('configmap/x created\n');
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/a/configmaps/x' }).status).toBe(200);
  });

  it('expands a kind: List into its items', () => {
    const c = createCluster();
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'l1' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'l2' } }] };
    expect(c.kubectl('kubectl create -f -', JSON.stringify(list)).stdout).toBe('configmap/l1 created\nconfigmap/l2 created\n');
  });
});
