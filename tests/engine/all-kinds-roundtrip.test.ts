/**
 * Every kind the API serves, as the real kubectl v1.32 prints it (`kubectl create -f all-kinds.source.yaml
 * --dry-run=client --validate=false -o yaml`, saved in fixtures/all-kinds.dry-run.yaml), applied to the cluster.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createCluster } from '../../src/engine';

const manifest = readFileSync(new URL('./fixtures/all-kinds.dry-run.yaml', import.meta.url), 'utf8');
const docs = parseAllDocuments(manifest).map((d) => d.toJS());

describe('real kubectl manifests for every kind', () => {
  it('covers all 25 kinds the API server serves', () => {
    const kinds = new Set(docs.map((d) => d.kind));
    // metrics.k8s.io (NodeMetrics, PodMetrics) is read-only: nothing to apply.
    const served = createCluster().kubectl('kubectl api-resources -o name').stdout.trim().split('\n').filter((n) => !n.endsWith('.metrics.k8s.io'));
    expect(served).toHaveLength(25);
    expect(kinds.size).toBe(25);
  });

  it('apply cleanly, and re-applying changes only what real kubectl reports as configured', () => {
    const c = createCluster();
    const first = c.kubectl('kubectl apply -f -', manifest);
    // The manifest holds a v1 Endpoints: a v1.33 API server warns about it, and kubectl prints that once.
    expect(first.stderr).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    expect(first.exitCode).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(docs.length);
    expect(first.stdout).not.toMatch(/unchanged|configured/);

    const again = c.kubectl('kubectl apply -f -', manifest);
    expect(again.exitCode).toBe(0);
    const configured = again.stdout.split('\n').filter((l) => l.endsWith(' configured'));
    // Real kubectl reports these every time: stringData is never stored, and the server defaults fields
    // (port protocols, claim template status) inside lists that strategic merge replaces whole.
    expect(configured).toEqual([
      'secret/db configured',
      'endpoints/external configured',
      'endpointslice.discovery.k8s.io/external-1 configured',
      'statefulset.apps/db configured',
    ]);
    expect(again.stdout.split('\n').filter((l) => l.endsWith(' unchanged'))).toHaveLength(docs.length - 4);
  });

  it('re-applies `get -o yaml` output changing nothing but the last-applied annotation', () => {
    const c = createCluster();
    c.kubectl('kubectl apply -f -', manifest);
    for (const [type, name] of [
      ['deployment', 'web'],
      ['configmap', 'settings'],
      ['service', 'web'],
      ['cronjob', 'hello'],
      ['ingress', 'web'],
      ['storageclass', 'fast'],
    ]) {
      const before = JSON.parse(c.kubectl(`kubectl get ${type} ${name} -o json`).stdout);
      const live = c.kubectl(`kubectl get ${type} ${name} -o yaml`).stdout;
      const res = c.kubectl('kubectl apply -f -', live);
      expect(res.stderr).toBe('');
      // kubectl stores the applied file (now with status and resourceVersion) as the new last-applied
      // configuration, so the patch is not empty: `configured`, as on a real cluster.
      expect(res.stdout).toMatch(/ configured\n$/);
      const after = JSON.parse(c.kubectl(`kubectl get ${type} ${name} -o json`).stdout);
      const strip = (o: any) => {
        const { annotations: _a, resourceVersion: _r, generation: _g, ...meta } = o.metadata;
        // The annotation change bumps a Deployment's generation, which its controller then observes.
        if (o.status?.observedGeneration === undefined) return { ...o, metadata: meta };
        const { observedGeneration: _o, ...status } = o.status;
        return { ...o, metadata: meta, status };
      };
      expect(strip(after)).toEqual(strip(before));
      expect(after.metadata.uid).toBe(before.metadata.uid);
    }
  });
});
