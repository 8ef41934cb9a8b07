import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';
const PODS = '/api/v1/namespaces/default/pods';

function deployment(spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx', ...container }] },
      },
      ...spec,
    },
  };
}

function pod(container: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'nginx', ...container }], ...extra },
  };
}

const post = (path: string, body: unknown, fieldValidation?: string) =>
  createCluster().request({ method: 'POST', path, body, query: fieldValidation ? { fieldValidation } : {} });

describe('decoding request bodies: unknown fields', () => {
  it('Strict rejects an unknown field with the strict decoding error kubectl shows', () => {
    const res = post(DEPLOYMENTS, deployment({ replicass: 3 }), 'Strict');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      code: 400,
      message: 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"',
    });
  });

  it('lists several unknown fields in document order, with list indexes in nested paths', () => {
    const body = deployment({ replicass: 3 }, { imagee: 'x' });
    (body.metadata as any).labelz = { a: 'b' };
    const res = post(DEPLOYMENTS, body, 'Strict');
    expect(res.body.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ' +
        'unknown field "metadata.labelz", unknown field "spec.template.spec.containers[0].imagee", ' +
        'unknown field "spec.replicass"',
    );
  });

  it('Warn (the default without the parameter) drops unknown fields and returns a warning for each', () => {
    for (const fv of ['Warn', undefined]) {
      const c = createCluster();
      const res = c.request({
        method: 'POST',
        path: DEPLOYMENTS,
        body: deployment({ replicass: 3 }, { imagee: 'x' }),
        query: fv ? { fieldValidation: fv } : {},
      });
      expect(res.status).toBe(201);
      expect(res.warnings).toEqual(['unknown field "spec.template.spec.containers[0].imagee"', 'unknown field "spec.replicass"']);
      expect(res.body.spec.replicass).toBeUndefined();
      expect(res.body.spec.template.spec.containers[0].imagee).toBeUndefined();
      const got = c.request({ method: 'GET', path: `${DEPLOYMENTS}/web` });
      expect(got.body.spec.replicas).toBe(2);
      expect(got.body.spec.replicass).toBeUndefined();
    }
  });

  it('Ignore drops unknown fields silently', () => {
    const res = post(DEPLOYMENTS, deployment({ replicass: 3 }), 'Ignore');
    expect(res.status).toBe(201);
    expect(res.warnings ?? []).toEqual([]);
    expect(res.body.spec.replicass).toBeUndefined();
  });

  it('keys of maps (labels, annotations) are free-form, not unknown fields', () => {
    const body = pod({}, { nodeSelector: { 'disk-type': 'ssd' } });
    (body.metadata as any).annotations = { 'example.com/anything': 'x' };
    const res = post(PODS, body, 'Strict');
    expect(res.status).toBe(201);
    expect(res.body.spec.nodeSelector).toEqual({ 'disk-type': 'ssd' });
  });

  it('rejects an unsupported fieldValidation value on the request options', () => {
    const res = post(PODS, pod(), 'Loud');
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Loud": supported values: "", "Ignore", "Strict", "Warn"',
    );
  });

  it('PUT reports unknown fields the same way', () => {
    const c = createCluster();
    c.request({ method: 'POST', path: DEPLOYMENTS, body: deployment() });
    const current = c.request({ method: 'GET', path: `${DEPLOYMENTS}/web` }).body;
    current.spec.pasued = true;
    const res = c.request({ method: 'PUT', path: `${DEPLOYMENTS}/web`, body: current, query: { fieldValidation: 'Strict' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.pasued"',
    );
  });
});

