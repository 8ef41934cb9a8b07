import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

const cm = (name: string, data: Record<string, string> = { a: '1' }, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});

describe('API server: create, get, list, update, delete', () => {
  it('creates an object with server-set metadata and serves it back', () => {
    const c = createCluster();
    const res = c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('app') });
    expect(res.status).toBe(201);
    const m = res.body.metadata;
    expect(m.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(m.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(m.namespace).toBe('default');
    const got = c.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/app' });
    expect(got.status).toBe(200);
    expect(got.body.data).toEqual({ a: '1' });
    expect(got.body.metadata.resourceVersion).toBe(m.resourceVersion);
  });

  it('answers NotFound and AlreadyExists with Status objects', () => {
    const c = createCluster();
    const miss = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/x' });
    expect(miss.status).toBe(404);
    expect(miss.body).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "x" not found', code: 404 });
    const dep = c.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' });
    expect(dep.body.message).toBe('deployments.apps "web" not found');
    c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('app') });
    const again = c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('app') });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('AlreadyExists');
    expect(again.body.message).toBe('configmaps "app" already exists');
  });

  it('refuses objects in a missing namespace', () => {
    const c = createCluster();
    const res = c.request({ method: 'POST', path: '/api/v1/namespaces/nope/configmaps', body: cm('app') });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('namespaces "nope" not found');
  });

  it('generates names from generateName', () => {
    const c = createCluster();
    const res = c.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-' } },
    });
    expect(res.body.metadata.name).toMatch(/^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('rejects a stale resourceVersion with 409 Conflict and keeps no-op updates free', () => {
    const c = createCluster();
    const created = c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('app') }).body;
    const first = c.request({
      method: 'PUT',
      path: '/api/v1/namespaces/default/configmaps/app',
      body: { ...created, data: { a: '2' } },
    });
    expect(first.status).toBe(200);
    expect(Number(first.body.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
    const stale = c.request({
      method: 'PUT',
      path: '/api/v1/namespaces/default/configmaps/app',
      body: { ...created, data: { a: '3' } },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe(
      'Operation cannot be fulfilled on configmaps "app": the object has been modified; please apply your changes to the latest version and try again',
    );
    const noop = c.request({ method: 'PUT', path: '/api/v1/namespaces/default/configmaps/app', body: first.body });
    expect(noop.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
  });

  it('lists with label selectors of every operator and with field selectors', () => {
    const c = createCluster();
    const mk = (n: string, labels: Record<string, string>) =>
      c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm(n, {}, labels) });
    mk('a', { app: 'web', tier: 'front' });
    mk('b', { app: 'web', tier: 'back' });
    mk('c', { app: 'db' });
    const names = (sel: string) =>
      c
        .request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps', query: { labelSelector: sel } })
        .body.items.map((o: any) => o.metadata.name);
    expect(names('app=web')).toEqual(['a', 'b']);
    expect(names('app==web,tier!=front')).toEqual(['b']);
    expect(names('tier in (front,back)')).toEqual(['a', 'b']);
    // kube-root-ca.crt (published in every namespace) has no app label, so notin matches it too.
    expect(names('app notin (web)')).toEqual(['c', 'kube-root-ca.crt']);
    expect(names('tier')).toEqual(['a', 'b']);
    expect(names('!tier')).toEqual(['c', 'kube-root-ca.crt']);
    const byName = c.request({
      method: 'GET',
      path: '/api/v1/configmaps?fieldSelector=metadata.name%3Db',
    });
    expect(byName.body.items.map((o: any) => o.metadata.name)).toEqual(['b']);
    const bad = c.request({ method: 'GET', path: '/api/v1/configmaps', query: { fieldSelector: 'spec.foo=x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('field label not supported: spec.foo');
  });

  it('pages lists with limit and continue', () => {
    const c = createCluster();
    for (const n of ['a', 'b', 'c']) c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm(n) });
    const page1 = c.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps?limit=2' }).body;
    expect(page1.items.map((o: any) => o.metadata.name)).toEqual(['a', 'b']);
    const page2 = c.request({
      method: 'GET',
      path: '/api/v1/namespaces/default/configmaps',
      query: { limit: '3', continue: page1.metadata.continue },
    }).body;
    expect(page2.items.map((o: any) => o.metadata.name)).toEqual(['c', 'kube-root-ca.crt']);
    expect(page2.metadata.continue).toBeUndefined();
  });
});

describe('watch', () => {
  it('replays changes after a resourceVersion and follows live ones', () => {
    const c = createCluster();
    const created = c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('app') }).body;
    c.request({ method: 'PUT', path: '/api/v1/namespaces/default/configmaps/app', body: { ...created, data: { a: '2' } } });
    const seen: string[] = [];
    const w = c.watchRequest(
      { method: 'GET', path: `/api/v1/namespaces/default/configmaps?resourceVersion=${created.metadata.resourceVersion}` },
      (e) => seen.push(`${e.type} ${e.object.metadata.name} ${e.object.data?.a}`),
    );
    expect(w.response.status).toBe(200);
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/app' });
    w.stop();
    c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('later') });
    expect(seen).toEqual(['MODIFIED app 2', 'DELETED app 2']);
  });

  it('answers 410 Gone for a resourceVersion that was compacted', () => {
    const c = createCluster();
    const first = c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a') }).body;
    c.advance(6 * 60 * 1000);
    c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('b') });
    c.advance(6 * 60 * 1000);
    c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('c') });
    c.advance(6 * 60 * 1000);
    const w = c.watchRequest(
      { method: 'GET', path: `/api/v1/namespaces/default/configmaps?resourceVersion=${first.metadata.resourceVersion}` },
      () => {},
    );
    expect(w.response.status).toBe(410);
    expect(w.response.body.reason).toBe('Expired');
    expect(w.response.body.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });
});

describe('determinism', () => {
  it('gives the same cluster for the same seed and inputs', () => {
    const run = (seed: number) => {
      const c = createCluster({ seed });
      c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'x-' } } });
      return JSON.stringify(c.request({ method: 'GET', path: '/api/v1/configmaps' }).body);
    };
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
  });
});
