/** DaemonSet ControllerRevisions, rollout history and undo, and OnDelete, as a user sees them through kubectl. */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { listPods } from './daemonset-test-helpers';

const MANIFEST = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sleep", "3600"]
`;

function withDaemonSet(extra = ''): Cluster {
  const c = createCluster();
  expect(c.kubectl('kubectl apply -f -', MANIFEST.replace('spec:\n  selector:', `spec:\n${extra}  selector:`)).stderr).toBe('');
  c.advance(30_000);
  return c;
}

const revisions = (c: Cluster): any[] =>
  c.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/controllerrevisions' }).body.items;
const hashes = (c: Cluster) => new Set(listPods(c, 'app=agent').map((p) => p.metadata.labels['controller-revision-hash']));
const image = (c: Cluster) => c.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/daemonsets/agent' }).body.spec.template.spec.containers[0].image;

describe('DaemonSet ControllerRevisions', { timeout: 30_000 }, () => {
  it('snapshots the template as revision 1, owned by the DaemonSet, and labels its pods with the hash', () => {
    const c = withDaemonSet();
    const [cr] = revisions(c);
    const hash = cr.metadata.labels['controller-revision-hash'];
    expect(cr.metadata.name).toBe(`agent-${hash}`);
    expect(cr).toMatchObject({
      revision: 1,
      metadata: { labels: { app: 'agent' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', controller: true, blockOwnerDeletion: true }] },
      data: { spec: { template: { $patch: 'replace', spec: { containers: [expect.objectContaining({ image: 'busybox:1.36' })] } } } },
    });
    expect(hashes(c)).toEqual(new Set([hash]));
    const out = c.kubectl('kubectl get controllerrevisions').stdout;
    expect(out).toMatch(new RegExp(`^NAME\\s+CONTROLLER\\s+REVISION\\s+AGE\\nagent-${hash}\\s+daemonset.apps/agent\\s+1\\s+30s\\n$`));
    // The garbage collector removes the revisions with their DaemonSet.
    c.kubectl('kubectl delete ds agent --wait=false');
    c.advance(60_000);
    expect(revisions(c)).toEqual([]);
  });

  it('adds a revision per template change; history lists them, --revision shows one', () => {
    const c = withDaemonSet();
    c.kubectl('kubectl set image ds/agent agent=busybox:1.37');
    c.advance(300_000);
    c.kubectl('kubectl annotate ds/agent kubernetes.io/change-cause="image 1.35"');
    c.kubectl('kubectl set image ds/agent agent=busybox:1.35');
    c.advance(300_000);
    expect(revisions(c).map((r) => r.revision).sort()).toEqual([1, 2, 3]);
    expect(c.kubectl('kubectl rollout history daemonset/agent').stdout).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         image 1.35\n\n',
    );
    const two = c.kubectl('kubectl rollout history ds/agent --revision=2').stdout;
    expect(two.startsWith('daemonset.apps/agent with revision #2\nPod Template:\n  Labels:  app=agent\n')).toBe(true);
    expect(two).toContain('    Image:      busybox:1.37\n');
    expect(c.kubectl('kubectl rollout history ds/agent --revision=7').stderr).toBe('error: unable to find the specified revision\n');
    const latest = revisions(c).find((r) => r.revision === 3).metadata.labels['controller-revision-hash'];
    expect(hashes(c)).toEqual(new Set([latest]));
  });

  it('undo restores the previous template, which becomes the newest revision with its old hash', () => {
    const c = withDaemonSet();
    const first = revisions(c)[0];
    expect(c.kubectl('kubectl rollout undo ds/agent').stderr).toBe('error: no last revision to roll back to\n');
    c.kubectl('kubectl set image ds/agent agent=busybox:1.37');
    c.advance(300_000);
    expect(c.kubectl('kubectl rollout undo ds/agent')).toMatchObject({ stdout: 'daemonset.apps/agent rolled back\n', exitCode: 0 });
    c.advance(300_000);
    expect(image(c)).toBe('busybox:1.36');
    expect(revisions(c).map((r) => [r.metadata.name, r.revision]).sort()).toEqual(
      [[first.metadata.name, 3], [revisions(c).find((r) => r.metadata.name !== first.metadata.name).metadata.name, 2]].sort(),
    );
    expect(hashes(c)).toEqual(new Set([first.metadata.labels['controller-revision-hash']]));
    expect(c.kubectl('kubectl rollout history ds/agent').stdout).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(c.kubectl('kubectl rollout undo ds/agent --to-revision=3').stdout).toBe(
      'daemonset.apps/agent skipped rollback (current template already matches revision 3)\n',
    );
    expect(c.kubectl('kubectl rollout undo ds/agent --to-revision=9').stderr).toBe('error: unable to find specified revision 9 in history\n');
    const dry = c.kubectl('kubectl rollout undo ds/agent --to-revision=2 --dry-run=client').stdout;
    expect(dry.startsWith('daemonset.apps/agent Pod Template:\n')).toBe(true);
    expect(dry).toContain('busybox:1.37');
  });

  it('keeps revisionHistoryLimit old revisions, deleting the oldest unused ones', () => {
    const c = withDaemonSet('  revisionHistoryLimit: 2\n');
    for (const tag of ['1.37', '1.35', '1.34', '1.33']) {
      c.kubectl(`kubectl set image ds/agent agent=busybox:${tag}`);
      c.advance(300_000);
    }
    expect(revisions(c).map((r) => r.revision).sort()).toEqual([3, 4, 5]);
  });

  it('OnDelete keeps old pods until they are deleted, and replaces deleted ones with the new template', () => {
    const c = withDaemonSet('  updateStrategy:\n    type: OnDelete\n');
    const [old] = [...hashes(c)];
    c.kubectl('kubectl set image ds/agent agent=busybox:1.37');
    c.advance(300_000);
    expect(hashes(c)).toEqual(new Set([old]));
    const victim = listPods(c, 'app=agent')[0].metadata.name;
    c.kubectl(`kubectl delete pod ${victim}`);
    c.advance(60_000);
    const now = listPods(c, 'app=agent').map((p) => p.metadata.labels['controller-revision-hash']);
    expect(now.filter((h) => h !== old)).toHaveLength(1);
    expect(c.kubectl('kubectl get ds agent').stdout).toMatch(/\nagent\s+3\s+3\s+3\s+1\s+3\s+<none>\s+/);
  });
});
