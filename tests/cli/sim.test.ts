import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');

/** Run the real CLI in a child process. */
function sim(args: string[], input = ''): Promise<{ stdout: string; stderr: string; status: number | null }> {
  const env = { ...process.env };
  delete env.INIT_CWD; // set when vitest itself runs under npm; relative paths must resolve from cwd here
  const child = spawn(process.execPath, [tsx, 'src/cli/sim.ts', ...args], { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (status) => resolve({ stdout, stderr, status })));
}

function sessionFile(text: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeplay-sim-'));
  for (const [name, content] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  const file = path.join(dir, 'session.sh');
  writeFileSync(file, text);
  return file;
}

const SESSION = `# a small session
export APP=web
echo "app is $APP"
sleep 1m
IP=$(minikube ip)
echo "http://$IP:30080" \\
  "(node)"
kubectl frob
`;

// Each case starts a real Node process (about a second each).
describe.concurrent('npm run sim', { timeout: 60_000 }, () => {
  it('prints a transcript: each command as written, then its stdout and stderr', async ({ expect }) => {
    const r = await sim([sessionFile(SESSION)]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '$ export APP=web',
        '$ echo "app is $APP"',
        'app is web',
        '$ sleep 1m',
        '$ IP=$(minikube ip)',
        '$ echo "http://$IP:30080" \\',
        '  "(node)"',
        'http://172.18.0.3:30080 (node)',
        '$ kubectl frob',
        'error: unknown command "frob" for "kubectl"',
        '',
      ].join('\n'),
    );
  });

  it('reads the session from stdin when FILE is -', async ({ expect }) => {
    const r = await sim(['-'], SESSION);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe((await sim([sessionFile(SESSION)])).stdout);
  });

  it('prints one JSON array with command, stdout, stderr, exitCode and virtual time', async ({ expect }) => {
    const r = await sim(['--json', sessionFile(SESSION)]);
    expect(r.status).toBe(0);
    const entries = JSON.parse(r.stdout);
    expect(entries).toHaveLength(6);
    expect(entries[1]).toEqual({ command: 'echo "app is $APP"', stdout: 'app is web\n', stderr: '', exitCode: 0, time: 0 });
    expect(entries[3]).toMatchObject({ command: 'IP=$(minikube ip)', time: 60_000 });
    expect(entries[5]).toEqual({
      command: 'kubectl frob',
      stdout: '',
      stderr: 'error: unknown command "frob" for "kubectl"\n',
      exitCode: 1,
      time: 60_000,
    });
  });

  it('gives byte-identical output for the same seed', async ({ expect }) => {
    const file = sessionFile(`${SESSION}kubectl create configmap cfg --from-literal=a=1\nkubectl get configmap cfg -o yaml\n`);
    const [a, b] = await Promise.all([sim(['--seed', '42', '--json', file]), sim(['--seed=42', '--json', file])]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('honours --workers for the default topology', async ({ expect }) => {
    // With no worker node, minikube ip can only answer the control plane's address.
    expect((await sim(['--workers', '0', '-'], 'minikube ip\n')).stdout).toBe('$ minikube ip\n172.18.0.2\n');
  });

  it('reads files relative to the session file', async ({ expect }) => {
    const file = sessionFile('cat data/hello.txt\n', { 'data/hello.txt': 'hello from a file\n' });
    expect((await sim([file])).stdout).toBe('$ cat data/hello.txt\nhello from a file\n');
  });

  it('exits 2 with file:line: message for an unterminated here-document', async ({ expect }) => {
    const file = sessionFile('echo start\n\nkubectl apply -f - <<EOF\nkind: Namespace\n');
    const r = await sim([file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${file}:3: unterminated here-document: no line "EOF" ends the one that starts here\n`);
  });

  it('exits 2 when the file cannot be read', async ({ expect }) => {
    const r = await sim(['/nonexistent/session.sh']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('/nonexistent/session.sh:1: cannot read the session file: no such file\n');
  });

  it('prints usage and exits 2 on a usage error', async ({ expect }) => {
    const cases = [[], ['--seed'], ['--seed', 'x', 'f.sh'], ['--frob', 'f.sh'], ['a.sh', 'b.sh']];
    for (const r of await Promise.all(cases.map((args) => sim(args)))) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/\nusage: npm run sim -- \[--seed N\] \[--workers N\] \[--json\] FILE/);
    }
  });
});
