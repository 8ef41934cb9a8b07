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

  it('the bookstore template is the built-in scenario `kubeplay scenario apply bookstore` applies', () => {
    const bookstore = TEMPLATES.find((t) => t.id === 'bookstore')!;
    const cluster = createCluster({ seed: 1 });
    expect(cluster.sim('kubeplay scenario show bookstore').stdout).toBe(bookstore.text);
  });
});
