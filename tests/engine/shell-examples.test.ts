/** The example sessions in sessions/ stay truthful: every command succeeds except the deliberate mistakes. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster, type FileSystem } from '../../src/engine';
import { parseSession, Shell } from '../../src/engine/shell';

const dir = path.resolve(__dirname, '../../sessions');

const fs: FileSystem = {
  readFile: (p) => {
    try {
      return readFileSync(path.resolve(dir, p), 'utf8');
    } catch {
      return undefined;
    }
  },
  readDir: () => undefined,
  join: (d, n) => path.join(d, n),
};

function run(file: string) {
  const cluster = createCluster({ fs });
  const shell = new Shell(cluster, { fs });
  return parseSession(readFileSync(path.join(dir, file), 'utf8')).map((cmd) => ({ cmd, ...shell.runCommand(cmd) }));
}

describe('example sessions', () => {
  it('getting-started.sh: everything works but the misspelled kind', () => {
    const results = run('getting-started.sh');
    const failed = results.filter((r) => r.exitCode !== 0);
    expect(failed.map((r) => r.cmd.text.split('\n')[2])).toEqual(['kind: ConfigMpa']);
    expect(failed[0].stderr).toContain('no matches for kind "ConfigMpa" in version "v1"');
    expect(results.find((r) => r.cmd.source.startsWith('echo'))?.stdout).toBe('the greeting is: hello\n');
  });

  it('every other session runs without a failing command', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sh') && !['getting-started.sh', 'bookstore.sh'].includes(f))) {
      const failed = run(file).filter((r) => r.exitCode !== 0);
      expect(failed.map((r) => `${file}:${r.cmd.line}: ${r.stderr}`)).toEqual([]);
    }
  });

  it('seed-lesson.sh: self-healing, a rolling update, a rollback and a node failure read as on a real cluster', () => {
    const results = run('seed-lesson.sh');
    const out = (prefix: string, nth = 0) => results.filter((r) => r.cmd.source.startsWith(prefix))[nth].stdout;
    const podLines = (text: string) => text.trim().split('\n').slice(1);
    expect(podLines(out('kubectl get pods -o wide')).map((l) => l.split(/\s+/)[2])).toEqual(['Running', 'Running', 'Running']);
    const deleted = /pod "(.+)" deleted/.exec(out('kubectl delete pod'))![1];
    const afterDelete = podLines(out('kubectl get pods -l app=web'));
    expect(afterDelete).toHaveLength(3);
    expect(afterDelete.join('\n')).not.toContain(deleted);
    expect(out('kubectl rollout status', 0)).toMatch(/deployment "web" successfully rolled out\n$/);
    expect(out('kubectl get pods -l app=web', 1)).toContain('ImagePullBackOff');
    expect(out('kubectl rollout undo')).toBe('deployment.apps/web rolled back\n');
    expect(out('kubectl get nodes')).toMatch(/worker-\d\s+NotReady/);
    const final = podLines(out('kubectl get pods -l app=web -o wide'));
    expect(final.filter((l) => / Running /.test(l))).toHaveLength(3);
    expect(final.filter((l) => / Terminating /.test(l))).toHaveLength(1);
    expect(out('kubectl get events --field-selector reason=TaintManagerEviction')).toContain('Marking for deletion Pod default/web-');
  });

  it('bookstore.sh: the bookstore comes up, answers through its load balancer, keeps its data and autoscales', () => {
    const results = run('bookstore.sh');
    const out = (prefix: string, nth = 0) => results.filter((r) => r.cmd.source.startsWith(prefix))[nth].stdout;
    // The one failing command is meant: postgres answers a curl the way a database does.
    const failed = results.filter((r) => r.exitCode !== 0);
    expect(failed.map((r) => `${r.cmd.source} -> ${r.stderr}`)).toEqual([
      'kubeplay curl postgres.bookstore.svc.cluster.local:5432 --from $WEB -n bookstore -> curl: (52) Empty reply from server\n',
    ]);
    expect(out('kubectl get pvc')).toMatch(/^data-postgres-0\s+Bound\s+pvc-/m);
    const answered = results.filter((r) => r.cmd.source.startsWith('curl http://$LB/')).map((r) => /^Hello from (\S+) /.exec(r.stdout)![1]);
    expect(new Set(answered).size).toBe(3);
    expect(out('kubeplay iptables')).toContain('--probability 0.33333333349');
    expect(out('kubectl exec')).toBe('postgres\n5432\n');
    expect(out('kubectl logs postgres-0')).toContain('invalid length of startup packet');
    expect(out('kubectl get pods,pvc')).toMatch(/pod\/postgres-0\s+1\/1\s+Running\s+0\s+30s/);
    const hpa = (nth: number) => out('kubectl get hpa', nth).split('\n')[1].split(/\s+/);
    // Columns: NAME REFERENCE "cpu: x%/50%" MINPODS MAXPODS REPLICAS AGE. 300 requests/s over 3 pods is 100 each:
    // 1m idle + 100m of a 100m request = 101%, so ceil(3 * 101 / 50) = 7; at 7 pods, 44% keeps ceil(7 * 44 / 50) = 7.
    const scaled = Number(hpa(0)[6]);
    expect(scaled).toBe(7);
    expect(hpa(1)[6]).toBe(String(scaled)); // two minutes after the load stopped: the 5-minute window holds them
    expect(hpa(2)[6]).toBe('3');
  });
});