describe('decoding request bodies: wrong types', () => {
  const prefix = (kind: string) => `${kind} in version "v1" cannot be handled as a ${kind}: `;

  it('a string for an int32 names the Go struct, the JSON path of struct fields and the Go type', () => {
    const res = post(DEPLOYMENTS, deployment({ replicas: '3' }), 'Ignore');
    expect(res.status).toBe(400);
    expect(res.body.reason).toBe('BadRequest');
    expect(res.body.message).toBe(
      prefix('Deployment') + 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('inside lists the field path skips indexes and the struct is the innermost one', () => {
    const res = post(DEPLOYMENTS, deployment({}, { ports: [{ containerPort: '80' }] }), 'Strict');
    expect(res.body.message).toBe(
      prefix('Deployment') +
        'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
  });

  it('names Go types for objects, arrays, maps, bools and int64', () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [{}, { command: 'nginx -g' }, 'json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string'],
      [{}, { ports: { containerPort: 80 } }, 'json: cannot unmarshal object into Go struct field Container.spec.containers.ports of type []v1.ContainerPort'],
      [{}, { stdin: 'yes' }, 'json: cannot unmarshal string into Go struct field Container.spec.containers.stdin of type bool'],
      [{}, { image: 5 }, 'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string'],
      [{ nodeSelector: ['a'] }, {}, 'json: cannot unmarshal array into Go struct field PodSpec.spec.nodeSelector of type map[string]string'],
      [{ terminationGracePeriodSeconds: 1.5 }, {}, 'json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64'],
      [{ securityContext: 'root' }, {}, 'json: cannot unmarshal string into Go struct field PodSpec.spec.securityContext of type v1.PodSecurityContext'],
    ];
    for (const [extra, container, msg] of cases) {
      expect(post(PODS, pod(container, extra)).body.message).toBe(prefix('Pod') + msg);
    }
  });

  it('a number where a label value belongs is a type error on the map', () => {
    const body = pod();
    (body.metadata as any).labels = { version: 1 };
    expect(post(PODS, body).body.message).toBe(
      prefix('Pod') + 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
  });

  it('int32 overflow shows the number', () => {
    expect(post(DEPLOYMENTS, deployment({ replicas: 3000000000 })).body.message).toBe(
      prefix('Deployment') + 'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('a type error wins over unknown fields, even in Strict mode', () => {
    const res = post(DEPLOYMENTS, deployment({ replicass: 1, replicas: 'two' }), 'Strict');
    expect(res.body.message).toBe(
      prefix('Deployment') + 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('quantities accept strings and numbers, store the canonical form, and reject garbage', () => {
    const ok = post(PODS, pod({ resources: { requests: { cpu: 0.5, memory: '128Mi' }, limits: { cpu: '1000m' } } }));
    expect(ok.status).toBe(201);
    expect(ok.body.spec.containers[0].resources).toEqual({ requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '1' } });
    const bad = post(PODS, pod({ resources: { limits: { memory: 'lots' } } }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe(
      prefix('Pod') + "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it('int-or-string fields take either, and report a float as Go does', () => {
    const ok = post(DEPLOYMENTS, deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } } }));
    expect(ok.status).toBe(201);
    expect(ok.body.spec.strategy.rollingUpdate).toEqual({ maxSurge: '25%', maxUnavailable: 1 });
    const bad = post(DEPLOYMENTS, deployment({ strategy: { rollingUpdate: { maxSurge: 1.5 } } }));
    expect(bad.body.message).toBe(prefix('Deployment') + 'json: cannot unmarshal number 1.5 into Go value of type int32');
  });

  it('secret data must be base64', () => {
    const secret = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data });
    expect(post('/api/v1/namespaces/default/secrets', secret({ password: 'cGFzcw==' })).status).toBe(201);
    const bad = post('/api/v1/namespaces/default/secrets', secret({ password: 'not base64!' }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe(prefix('Secret') + 'illegal base64 data at input byte 3');
  });

  it('timestamps must be RFC 3339', () => {
    const body = pod();
    (body.metadata as any).deletionTimestamp = 'yesterday';
    expect(post(PODS, body).body.message).toBe(
      prefix('Pod') + 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    );
  });

  it('null fields are dropped like Go zero values', () => {
    const res = post(PODS, { ...pod({ args: null }), status: null });
    expect(res.status).toBe(201);
    expect('args' in res.body.spec.containers[0]).toBe(false);
  });
});

describe('decoding patched objects', () => {
  function withDeployment() {
    const c = createCluster();
    c.request({ method: 'POST', path: DEPLOYMENTS, body: deployment() });
    return c;
  }

  it('a merge patch with an unknown field is a 422 on the patch, with Strict', () => {
    const c = withDeployment();
    const res = c.request({
      method: 'PATCH',
      path: `${DEPLOYMENTS}/web`,
      contentType: 'application/merge-patch+json',
      body: { spec: { replicass: 3 } },
      query: { fieldValidation: 'Strict' },
    });
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe('Invalid');
    expect(res.body.message).toMatch(/^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"apps\/v1\\",\\"kind\\":\\"Deployment\\",\\"metadata\\":/);
    expect(res.body.message).toMatch(/": strict decoding error: unknown field "spec.replicass"$/);
    expect(res.body.details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'patch' });
  });

  it('a merge patch in Warn mode applies and warns', () => {
    const c = withDeployment();
    const res = c.request({
      method: 'PATCH',
      path: `${DEPLOYMENTS}/web`,
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: 4, replicass: 3 } },
    });
    expect(res.status).toBe(200);
    expect(res.warnings).toEqual(['unknown field "spec.replicass"']);
    expect(res.body.spec.replicas).toBe(4);
  });

  it('a strategic merge patch prints the patch as a Go map and uses the converter messages', () => {
    const c = withDeployment();
    const strict = c.request({
      method: 'PATCH',
      path: `${DEPLOYMENTS}/web`,
      contentType: 'application/strategic-merge-patch+json',
      body: { spec: { replicass: 3 } },
      query: { fieldValidation: 'Strict' },
    });
    expect(strict.status).toBe(422);
    expect(strict.body.message).toBe(
      ' "" is invalid: patch: Invalid value: "map[spec:map[replicass:3]]": strict decoding error: unknown field "spec.replicass"',
    );
    const typed = c.request({
      method: 'PATCH',
      path: `${DEPLOYMENTS}/web`,
      contentType: 'application/strategic-merge-patch+json',
      body: { spec: { replicas: 'three' } },
    });
    expect(typed.status).toBe(422);
    expect(typed.body.message).toBe(' "" is invalid: patch: Invalid value: "map[spec:map[replicas:three]]": unrecognized type: int32');
  });
});
