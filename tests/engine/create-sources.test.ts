import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import type { FileSystem } from '../../src/engine/types';

function memFs(files: Record<string, string>): FileSystem {
  return {
    readFile: (p) => files[p],
    readDir: (p) => {
      const names = new Set<string>();
      for (const f of Object.keys(files)) if (f.startsWith(p + '/')) names.add(f.slice(p.length + 1).split('/')[0]);
      return names.size ? [...names] : undefined;
    },
    join: (d, n) => `${d}/${n}`,
  };
}

describe('kubectl create: data from files, names, several objects', () => {
  const fs = memFs({
    '/w/f.txt': 'hello\n',
    '/w/env.txt': 'A=1\n# comment\n  B=two=2\nexport=3\n',
    '/w/bad.env': 'B =2\n',
    '/w/conf/a.properties': 'x=1\n',
    '/w/conf/b.properties': 'y=2\n',
  });

  it('--from-file reads a file (key = file name or given key) and a directory', () => {
    const c = createCluster({ fs });
    const cm = JSON.parse(c.kubectl('kubectl create configmap c --from-file=k=/w/f.txt --from-literal=x=1 -o json --dry-run=client').stdout);
    expect(cm.data).toEqual({ k: 'hello\n', x: '1' });
    const dir = JSON.parse(c.kubectl('kubectl create configmap d --from-file=/w/conf -o json --dry-run=client').stdout);
    expect(dir.data).toEqual({ 'a.properties': 'x=1\n', 'b.properties': 'y=2\n' });
    const sec = JSON.parse(c.kubectl('kubectl create secret generic s --from-literal=u=admin --from-file=/w/f.txt --type=Opaque --dry-run=client -o json').stdout);
    expect(sec.data).toEqual({ 'f.txt': 'aGVsbG8K', u: 'YWRtaW4=' });
    expect(c.kubectl('kubectl create configmap e --from-file=/w/nope').stderr).toBe('error: error reading /w/nope: no such file or directory\n');
  });

  it('--from-env-file reads KEY=VALUE lines as kubectl does', () => {
    const c = createCluster({ fs });
    const r = c.kubectl('kubectl create secret generic s --from-env-file=/w/env.txt --dry-run=client -o yaml');
    expect(r.stdout).toBe(`apiVersion: v1
data:
  A: MQ==
  B: dHdvPTI=
  export: Mw==
kind: Secret
metadata:
  creationTimestamp: null
  name: s
`);
    expect(c.kubectl('kubectl create configmap e --from-env-file=/w/bad.env').stderr).toMatch(/^error: "B " is not a valid key name: a valid environment variable name/);
  });

  it('explains that files cannot be read in the browser', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl create configmap c --from-file=f.txt').stderr).toMatch(/^error: error reading f.txt: there is no file system here/);
  });

  it('derives container names from images as kubectl does', () => {
    const c = createCluster();
    const dep = JSON.parse(c.kubectl('kubectl create deployment my.app --image=registry.io/team/my_app:1.0 --image=redis@sha256:abc --dry-run=client -o json').stdout);
    expect(dep.spec.template.spec.containers[0].name).toMatch(/^my-app-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(dep.spec.template.spec.containers[1].name).toBe('redis');
    expect(dep.metadata.labels).toEqual({ app: 'my.app' });
  });

  it('prints several objects as YAML documents separated by ---', () => {
    const c = createCluster();
    const two = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n';
    expect(c.kubectl('kubectl create -f - --dry-run=client -o yaml', two).stdout).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
    );
    expect(c.kubectl('kubectl create -f - --dry-run=client', two).stdout).toBe('configmap/a created (dry run)\nconfigmap/b created (dry run)\n');
  });
});
