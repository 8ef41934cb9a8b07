import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';

const post = (c: Cluster, path: string, body: unknown) => c.request({ method: 'POST', path, body });
const get = (c: Cluster, path: string) => c.request({ method: 'GET', path });

describe('namespace lifecycle', () => {
  it('gives every namespace a default ServiceAccount and the kube-root-ca.crt ConfigMap', () => {
    const c = createCluster();
    post(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    c.advance(0);
    expect(get(c, '/api/v1/namespaces/shop/serviceaccounts/default').status).toBe(200);
    const ca = get(c, '/api/v1/namespaces/shop/configmaps/kube-root-ca.crt');
    expect(ca.body.data['ca.crt']).toContain('BEGIN CERTIFICATE');
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      expect(get(c, `/api/v1/namespaces/${ns}/serviceaccounts/default`).status).toBe(200);
    }
  });

  it('recreates a deleted default ServiceAccount', () => {
    const c = createCluster();
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/serviceaccounts/default' });
    c.advance(0);
    expect(get(c, '/api/v1/namespaces/default/serviceaccounts/default').status).toBe(200);
  });

  it('terminates a namespace: refuses new content, deletes what is inside, then disappears', () => {
    const c = createCluster();
    post(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    post(c, '/api/v1/namespaces/shop/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' } });
    c.advance(0);
    const del = c.request({ method: 'DELETE', path: '/api/v1/namespaces/shop' });
    expect(del.status).toBe(200);
    expect(del.body.status.phase).toBe('Terminating');
    const refused = post(c, '/api/v1/namespaces/shop/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      'configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated',
    );
    c.advance(0);
    expect(get(c, '/api/v1/namespaces/shop/configmaps/app').status).toBe(404);
    expect(get(c, '/api/v1/namespaces/shop').status).toBe(404);
  });

  it('refuses to delete the default namespace', () => {
    const c = createCluster();
    const res = c.request({ method: 'DELETE', path: '/api/v1/namespaces/default' });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
  });
});

describe('garbage collector', () => {
  const setup = () => {
    const c = createCluster();
    const owner = post(c, '/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'owner' },
    }).body;
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid, blockOwnerDeletion: true };
    post(c, '/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dependent', ownerReferences: [ref] },
    });
    c.advance(0);
    return c;
  };

  it('deletes dependents after their owner in the background', () => {
    const c = setup();
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/owner' });
    expect(get(c, '/api/v1/namespaces/default/configmaps/owner').status).toBe(404);
    c.advance(0);
    expect(get(c, '/api/v1/namespaces/default/configmaps/dependent').status).toBe(404);
  });

  it('keeps a foreground-deleted owner until its dependents are gone', () => {
    const c = setup();
    const res = c.request({
      method: 'DELETE',
      path: '/api/v1/namespaces/default/configmaps/owner',
      body: { propagationPolicy: 'Foreground' },
    });
    expect(res.body.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(res.body.metadata.deletionTimestamp).toBeDefined();
    c.advance(2000);
    expect(get(c, '/api/v1/namespaces/default/configmaps/dependent').status).toBe(404);
    expect(get(c, '/api/v1/namespaces/default/configmaps/owner').status).toBe(404);
  });

  it('orphans dependents when asked to', () => {
    const c = setup();
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/owner?propagationPolicy=Orphan' });
    c.advance(0);
    expect(get(c, '/api/v1/namespaces/default/configmaps/owner').status).toBe(404);
    const dep = get(c, '/api/v1/namespaces/default/configmaps/dependent');
    expect(dep.status).toBe(200);
    expect(dep.body.metadata.ownerReferences).toBeUndefined();
  });

  it('leaves Events alone, as kube-controller-manager ignores them: an owned Event outlives its owner', () => {
    const c = setup();
    const owner = get(c, '/api/v1/namespaces/default/configmaps/owner').body;
    post(c, '/api/v1/namespaces/default/events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'owned', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }] },
      involvedObject: { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', namespace: 'default', uid: owner.metadata.uid },
      reason: 'Test',
      message: 'owned by the ConfigMap',
      type: 'Normal',
    });
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/owner' });
    c.advance(5000);
    expect(get(c, '/api/v1/namespaces/default/configmaps/dependent').status).toBe(404);
    expect(get(c, '/api/v1/namespaces/default/events/owned').status).toBe(200);
  });
});
