import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

const cm = (name: string, labels = 'app: web') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    ${labels}\n`;

describe('kubectl delete', () => {
  it('deletes by name and TYPE/NAME and prints the v1.33 message', () => {
    const c = createCluster();
    c.kubectl('kubectl create -f -', `${cm('a')}---\n${cm('b')}`);
    expect(c.kubectl('kubectl delete configmap a').stdout).toBe('configmap "a" deleted\n');
    expect(c.kubectl('kubectl delete cm/b -o name').stdout).toBe('configmap/b\n');
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/b' }).status).toBe(404);
  });

  it('reports NotFound, and prints nothing with --ignore-not-found', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl delete pod nope');
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.exitCode).toBe(1);
    const q = c.kubectl('kubectl delete pod nope --ignore-not-found');
    expect(q.stdout + q.stderr).toBe('');
    expect(q.exitCode).toBe(0);
  });

  it('deletes by label selector and --all, and says when nothing matched', () => {
    const c = createCluster();
    c.kubectl('kubectl create -f -', `${cm('a')}---\n${cm('b', 'app: db')}---\n${cm('c')}`);
    expect(c.kubectl('kubectl delete cm -l app=web').stdout).toBe('configmap "a" deleted\nconfigmap "c" deleted\n');
    expect(c.kubectl('kubectl delete cm -l app=none').stdout).toBe('No resources found\n');
    expect(c.kubectl('kubectl delete cm --all').stdout).toContain('configmap "b" deleted\n');
    expect(c.kubectl('kubectl delete cm').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
  });

  it('deletes what a file describes', () => {
    const c = createCluster();
    c.kubectl('kubectl create -f -', cm('a'));
    expect(c.kubectl('kubectl delete -f -', cm('a')).stdout).toBe('configmap "a" deleted\n');
    expect(c.kubectl('kubectl delete -f -', cm('a')).stderr).toBe(
      'Error from server (NotFound): error when deleting "STDIN": configmaps "a" not found\n',
    );
  });

  it('--force --grace-period=0 warns and reports force deleted; --dry-run deletes nothing', () => {
    const c = createCluster();
    c.kubectl('kubectl create -f -', cm('a'));
    expect(c.kubectl('kubectl delete cm a --dry-run=client').stdout).toBe('configmap "a" deleted (dry run)\n');
    expect(c.kubectl('kubectl delete cm a --dry-run=server').stdout).toBe('configmap "a" deleted (server dry run)\n');
    const r = c.kubectl('kubectl delete cm a --force --grace-period=0');
    expect(r.stdout).toBe('configmap "a" force deleted\n');
    expect(r.stderr).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
    expect(c.kubectl('kubectl delete cm a --force --grace-period=5').stderr).toBe(
      'error: --force and --grace-period greater than 0 cannot be specified together\n',
    );
  });

  it('sends the cascade policy and rejects bad values', () => {
    const c = createCluster();
    c.kubectl('kubectl create -f -', cm('a'));
    expect(c.kubectl('kubectl delete cm a --cascade=sideways').stderr).toBe(
      'error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan"\n',
    );
    expect(c.kubectl('kubectl delete cm a --cascade=orphan').stdout).toBe('configmap "a" deleted\n');
  });

  it('waits (in cluster time) for an object held by a finalizer, up to --timeout', () => {
    const c = createCluster();
    c.kubectl('kubectl create -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers: [example.com/hold]\n');
    const before = c.now();
    const r = c.kubectl('kubectl delete cm held --timeout=20s');
    expect(r.stdout).toBe('configmap "held" deleted\n');
    expect(r.stderr).toBe('error: timed out waiting for the condition on configmaps/held\n');
    expect(c.now() - before).toBe(20_000);
    const got = c.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/held' });
    expect(got.body.metadata.deletionTimestamp).toBeDefined();
    const noWait = c.kubectl('kubectl delete cm held --wait=false');
    expect(noWait.stdout + noWait.stderr).toBe('configmap "held" deleted\n');
  });
});
