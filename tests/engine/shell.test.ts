import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { shellWords } from '../../src/engine/kubectl/shell-words';
import { parseSession, Shell } from '../../src/engine/shell';

/** A real cluster whose kubectl and sim calls are also recorded, to see exactly what the shell hands them. */
function recorded(cluster: Cluster = createCluster()) {
  const kubectl: { line: string; stdin?: string }[] = [];
  const sim: string[] = [];
  const wrapped: Cluster = {
    ...cluster,
    kubectl: (line, stdin) => {
      kubectl.push({ line, stdin });
      return cluster.kubectl(line, stdin);
    },
    sim: (line) => {
      sim.push(line);
      return cluster.sim(line);
    },
  };
  return { cluster: wrapped, kubectl, sim, shell: new Shell(wrapped) };
}

const out = (stdout: string, exitCode = 0) => ({ stdout, stderr: '', exitCode });

describe('Shell: variables and expansion', () => {
  it('keeps variables across commands, with export and plain assignment', () => {
    const shell = new Shell(createCluster());
    expect(shell.run('export NS=demo')).toEqual(out(''));
    shell.run('APP=web');
    expect(shell.run('echo $NS "$APP" ${APP}-svc')).toEqual(out('demo web web-svc\n'));
    expect(shell.variable('NS')).toBe('demo');
    expect(shell.variableNames()).toEqual(['APP', 'NS']);
  });

  it('does not expand inside single quotes', () => {
    const shell = new Shell(createCluster(), { variables: { X: '1' } });
    expect(shell.run(`echo '$X' "$X" '\${X}'`).stdout).toBe('$X 1 ${X}\n');
  });

  it('splits unquoted values into words and keeps quoted ones whole, as sh does', () => {
    const shell = new Shell(createCluster());
    shell.run('X="a   b"');
    expect(shell.run('echo $X; echo "$X"').stdout).toBe('a b\na   b\n');
  });

  it('substitutes $(...) and backquotes with their stdout, trailing newlines trimmed', () => {
    const shell = new Shell(createCluster());
    shell.run('GREETING=$(echo hello; echo; echo)');
    expect(shell.run('echo "[$GREETING]" `echo there`').stdout).toBe('[hello] there\n');
    expect(shell.run('echo "$(echo "nested $(echo deep)")"').stdout).toBe('nested deep\n');
  });

  it('assigns left to right, and forgets assignments placed before a command', () => {
    const shell = new Shell(createCluster());
    expect(shell.run('A=1 B=$A; echo $B').stdout).toBe('1\n');
    expect(shell.run('C=5 echo "[$C]"; echo "[$C]"').stdout).toBe('[]\n[]\n');
  });

  it('supports ${X:-default} and $?', () => {
    const shell = new Shell(createCluster());
    expect(shell.run('echo ${MISSING:-fallback}').stdout).toBe('fallback\n');
    expect(shell.run('false; echo $?').stdout).toBe('1\n');
    expect(shell.lastExitCode).toBe(0);
  });

  it('prints echo arguments, with -n leaving out the newline', () => {
    const shell = new Shell(createCluster());
    expect(shell.run('echo -n a; echo b   c').stdout).toBe('ab c\n');
  });
});

describe('Shell: && || ; and pipes', () => {
  it('runs the right side of && only on success and of || only on failure', () => {
    const shell = new Shell(createCluster());
    expect(shell.run('true && echo yes || echo no').stdout).toBe('yes\n');
    expect(shell.run('false && echo yes || echo no').stdout).toBe('no\n');
    expect(shell.run('echo a; false; echo b')).toEqual(out('a\nb\n'));
  });

  it('pipes stdout into kubectl as its stdin', () => {
    const { shell, kubectl } = recorded();
    shell.run('echo "kind: Namespace" | kubectl apply -f -');
    expect(kubectl).toEqual([{ line: 'kubectl apply -f -', stdin: 'kind: Namespace\n' }]);
  });

  it('feeds a here-document to kubectl, expanded unless its delimiter is quoted', () => {
    const { shell, kubectl } = recorded();
    shell.run('NAME=web');
    for (const cmd of parseSession("kubectl apply -f - <<EOF\nname: $NAME\nEOF\ncat <<'EOF' | kubectl apply -f -\nname: $NAME\nEOF")) {
      shell.runCommand(cmd);
    }
    expect(kubectl.map((k) => k.stdin)).toEqual(['name: web\n', 'name: $NAME\n']);
  });

  it('discards output sent to /dev/null and merges stderr with 2>&1', () => {
    const shell = new Shell(createCluster());
    expect(shell.run('kubectl frob >/dev/null 2>&1')).toEqual(out('', 1));
    expect(shell.run('kubectl frob 2>&1').stdout).toBe('error: unknown command "frob" for "kubectl"\n');
  });

  it('refuses redirection into files with a clear message', () => {
    const r = new Shell(createCluster()).run('echo hi > out.txt');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^out.txt: redirecting output to files is not supported/);
  });
});

