import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import type { Cluster } from '../../src/engine/cluster';

function cm(c: Cluster, name: string, labels: Record<string, string> = {}, namespace = 'default') {
  const res = c.request({
    method: 'POST',
    path: `/api/v1/namespaces/${namespace}/configmaps`,
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { k: 'v' } },
  });
  expect(res.status).toBe(201);
}

describe('kubectl describe: arguments and errors', () => {
  it('asks for a type when none is given', () => {
    const r = createCluster().kubectl('describe');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
  });

  it('rejects an unknown resource type', () => {
    const r = createCluster().kubectl('describe flurbs x');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: the server doesn\'t have a resource type "flurbs"\n');
  });

  it('reports a missing object as the server does', () => {
    const c = createCluster();
    const r = c.kubectl('describe pod nope');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(c.kubectl('describe deployment/nope').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it('says No resources found when a type has no objects', () => {
    const c = createCluster();
    const r = c.kubectl('describe deployments');
    expect(r).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    c.request({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } } });
    expect(c.kubectl('describe cm -n shop -l app=x').stderr).toBe('No resources found in shop namespace.\n');
    expect(c.kubectl('describe sts -A').stderr).toBe('No resources found\n');
  });

  it('describes every object whose name starts with the given name when none matches exactly', () => {
    const c = createCluster();
    cm(c, 'web-a');
    cm(c, 'web-b');
    cm(c, 'other');
    const r = c.kubectl('describe configmap web');
    expect(r.exitCode).toBe(0);
    const names = [...r.stdout.matchAll(/^Name:\s+(\S+)$/gm)].map((m) => m[1]);
    expect(names).toEqual(['web-a', 'web-b']);
    // Each prefix match is followed by a blank line, as DescribeMatchingResources prints "%s\n".
    expect(r.stdout.endsWith('Events:  <none>\n\n')).toBe(true);
    // TYPE/NAME never falls back to prefix matching.
    expect(c.kubectl('describe configmap/web').stderr).toBe('Error from server (NotFound): configmaps "web" not found\n');
  });

  it('describes an exact name only, even when other names share the prefix', () => {
    const c = createCluster();
    cm(c, 'web');
    cm(c, 'web-b');
    const r = c.kubectl('describe cm web');
    expect([...r.stdout.matchAll(/^Name:\s+(\S+)$/gm)].map((m) => m[1])).toEqual(['web']);
  });

  it('separates several described objects with two blank lines and filters with -l', () => {
    const c = createCluster();
    cm(c, 'a', { app: 'x' });
    cm(c, 'b', { app: 'x' });
    cm(c, 'c', { app: 'y' });
    const r = c.kubectl('describe cm -l app=x');
    const names = [...r.stdout.matchAll(/^Name:\s+(\S+)$/gm)].map((m) => m[1]);
    expect(names).toEqual(['a', 'b']);
    expect(r.stdout).toContain('Events:  <none>\n\n\nName:         b\n');
    expect(c.kubectl('describe cm a -l app=x').stderr).toBe('error: name cannot be provided when a selector is specified\n');
  });

  it('describes across namespaces with -A and leaves events out with --show-events=false', () => {
    const c = createCluster();
    c.request({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } } });
    cm(c, 'cfg', {}, 'shop');
    const all = c.kubectl('describe cm -A');
    expect(all.stdout).toContain('Name:         cfg\nNamespace:    shop\n');
    expect(all.stdout).toContain('Events:  <none>');
    const quiet = c.kubectl('describe cm cfg -n shop --show-events=false');
    expect(quiet.stdout).not.toContain('Events:');
    expect(c.kubectl('describe cm cfg -A').stderr).toBe('error: a resource cannot be retrieved by name across all namespaces\n');
  });

  it('prints the found objects and then each missing one', () => {
    const c = createCluster();
    cm(c, 'a');
    const r = c.kubectl('describe cm a x y');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Name:         a\n');
    expect(r.stderr).toBe('Error from server (NotFound): configmaps "x" not found\nError from server (NotFound): configmaps "y" not found\n');
  });

  it('describes the objects a manifest names with -f', () => {
    const c = createCluster();
    cm(c, 'app-config');
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gone\n';
    const r = c.kubectl('describe -f -', manifest);
    expect(r.stdout).toMatch(/^Name: +app-config\n/);
    expect(r.stderr).toBe('Error from server (NotFound): configmaps "gone" not found\n');
    expect(r.exitCode).toBe(1);
  });
});
