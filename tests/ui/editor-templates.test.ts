import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine/cluster';
import { TEMPLATES } from '../../src/ui/editor/templates';

describe('starter templates', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s applies cleanly to a fresh cluster', (_id, template) => {
    const cluster = createCluster({ seed: 1 });
    const result = cluster.kubectl('kubectl apply -f -', template.text);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^[\w.]+\/[\w-]+ created$/);
    expect(lines.length).toBe(template.text.split(/^---$/m).length);
  });

  it('the bookstore comes up: its pods Running and its Services with endpoints', () => {
    const cluster = createCluster({ seed: 1 });
    const bookstore = TEMPLATES.find((t) => t.id === 'bookstore')!;
    expect(cluster.kubectl('kubectl apply -f -', bookstore.text).stdout).toBe(
      [
        'configmap/bookstore-config created',
        'secret/bookstore-db created',
        'deployment.apps/bookstore-frontend created',
        'service/bookstore-frontend created',
        'deployment.apps/bookstore-api created',
        'service/bookstore-api created',
        'ingress.networking.k8s.io/bookstore created',
        '',
      ].join('\n'),
    );
    cluster.advance(60_000);
    const pods = cluster.kubectl('kubectl get pods --no-headers').stdout.trim().split('\n');
    expect(pods).toHaveLength(4);
    for (const p of pods) expect(p).toMatch(/^bookstore-(frontend|api)-\S+\s+1\/1\s+Running\s+0\s/);
    const eps = cluster.kubectl('kubectl get endpoints bookstore-api bookstore-frontend --no-headers').stdout;
    expect(eps).not.toContain('<none>');
  });
});
