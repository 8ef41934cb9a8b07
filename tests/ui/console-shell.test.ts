/** The console's shell: what a student types runs on the engine's kubectl, output unchanged, stderr kept apart. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { ConsoleShell, chunksOf } from '../../src/ui/console/console-shell';
import { needsMoreInput } from '../../src/engine/shell';

let cluster: Cluster;
let shell: ConsoleShell;

beforeEach(() => {
  cluster = createCluster({ seed: 7 });
  shell = new ConsoleShell({ kubectl: async (l, stdin) => cluster.kubectl(l, stdin), sim: async (l) => cluster.sim(l) });
});

describe('console shell', () => {
  it('prints exactly what kubectl prints', async () => {
    const r = await shell.run('kubectl get nodes');
    expect(r).toMatchObject(cluster.kubectl('kubectl get nodes'));
    expect(r.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
  });

  it('applies a here-document, continuing the input until its delimiter', async () => {
    const first = 'kubectl apply -f - <<EOF';
    expect(needsMoreInput(first)).toBe(true);
    const text = `${first}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: greeting\ndata:\n  message: hello\nEOF`;
    expect(needsMoreInput(text)).toBe(false);
    expect(await shell.run(text)).toMatchObject({ stdout: 'configmap/greeting created\n', stderr: '', exitCode: 0 });
    expect((await shell.run('kubectl get configmap greeting -o jsonpath={.data.message}')).stdout).toBe('hello');
  });

  it('keeps stderr distinct and in order across several commands', async () => {
    const r = await shell.run('kubectl get pods nope; kubectl get ns default -o name');
    expect(chunksOf(r)).toEqual([
      { stream: 'err', text: 'Error from server (NotFound): pods "nope" not found\n' },
      { stream: 'out', text: 'namespace/default\n' },
    ]);
    expect(r.exitCode).toBe(0);
  });

  it('runs kubeplay actions, &&, variables and command substitution', async () => {
    expect((await shell.run('kubeplay node add worker-4 && echo added')).stdout).toBe('node/worker-4 added\nadded\n');
    expect((await shell.run('kubectl get node worker-4 -o name')).stdout).toBe('node/worker-4\n');
    expect((await shell.run('NODE=worker-4; kubectl get node $NODE -o jsonpath={.metadata.name}')).stdout).toBe('worker-4');
    expect((await shell.run('echo "$(kubectl get ns default -o jsonpath={.status.phase})"')).stdout).toBe('Active\n');
  });

  it('passes quoted arguments to kubectl unchanged', async () => {
    const line = `kubectl get nodes -o jsonpath="{range .items[*]}{.metadata.name}{'\\n'}{end}"`;
    expect((await shell.run(line)).stdout).toBe(cluster.kubectl(line).stdout);
    expect((await shell.run(line)).stdout).toBe('control-plane\nworker-1\nworker-2\nworker-3\n');
  });

  it("remembers the context's namespace for completion", async () => {
    expect(shell.namespace).toBe('default');
    await shell.run('kubectl config set-context --current --namespace=kube-system');
    expect(shell.namespace).toBe('kube-system');
    expect((await shell.run('kubectl get deploy -o name')).stdout).toBe('deployment.apps/coredns\n');
  });

  it('understands clear and help, and says what it cannot run', async () => {
    expect((await shell.run('clear')).clear).toBe(true);
    expect((await shell.run('help')).stdout).toContain('kubeplay node add NAME');
    expect(await shell.run('ls -l')).toMatchObject({ exitCode: 127, stderr: expect.stringContaining('ls: command not found') });
    expect(await shell.run("kubectl get pods 'oops")).toMatchObject({ exitCode: 2 });
  });
});
