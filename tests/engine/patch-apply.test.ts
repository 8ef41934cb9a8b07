import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

const CMS = '/api/v1/namespaces/default/configmaps';
const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';

const applyPatch = (c: ReturnType<typeof createCluster>, path: string, body: string, query: Record<string, string>) =>
  c.request({ method: 'PATCH', path, body, contentType: 'application/apply-patch+yaml', query });

const cmYaml = (data: Record<string, string>) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`).join('\n')}\n`;

describe('server-side apply (application/apply-patch+yaml)', () => {
  it('creates a missing object and records an Apply entry for the field manager', () => {
    const c = createCluster();
    const res = applyPatch(c, `${CMS}/app`, cmYaml({ a: '1' }), { fieldManager: 'kubectl' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ a: '1' });
    expect(res.body.metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'v1',
        time: res.body.metadata.creationTimestamp,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:a': {} } },
      },
    ]);
  });

  it('does not write when the same configuration is applied again', () => {
    const c = createCluster();
    const first = applyPatch(c, `${CMS}/app`, cmYaml({ a: '1' }), { fieldManager: 'kubectl' });
    c.advance(5000);
    const again = applyPatch(c, `${CMS}/app`, cmYaml({ a: '1' }), { fieldManager: 'kubectl' });
    expect(again.status).toBe(200);
    expect(again.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
  });

  it('removes fields the manager stopped applying, but not fields others set', () => {
    const c = createCluster();
    applyPatch(c, `${CMS}/app`, cmYaml({ a: '1', b: '2' }), { fieldManager: 'kubectl' });
    c.request({ method: 'PATCH', path: `${CMS}/app`, body: { data: { c: '3' } }, contentType: 'application/merge-patch+json' });
    const res = applyPatch(c, `${CMS}/app`, cmYaml({ a: '1' }), { fieldManager: 'kubectl' });
    expect(res.body.data).toEqual({ a: '1', c: '3' });
  });

  it('reports a conflict with another applier, and --force takes the field over', () => {
    const c = createCluster();
    const dep = (replicas: number) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n`;
    expect(applyPatch(c, `${DEPLOYS}/web`, dep(2), { fieldManager: 'alice' }).status).toBe(201);
    const clash = applyPatch(c, `${DEPLOYS}/web`, dep(5), { fieldManager: 'bob' });
    expect(clash.status).toBe(409);
    expect(clash.body.reason).toBe('Conflict');
    expect(clash.body.message).toBe('Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
    expect(clash.body.details.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.spec.replicas' }]);

    const forced = applyPatch(c, `${DEPLOYS}/web`, dep(5), { fieldManager: 'bob', force: 'true' });
    expect(forced.status).toBe(200);
    expect(forced.body.spec.replicas).toBe(5);
    const alice = forced.body.metadata.managedFields.find((e: { manager: string }) => e.manager === 'alice');
    expect(alice.fieldsV1['f:spec']['f:replicas']).toBeUndefined();
    // Same value: no conflict, both own it.
    expect(applyPatch(c, `${DEPLOYS}/web`, dep(5), { fieldManager: 'carol' }).status).toBe(200);
  });

  it('requires a field manager', () => {
    const c = createCluster();
    const res = applyPatch(c, `${CMS}/app`, cmYaml({ a: '1' }), {});
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });

  it('keeps managedFields across later updates that do not send them', () => {
    const c = createCluster();
    applyPatch(c, `${CMS}/app`, cmYaml({ a: '1' }), { fieldManager: 'kubectl' });
    const got = c.request({ method: 'GET', path: `${CMS}/app` }).body;
    delete got.metadata.managedFields;
    const put = c.request({ method: 'PUT', path: `${CMS}/app`, body: { ...got, data: { a: '2' } } });
    expect(put.body.metadata.managedFields[0].manager).toBe('kubectl');
  });
});
