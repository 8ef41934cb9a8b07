import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const CM = '/api/v1/namespaces/default/configmaps';

function deployment(containers: unknown[] = [{ name: 'web', image: 'nginx:1.25' }, { name: 'log', image: 'busybox' }]) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers } },
    },
  };
}

function withDeployment() {
  const c = createCluster();
  const res = c.request({ method: 'POST', path: DEPLOY, body: deployment() });
  expect(res.status).toBe(201);
  const smp = (body: unknown) =>
    c.request({ method: 'PATCH', path: `${DEPLOY}/web`, body, contentType: 'application/strategic-merge-patch+json' });
  return { c, smp };
}

describe('strategic merge patch', () => {
  it('merges containers by name and keeps the others', () => {
    const { smp } = withDeployment();
    const res = smp({ spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } });
    expect(res.status).toBe(200);
    expect(res.body.spec.template.spec.containers).toMatchObject([
      { name: 'web', image: 'nginx:1.27' },
      { name: 'log', image: 'busybox' },
    ]);
  });

  it('merges env by name, ports by containerPort, and deletes an element with $patch: delete', () => {
    const { smp } = withDeployment();
    smp({ spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] }] } } } });
    const res = smp({
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'web', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 80, name: 'http' }] },
              { name: 'log', $patch: 'delete' },
            ],
          },
        },
      },
    });
    const containers = res.body.spec.template.spec.containers;
    expect(containers).toHaveLength(1);
    expect(containers[0].env).toEqual([
      { name: 'B', value: '2' },
      { name: 'A', value: '1' },
    ]);
    expect(containers[0].ports).toMatchObject([{ containerPort: 80, name: 'http' }]);
  });

  it('replaces a whole list with $patch: replace and clears strategy keys with $retainKeys', () => {
    const { smp } = withDeployment();
    const res = smp({
      spec: {
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
        template: { spec: { containers: [{ name: 'only', image: 'redis' }, { $patch: 'replace' }] } },
      },
    });
    expect(res.body.spec.strategy).toEqual({ type: 'Recreate' });
    expect(res.body.spec.template.spec.containers).toHaveLength(1);
    expect(res.body.spec.template.spec.containers[0]).toMatchObject({ name: 'only', image: 'redis' });
  });

  it('orders a merged list with $setElementOrder and removes set members with $deleteFromPrimitiveList', () => {
    const { c, smp } = withDeployment();
    const res = smp({
      spec: { template: { spec: { containers: [{ name: 'new', image: 'redis' }], '$setElementOrder/containers': [{ name: 'new' }, { name: 'log' }, { name: 'web' }] } } },
    });
    expect(res.body.spec.template.spec.containers.map((x: { name: string }) => x.name)).toEqual(['new', 'log', 'web']);

    c.request({ method: 'POST', path: CM, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', finalizers: ['a.io/x', 'b.io/y'] } } });
    const cm = c.request({
      method: 'PATCH',
      path: `${CM}/cfg`,
      body: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.io/x'], finalizers: ['c.io/z'] } },
      contentType: 'application/strategic-merge-patch+json',
    });
    // Patch items come before server-only ones when the live order says nothing about them (as in apimachinery).
    expect(cm.body.metadata.finalizers).toEqual(['c.io/z', 'b.io/y']);
  });

  it('replaces lists without a merge strategy (tolerations, args) like a merge patch', () => {
    const { smp } = withDeployment();
    smp({ spec: { template: { spec: { tolerations: [{ key: 'a', operator: 'Exists' }] } } } });
    const res = smp({ spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } });
    expect(res.body.spec.template.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
  });

  it('answers a list item without its merge key as the real server does', () => {
    const { c, smp } = withDeployment();
    const res = smp({ spec: { template: { spec: { containers: [{ image: 'nginx:1.27' }] } } } });
    expect(res.status).toBe(500);
    expect(res.body.message).toBe('map: map[image:nginx:1.27] does not contain declared merge key: name');
    const bad = smp([{ op: 'add' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
    const unknown = smp({ spec: { template: { spec: { containers: [{ name: 'web', $patch: 'bogus' }] } } } });
    expect(unknown.body.message).toBe('unknown patch type: bogus in map: map[$patch:bogus name:web]');
    expect(c.request({ method: 'GET', path: `${DEPLOY}/web` }).body.spec.template.spec.containers[0].image).toBe('nginx:1.25');
  });
});

describe('JSON patch (RFC 6902)', () => {
  const setup = () => {
    const c = createCluster();
    c.request({ method: 'POST', path: CM, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { a: '1', b: '2' } } });
    const jp = (ops: unknown) => c.request({ method: 'PATCH', path: `${CM}/app`, body: ops, contentType: 'application/json-patch+json' });
    return { c, jp };
  };

  it('applies add, replace, remove, move, copy and test in order', () => {
    const { jp } = setup();
    const res = jp([
      { op: 'test', path: '/data/a', value: '1' },
      { op: 'add', path: '/data/c', value: '3' },
      { op: 'replace', path: '/data/a', value: 'one' },
      { op: 'remove', path: '/data/b' },
      { op: 'move', from: '/data/c', path: '/data/d' },
      { op: 'copy', from: '/data/d', path: '/data/e' },
      { op: 'add', path: '/metadata/labels', value: { 'app.kubernetes.io/name': 'x' } },
      { op: 'add', path: '/metadata/finalizers', value: ['a.io/x'] },
      { op: 'add', path: '/metadata/finalizers/-', value: 'b.io/y' },
      { op: 'add', path: '/metadata/finalizers/0', value: 'c.io/z' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ a: 'one', d: '3', e: '3' });
    expect(res.body.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'x' });
    expect(res.body.metadata.finalizers).toEqual(['c.io/z', 'a.io/x', 'b.io/y']);
  });

  it('rejects an operation that does not apply with the generic 422 and changes nothing', () => {
    const { c, jp } = setup();
    for (const ops of [
      [{ op: 'remove', path: '/data/missing' }],
      [{ op: 'replace', path: '/spec/x', value: 1 }],
      [{ op: 'add', path: '/metadata/labels/app', value: 'x' }],
      [{ op: 'test', path: '/data/a', value: '2' }],
      [{ op: 'add', path: '/data/z', value: 'z' }, { op: 'frob', path: '/data' }],
    ]) {
      const res = jp(ops);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        reason: 'Invalid',
        message: 'the server rejected our request due to an error in our request',
        details: {},
      });
    }
    expect(c.request({ method: 'GET', path: `${CM}/app` }).body.data).toEqual({ a: '1', b: '2' });
  });

  it('rejects a body that is not a list of operations with 400', () => {
    const { jp } = setup();
    const res = jp({ op: 'add' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  });
});

describe('JSON merge patch', () => {
  it('merges maps, deletes with null and replaces lists', () => {
    const c = createCluster();
    c.request({ method: 'POST', path: DEPLOY, body: deployment() });
    const res = c.request({
      method: 'PATCH',
      path: `${DEPLOY}/web`,
      body: { metadata: { labels: { app: null, tier: 'front' } }, spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } },
      contentType: 'application/merge-patch+json',
    });
    expect(res.body.metadata.labels).toEqual({ tier: 'front' });
    expect(res.body.spec.template.spec.containers).toHaveLength(1);
    expect(res.body.spec.template.spec.containers[0]).toMatchObject({ name: 'web', image: 'nginx:1.27' });
  });
});
