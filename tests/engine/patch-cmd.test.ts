import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

function withDeployment() {
  const c = createCluster();
  c.kubectl('kubectl create deployment web --image=nginx --replicas=2');
  return c;
}
const get = (c: ReturnType<typeof createCluster>) => c.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' }).body;

describe('kubectl patch', () => {
  it('patches (strategic by default) and says when nothing changed', () => {
    const c = withDeployment();
    expect(c.kubectl(`kubectl patch deployment web -p '{"spec":{"replicas":3}}'`).stdout).toBe('deployment.apps/web patched\n');
    expect(c.kubectl(`kubectl patch deployment web -p '{"spec":{"replicas":3}}'`).stdout).toBe('deployment.apps/web patched (no change)\n');
    expect(get(c).spec.replicas).toBe(3);
  });

  it('supports --type merge and json, YAML patches, and --dry-run', () => {
    const c = withDeployment();
    expect(c.kubectl(`kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`).stdout).toBe(
      'deployment.apps/web patched\n',
    );
    expect(c.kubectl(`kubectl patch deploy web --type merge -p 'metadata: {labels: {tier: fe}}'`).stdout).toBe('deployment.apps/web patched\n');
    expect(get(c).metadata.labels).toEqual({ app: 'web', tier: 'fe' });
    expect(c.kubectl(`kubectl patch deploy web -p '{"spec":{"replicas":9}}' --dry-run=client`).stdout).toBe('deployment.apps/web patched (dry run)\n');
    expect(c.kubectl(`kubectl patch deploy web -p '{"spec":{"replicas":9}}' --dry-run=server -o jsonpath`).exitCode).toBe(1);
    expect(get(c).spec.replicas).toBe(1);
  });

  it('patches the scale subresource', () => {
    const c = withDeployment();
    expect(c.kubectl(`kubectl patch deploy web --subresource=scale --type=merge -p '{"spec":{"replicas":4}}'`).stdout).toBe(
      'scale.autoscaling/web patched\n',
    );
    expect(get(c).spec.replicas).toBe(4);
  });

  it('reports usage and server errors as kubectl does', () => {
    const c = withDeployment();
    expect(c.kubectl('kubectl patch deploy web').stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect(c.kubectl(`kubectl patch deploy web --type=foo -p '{}'`).stderr).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
    expect(c.kubectl(`kubectl patch deploy nope -p '{}'`).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
