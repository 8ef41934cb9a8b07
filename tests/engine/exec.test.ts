/**
 * `kubectl exec`: commands run inside a container's simulated state (environment, files, hostname), kubectl's
 * argument rules and messages, the default container, the errors of pods and containers that cannot take an exec,
 * and the exit code of the command as kubectl's own.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';

function apply(c: Cluster, manifest: string): void {
  const res = c.kubectl('kubectl apply -f -', manifest);
  expect(res.stderr).toBe('');
}

const podWithConfig = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  MODE: production
  app.properties: |
    color=blue
    size=3
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    env:
    - name: MODE
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: MODE
    - name: GREETING
      value: hello
    volumeMounts:
    - name: config
      mountPath: /etc/app
  volumes:
  - name: config
    configMap:
      name: app-config
`;

const twoContainers = `apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  containers:
  - name: web
    image: nginx:1.27
  - name: helper
    image: busybox:1.37
    command: ["sh", "-c", "echo ready > /tmp/state; sleep 3600"]
`;

function started(manifest: string): Cluster {
  const c = createCluster({ seed: 7 });
  apply(c, manifest);
  c.advance(30_000);
  return c;
}

describe('kubectl exec runs a command in the container', { timeout: 30_000 }, () => {
  it('env shows the PATH, HOSTNAME, the pod env (a ConfigMap value) and the service variables', () => {
    const c = started(podWithConfig);
    const r = c.kubectl('kubectl exec web -- env');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(lines).toContain('HOSTNAME=web');
    expect(lines).toContain('MODE=production');
    expect(lines).toContain('GREETING=hello');
    expect(lines).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(lines[lines.length - 1]).toBe('HOME=/root');
    expect(c.kubectl('kubectl exec web -- printenv MODE').stdout).toBe('production\n');
  });

  it('cat reads a mounted ConfigMap file; ls lists the mount; hostname is the pod name', () => {
    const c = started(podWithConfig);
    expect(c.kubectl('kubectl exec web -- cat /etc/app/app.properties').stdout).toBe('color=blue\nsize=3\n');
    expect(c.kubectl('kubectl exec web -- ls /etc/app').stdout).toBe('MODE\napp.properties\n');
    expect(c.kubectl('kubectl exec web -- hostname')).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('kubectl exec web -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace').stdout).toBe('default');
  });

  it('the kubelet-managed resolv.conf and hosts file', () => {
    const c = started(podWithConfig);
    expect(c.kubectl('kubectl exec web -- cat /etc/resolv.conf').stdout).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    const ip = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/web' }).body.status.podIP;
    expect(c.kubectl('kubectl exec web -- cat /etc/hosts').stdout).toMatch(new RegExp(`^# Kubernetes-managed hosts file\\.\\n127\\.0\\.0\\.1\\tlocalhost\\n[\\s\\S]*\\n${ip.replace(/\./g, '\\.')}\\tweb\\n$`));
  });

  it('sh -c runs a script; files written by one exec are there for the next', () => {
    const c = started(podWithConfig);
    const r = c.kubectl(`kubectl exec web -- sh -c 'echo "mode is $MODE" > /tmp/out; cat /tmp/out; echo $HOSTNAME'`);
    expect(r).toEqual({ stdout: 'mode is production\nweb\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('kubectl exec web -- cat /tmp/out').stdout).toBe('mode is production\n');
  });

  it('a failing command: its stderr, then "command terminated with exit code N" and kubectl exits N', () => {
    const c = started(podWithConfig);
    expect(c.kubectl(`kubectl exec web -- sh -c 'exit 3'`)).toEqual({ stdout: '', stderr: 'command terminated with exit code 3\n', exitCode: 3 });
    expect(c.kubectl('kubectl exec web -- cat /nope')).toEqual({
      stdout: '',
      stderr: "cat: can't open '/nope': No such file or directory\ncommand terminated with exit code 1\n",
      exitCode: 1,
    });
  });

  it('a program the image does not have: the OCI runtime error, exit code 1', () => {
    const c = started(podWithConfig);
    const r = c.kubectl('kubectl exec web -- nslookup kubernetes');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nslookup": executable file not found in \$PATH: unknown\n$/,
    );
    // Inside a shell script, the shell says it.
    expect(c.kubectl(`kubectl exec web -- sh -c 'nslookup kubernetes'`)).toEqual({
      stdout: '',
      stderr: 'sh: 1: nslookup: not found\ncommand terminated with exit code 127\n',
      exitCode: 127,
    });
  });
});

describe('the container filesystem through ls', { timeout: 30_000 }, () => {
  it('ls / shows the image root with the container files; a missing path is an error in the image userland style', () => {
    const c = createCluster({ seed: 2 });
    c.kubectl('kubectl run bb --image=busybox:1.37 -- sleep 3600');
    c.kubectl('kubectl run web --image=nginx:1.27');
    c.advance(30_000);
    expect(c.kubectl('kubectl exec bb -- ls /').stdout).toBe('bin\ndev\netc\nhome\nlib\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n');
    expect(c.kubectl('kubectl exec bb -- ls /nope')).toEqual({ stdout: '', stderr: 'ls: /nope: No such file or directory\ncommand terminated with exit code 1\n', exitCode: 1 });
    expect(c.kubectl('kubectl exec web -- ls /nope')).toEqual({
      stdout: '',
      stderr: "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n",
      exitCode: 2,
    });
    expect(c.kubectl('kubectl exec web -- ls -l /etc/hostname').stdout).toBe('-rw-r--r-- 1 root root    4 Jan  1 00:00 /etc/hostname\n');
    expect(c.kubectl(`kubectl exec web -- bash -c 'cd /tmp && pwd; wget -q x'`)).toEqual({
      stdout: '/tmp\n',
      stderr: 'bash: line 1: wget: command not found\ncommand terminated with exit code 127\n',
      exitCode: 127,
    });
  });
});

describe('kubectl exec arguments', { timeout: 30_000 }, () => {
  it('without -- the old form is refused with the real message', () => {
    const c = started(podWithConfig);
    expect(c.kubectl('kubectl exec web ls')).toEqual({
      stdout: '',
      stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
      exitCode: 1,
    });
    expect(c.kubectl('kubectl exec web').stderr).toBe('error: you must specify at least one command for the container\n');
    expect(c.kubectl('kubectl exec web --').stderr).toBe('error: you must specify at least one command for the container\n');
    expect(c.kubectl('kubectl exec -- ls').stderr).toBe('error: pod, type/name or --filename must be specified\n');
    expect(c.kubectl('kubectl exec').stderr).toBe('error: pod, type/name or --filename must be specified\n');
  });

  it('an unknown pod, an unknown container', () => {
    const c = started(podWithConfig);
    expect(c.kubectl('kubectl exec nope -- ls')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(c.kubectl('kubectl exec web -c sidecar -- ls')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): container sidecar is not valid for pod web\n',
      exitCode: 1,
    });
  });

  it('several containers: "Defaulted container" on stderr, -c chooses, the annotation picks the default', () => {
    const c = started(twoContainers);
    expect(c.kubectl('kubectl exec duo -- hostname')).toEqual({ stdout: 'duo\n', stderr: 'Defaulted container "web" out of: web, helper\n', exitCode: 0 });
    expect(c.kubectl('kubectl exec duo -c helper -- cat /tmp/state')).toEqual({ stdout: 'ready\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('kubectl exec duo -q -- hostname').stderr).toBe('');
    c.kubectl('kubectl annotate pod duo kubectl.kubernetes.io/default-container=helper');
    expect(c.kubectl('kubectl exec duo -- cat /tmp/state')).toEqual({ stdout: 'ready\n', stderr: '', exitCode: 0 });
  });

  it('-it with a shell gets a clear message; -it with a command runs it', () => {
    const c = started(podWithConfig);
    const r = c.kubectl('kubectl exec -it web -- sh');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: interactive sessions are not available in kubeplay');
    expect(r.stderr).toBe(
      'error: interactive sessions are not available in kubeplay: kubectl exec cannot open a terminal for "sh" in web.\n' +
        'Run one command at a time instead, for example:\n' +
        '  kubectl exec web -- ls /\n' +
        "  kubectl exec web -- sh -c 'echo $HOSTNAME; cat /etc/resolv.conf'\n",
    );
    expect(c.kubectl('kubectl exec -ti web -- /bin/bash').stderr).toContain('interactive sessions are not available in kubeplay');
    expect(c.kubectl('kubectl exec -it web -- hostname')).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
  });

  it('-i with a script on stdin runs it', () => {
    const c = started(podWithConfig);
    expect(c.kubectl('kubectl exec -i web -- sh', 'echo $MODE\nhostname\n')).toEqual({ stdout: 'production\nweb\n', stderr: '', exitCode: 0 });
  });

  it('deploy/NAME picks a running pod of the Deployment; -n chooses the namespace', () => {
    const c = createCluster({ seed: 3 });
    c.kubectl('kubectl create namespace shop');
    c.kubectl('kubectl create deployment api --image=nginx:1.27 --replicas=2 -n shop');
    c.advance(30_000);
    const pods: string[] = c.request({ method: 'GET', path: '/api/v1/namespaces/shop/pods' }).body.items.map((p: any) => p.metadata.name);
    const r = c.kubectl('kubectl exec deploy/api -n shop -- hostname');
    expect(r.stderr).toBe('');
    expect(pods).toContain(r.stdout.trim());
    expect(c.kubectl('kubectl exec deploy/api -- hostname').stderr).toBe('Error from server (NotFound): deployments.apps "api" not found\n');
    c.kubectl('kubectl expose deployment api --port=80 -n shop');
    expect(pods).toContain(c.kubectl('kubectl exec svc/api -n shop -- hostname').stdout.trim());
    expect(c.kubectl('kubectl exec configmap/kube-root-ca.crt -n shop -- ls').stderr).toBe(
      'error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n',
    );
  });
});

describe('pods that cannot take an exec', { timeout: 30_000 }, () => {
  it('a pod not scheduled, a container not started yet, a completed pod', () => {
    const c = createCluster({ seed: 5 });
    apply(c, `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "64"
`);
    c.advance(5_000);
    expect(c.kubectl('kubectl exec big -- ls').stderr).toBe('Error from server (BadRequest): pod big does not have a host assigned\n');
    c.kubectl('kubectl run slow --image=nginx:1.27');
    c.advance(600);
    expect(c.kubectl('kubectl exec slow -- ls')).toEqual({ stdout: '', stderr: 'error: unable to upgrade connection: container not found ("slow")\n', exitCode: 1 });
    c.kubectl('kubectl run once --image=busybox:1.37 --restart=Never -- true');
    c.advance(30_000);
    expect(c.kubectl('kubectl exec once -- ls').stderr).toBe('error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
  });
});
