import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

describe('kubectl run', () => {
  it('builds the Pod exactly as kubectl run does', () => {
    const r = createCluster().kubectl('kubectl run nginx --image=nginx --dry-run=client -o yaml');
    expect(r.stdout).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
  });

  it('honours --port, --env, --labels, --restart, --command and args after --', () => {
    const c = createCluster();
    const pod = JSON.parse(c.kubectl('kubectl run bb --image=busybox --port=80 --env=A=1 --labels=app=web,tier=fe --restart=Never --command --dry-run=client -o json -- sleep 10').stdout);
    expect(pod.metadata.labels).toEqual({ app: 'web', tier: 'fe' });
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.spec.containers[0]).toEqual({
      name: 'bb',
      image: 'busybox',
      command: ['sleep', '10'],
      ports: [{ containerPort: 80 }],
      env: [{ name: 'A', value: '1' }],
      resources: {},
    });
    const args = JSON.parse(c.kubectl('kubectl run bb --image=busybox --dry-run=client -o json -- echo hi').stdout);
    expect(args.spec.containers[0].args).toEqual(['echo', 'hi']);
  });

  it('creates the pod and reports errors as kubectl does', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl run nginx --image=nginx').stdout).toBe('pod/nginx created\n');
    expect(c.kubectl('kubectl run nginx --image=nginx').stderr).toBe('Error from server (AlreadyExists): pods "nginx" already exists\n');
    expect(c.kubectl('kubectl run x --image=nginx --restart=Foo').stderr).toBe("error: invalid restart policy: Foo\nSee 'kubectl run -h' for help and examples\n");
    expect(c.kubectl('kubectl run x --image=nginx --rm').stderr).toBe(
      "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n",
    );
    expect(c.kubectl('kubectl run x').stderr).toBe('error: required flag(s) "image" not set\n');
  });

  it('explains that interactive sessions are not available', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl run -it bb --image=busybox -- sh');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/interactive sessions are not available/);
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/bb' }).status).toBe(404);
  });
});