describe('Shell: a session against the cluster', () => {
  it('applies a here-document with its variables expanded and reads a value back with $(...)', () => {
    const cluster = createCluster();
    const shell = new Shell(cluster);
    const session = parseSession(`export NS=shop
kubectl create namespace $NS
kubectl apply -n "$NS" -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  owner: team-$NS
EOF
OWNER=$(kubectl get configmap settings -n $NS -o jsonpath='{.data.owner}')
echo "owner is $OWNER"`);
    const results = session.map((cmd) => shell.runCommand(cmd));
    expect(results.map((r) => r.stdout)).toEqual(['', 'namespace/shop created\n', 'configmap/settings created\n', '', 'owner is team-shop\n']);
    const cm = cluster.request({ method: 'GET', path: '/api/v1/namespaces/shop/configmaps/settings' });
    expect(cm.body.data).toEqual({ owner: 'team-shop' });
  });

  it('pipes cat <<EOF into kubectl apply -f -, as the Kubernetes docs write it', () => {
    const cluster = createCluster();
    const shell = new Shell(cluster);
    const [cmd] = parseSession('cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: piped\nEOF');
    expect(shell.runCommand(cmd)).toEqual(out('namespace/piped created\n'));
    expect(cluster.request({ method: 'GET', path: '/api/v1/namespaces/piped' }).status).toBe(200);
  });
});

describe('Shell: kubectl argument quoting', () => {
  it('hands kubectl a line that splits back into exactly the expanded words', () => {
    const { shell, kubectl } = recorded();
    shell.run(`MSG="it's a \\"test\\" with $ and \\\\"`);
    shell.run(`kubectl annotate pod web note="$MSG" -o jsonpath='{.items[*].metadata.name}' '' "two
lines"`);
    expect(shellWords(kubectl[0].line)).toEqual([
      'kubectl',
      'annotate',
      'pod',
      'web',
      `note=it's a "test" with $ and \\`,
      '-o',
      'jsonpath={.items[*].metadata.name}',
      '',
      'two\nlines',
    ]);
  });

  it('runs kubectl on the cluster and returns its output and exit code', () => {
    const r = new Shell(createCluster()).run("kubectl frob 'a b'");
    expect(r).toEqual({ stdout: '', stderr: 'error: unknown command "frob" for "kubectl"\n', exitCode: 1 });
  });
});

describe('Shell: sleep, minikube, kubeplay, curl', () => {
  it('advances virtual time with sleep and never waits', () => {
    const cluster = createCluster();
    const shell = new Shell(cluster);
    shell.run('sleep 30');
    expect(cluster.now()).toBe(30_000);
    shell.run('sleep 2m; sleep 1.5; sleep 1h 10s');
    expect(cluster.now()).toBe(30_000 + 120_000 + 1_500 + 3_610_000);
  });

  it('answers sleep errors as GNU sleep does', () => {
    const shell = new Shell(createCluster());
    expect(shell.run('sleep')).toEqual({ stdout: '', stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n", exitCode: 1 });
    expect(shell.run('sleep 5x').stderr).toBe("sleep: invalid time interval '5x'\nTry 'sleep --help' for more information.\n");
  });

  it('prints a worker node InternalIP for minikube ip', () => {
    const cluster = createCluster();
    const node = cluster.request({ method: 'GET', path: '/api/v1/nodes/worker-1' }).body;
    const ip = node.status.addresses.find((a: { type: string }) => a.type === 'InternalIP').address;
    const shell = new Shell(cluster);
    expect(shell.run('minikube ip')).toEqual(out(`${ip}\n`));
    expect(shell.run('echo http://$(minikube ip):30080').stdout).toBe(`http://${ip}:30080\n`);
    expect(shell.run('minikube start').exitCode).toBe(1);
  });

  it('sends kubeplay and curl to the simulator actions', () => {
    const { shell, sim } = recorded();
    const r = shell.run("kubeplay node fail nosuch && curl -s 'http://web/a b'");
    expect(r.exitCode).not.toBe(0);
    shell.run('curl -s http://10.96.0.1');
    expect(sim).toEqual(['kubeplay node fail nosuch', 'kubeplay curl -s http://10.96.0.1']);
  });
});

describe('Shell: errors', () => {
  it('answers command not found with exit code 127', () => {
    const r = new Shell(createCluster()).run('grep web');
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toMatch(/^grep: command not found/);
  });

  it('reports syntax errors and unsupported shell features without throwing', () => {
    const shell = new Shell(createCluster());
    expect(shell.run('&& echo a')).toEqual({ stdout: '', stderr: "syntax error near unexpected token '&&'\n", exitCode: 2 });
    expect(shell.run('kubectl port-forward svc/web 8080:80 &').stderr).toMatch(/background/);
    expect(shell.run('for i in 1 2; do echo $i; done').stderr).toMatch(/^for: shell control flow is not supported/);
    expect(shell.run("echo 'open")).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^line 1: unterminated quoted string/) });
  });

  it('rejects invalid variable names in export', () => {
    const r = new Shell(createCluster()).run('export 1X=3');
    expect(r).toEqual({ stdout: '', stderr: "export: `1X=3': not a valid identifier\n", exitCode: 1 });
  });
});
