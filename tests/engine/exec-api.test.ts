/**
 * The pods/exec subresource itself (discovery, the finished stream as JSON, the kubelet's plain-text refusals, a dead
 * node) and `kubectl exec -i` fed by a here-document in a session.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { parseSession, Shell } from '../../src/engine/shell';

function withPod(): Cluster {
  const c = createCluster({ seed: 4 });
  c.kubectl('kubectl run bb --image=busybox:1.37 --env=COLOR=green -- sleep 3600');
  c.advance(30_000);
  return c;
}

const EXEC = '/api/v1/namespaces/default/pods/bb/exec';

describe('pods/exec', { timeout: 30_000 }, () => {
  it('is discoverable with the create and get verbs', () => {
    const c = createCluster();
    const list = c.request({ method: 'GET', path: '/api/v1' }).body;
    expect(list.resources.find((r: any) => r.name === 'pods/exec')).toEqual({
      name: 'pods/exec',
      singularName: '',
      namespaced: true,
      kind: 'PodExecOptions',
      verbs: ['create', 'get'],
    });
  });

  it('answers the finished stream: stdout, stderr and the error channel Status', () => {
    const c = withPod();
    const ok = c.request({ method: 'POST', path: `${EXEC}?container=bb&command=printenv&command=COLOR&stdout=true&stderr=true` });
    expect(ok).toEqual({ status: 200, body: { kind: 'PodExecResult', stdout: 'green\n', stderr: '', status: { metadata: {}, status: 'Success' } } });
    const failed = c.request({ method: 'GET', path: `${EXEC}?command=sh&command=-c&command=${encodeURIComponent('echo oops >&2; exit 4')}&stderr=true` });
    expect(failed.body).toEqual({
      kind: 'PodExecResult',
      stdout: '',
      stderr: 'oops\n',
      status: {
        metadata: {},
        status: 'Failure',
        message: 'command terminated with non-zero exit code: error executing command [sh -c echo oops >&2; exit 4], exit code 4',
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: '4' }] },
      },
    });
  });

  it('a TTY has one stream; exec variables do not leak into the container, files do', () => {
    const c = withPod();
    const tty = c.request({ method: 'POST', path: `${EXEC}?command=sh&command=-c&command=${encodeURIComponent('echo out; echo err >&2; export X=1; touch /tmp/made')}&stdin=true&tty=true` });
    expect(tty.body.stdout).toBe('out\nerr\n');
    expect(tty.body.stderr).toBe('');
    expect(c.kubectl('kubectl exec bb -- printenv X').exitCode).toBe(1);
    expect(c.kubectl('kubectl exec bb -- printenv TERM').exitCode).toBe(1);
    expect(c.kubectl('kubectl exec bb -- ls /tmp').stdout).toBe('made\n');
  });

  it("the main process's shell variables are not in the container environment an exec sees", () => {
    const c = createCluster({ seed: 4 });
    c.kubectl(`kubectl run loop --image=busybox:1.37 -- sh -c 'COUNT=0; while true; do COUNT=$((COUNT+1)); sleep 1; done'`);
    c.advance(30_000);
    expect(c.kubectl('kubectl exec loop -- printenv COUNT')).toEqual({ stdout: '', stderr: 'command terminated with exit code 1\n', exitCode: 1 });
  });

  it('the API server checks the container; the kubelet refuses a pod it does not run', () => {
    const c = withPod();
    expect(c.request({ method: 'POST', path: `${EXEC}?container=nope&command=ls` }).body).toMatchObject({
      kind: 'Status',
      code: 400,
      reason: 'BadRequest',
      message: 'container nope is not valid for pod bb',
    });
    expect(c.request({ method: 'POST', path: `${EXEC}?container=bb` }).body.message).toBe('you must specify at least one command for the container');
    const node = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/bb' }).body.spec.nodeName;
    c.sim(`kubeplay node fail ${node}`);
    const r = c.kubectl('kubectl exec bb -- ls');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Error from server: error dialing backend: dial tcp [\d.]+:10250: connect: no route to host\n$/);
  });

  it('a crashed container: container not found until it runs again', () => {
    const c = withPod();
    c.sim('kubeplay pod crash bb');
    c.advance(100);
    expect(c.kubectl('kubectl exec bb -- ls').stderr).toBe('error: unable to upgrade connection: container not found ("bb")\n');
    c.advance(30_000);
    expect(c.kubectl('kubectl exec bb -- printenv COLOR').stdout).toBe('green\n');
  });
});

describe('kubectl exec in a session', { timeout: 30_000 }, () => {
  it('-i feeds a here-document to the shell in the container', () => {
    const c = withPod();
    const shell = new Shell(c, {});
    const [cmd] = parseSession("kubectl exec -i bb -- sh <<'EOF'\necho \"color=$COLOR\"\nhostname\nEOF\n");
    const r = shell.runCommand(cmd);
    expect(r.stdout).toBe('color=green\nbb\n');
    expect(r.exitCode).toBe(0);
  });

  it('single quotes keep $VAR for the container shell; the session shell expands double quotes first', () => {
    const c = withPod();
    const shell = new Shell(c, {});
    const run = (line: string) => shell.runCommand(parseSession(line)[0]).stdout;
    expect(run(`kubectl exec bb -- sh -c 'echo $COLOR on $HOSTNAME'`)).toBe('green on bb\n');
    // The session has no COLOR variable: the container's shell gets `echo ` and prints an empty line.
    expect(run('kubectl exec bb -- sh -c "echo $COLOR"')).toBe('\n');
  });

  it('-i gives cat its stdin: a file copied into the container', () => {
    const c = withPod();
    expect(c.kubectl(`kubectl exec -i bb -- sh -c 'cat > /tmp/notes.txt'`, 'line one\nline two\n').exitCode).toBe(0);
    expect(c.kubectl('kubectl exec bb -- cat /tmp/notes.txt').stdout).toBe('line one\nline two\n');
    expect(c.kubectl('kubectl exec bb -- ps').stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 ps\n');
  });
});
