import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  },
};

const DEPLOY = '/apis/apps/v1/namespaces/default/deployments/web';

function withDeployment(): Cluster {
  const c = createCluster();
  const res = c.request({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment });
  expect(res.status).toBe(201);
  return c;
}

describe('generation and the status subresource', () => {
  it('starts at generation 1 and bumps it on spec changes only', () => {
    const c = withDeployment();
    const merge = (body: unknown, path = DEPLOY) =>
      c.request({ method: 'PATCH', path, contentType: 'application/merge-patch+json', body });
    expect(c.request({ method: 'GET', path: DEPLOY }).body.metadata.generation).toBe(1);
    expect(merge({ spec: { replicas: 3 } }).body.metadata.generation).toBe(2);
    expect(merge({ metadata: { labels: { team: 'a' } } }).body.metadata.generation).toBe(2);
    const status = merge({ status: { replicas: 3, observedGeneration: 2 } }, DEPLOY + '/status');
    expect(status.status).toBe(200);
    expect(status.body.metadata.generation).toBe(2);
    expect(status.body.status.observedGeneration).toBe(2);
  });

  it('ignores status in main-resource writes and spec in status writes', () => {
    const c = withDeployment();
    const live = c.request({ method: 'GET', path: DEPLOY }).body;
    const put = c.request({ method: 'PUT', path: DEPLOY, body: { ...live, status: { replicas: 99 } } });
    expect(put.body.status?.replicas).toBeUndefined();
    const st = c.request({
      method: 'PUT',
      path: DEPLOY + '/status',
      body: { ...put.body, spec: { ...put.body.spec, replicas: 7 }, status: { replicas: 1 } },
    });
    expect(st.body.spec.replicas).toBe(2);
    expect(st.body.status.replicas).toBe(1);
  });
});

describe('the scale subresource', () => {
  it('reads and writes replicas as an autoscaling/v1 Scale', () => {
    const c = withDeployment();
    const scale = c.request({ method: 'GET', path: DEPLOY + '/scale' });
    expect(scale.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 } });
    const put = c.request({ method: 'PUT', path: DEPLOY + '/scale', body: { ...scale.body, spec: { replicas: 5 } } });
    expect(put.status).toBe(200);
    expect(put.body.spec.replicas).toBe(5);
    expect(c.request({ method: 'GET', path: DEPLOY }).body.spec.replicas).toBe(5);
    const patched = c.request({
      method: 'PATCH',
      path: DEPLOY + '/scale',
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: 1 } },
    });
    expect(patched.body.spec.replicas).toBe(1);
  });

  it('refuses a negative scale', () => {
    const c = withDeployment();
    const res = c.request({ method: 'PUT', path: DEPLOY + '/scale', body: { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web' }, spec: { replicas: -1 } } });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });
});

describe('graceful deletion', () => {
  const pod = (nodeName?: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'nginx' }] },
  });

  it('deletes an unscheduled pod at once', () => {
    const c = createCluster();
    c.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod() });
    expect(c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/p' }).status).toBe(200);
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/p' }).status).toBe(404);
  });

  it('marks a pod on a node Terminating with its grace period, and deletes it with grace 0', () => {
    const c = createCluster();
    c.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('worker-1') });
    const del = c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/p' });
    expect(del.body.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(Date.parse(del.body.metadata.deletionTimestamp) - Date.parse(del.body.metadata.creationTimestamp)).toBe(30_000);
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/p' }).status).toBe(200);
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/p', body: { gracePeriodSeconds: 0 } });
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/p' }).status).toBe(404);
  });

  it('keeps an object with finalizers until they are removed', () => {
    const c = createCluster();
    c.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } },
    });
    const del = c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/held' });
    expect(del.body.metadata.deletionTimestamp).toBeDefined();
    c.request({
      method: 'PATCH',
      path: '/api/v1/namespaces/default/configmaps/held',
      contentType: 'application/merge-patch+json',
      body: { metadata: { finalizers: null } },
    });
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/held' }).status).toBe(404);
  });
});

describe('discovery', () => {
  it('serves the core and group resource lists with short names', () => {
    const c = createCluster();
    const core = c.request({ method: 'GET', path: '/api/v1' }).body;
    expect(core.resources.find((r: any) => r.name === 'pods')).toMatchObject({ shortNames: ['po'], namespaced: true, kind: 'Pod' });
    const groups = c.request({ method: 'GET', path: '/apis' }).body.groups.map((g: any) => g.name);
    for (const g of ['apps', 'batch', 'networking.k8s.io', 'autoscaling', 'storage.k8s.io', 'discovery.k8s.io', 'coordination.k8s.io']) {
      expect(groups).toContain(g);
    }
    const apps = c.request({ method: 'GET', path: '/apis/apps/v1' }).body;
    expect(apps.resources.find((r: any) => r.name === 'deployments/scale')).toMatchObject({ kind: 'Scale', group: 'autoscaling', version: 'v1' });
    expect(c.request({ method: 'GET', path: '/version' }).body.gitVersion).toMatch(/^v1\.33\./);
    expect(c.request({ method: 'GET', path: '/apis/nope/v1' }).status).toBe(404);
  });
});
