import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

type Cluster = ReturnType<typeof createCluster>;
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';

function withDeployment(replicas = 3) {
  const c = createCluster();
  expect(c.kubectl(`kubectl create deployment web --image=nginx:1.24 --replicas=${replicas}`).exitCode).toBe(0);
  return c;
}

const get = (c: Cluster, path: string) => c.request({ method: 'GET', path }).body;

/** Write an object's status as a controller would (the status subresource). */
function writeStatus(c: Cluster, path: string, status: Record<string, unknown>) {
  const obj = get(c, path);
  const res = c.request({ method: 'PUT', path: `${path}/status`, body: { ...obj, status: { observedGeneration: obj.metadata.generation, ...status } } });
  expect(res.status).toBe(200);
}

describe('kubectl rollout status', () => {
  it('prints the line for each deployment state, as rollout_status.go words them', () => {
    const c = withDeployment();
    const path = `${DEPLOY}/web`;
    const states: [Record<string, unknown>, string][] = [
      [{ replicas: 3, updatedReplicas: 1 }, 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n'],
      [{ replicas: 4, updatedReplicas: 3 }, 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n'],
      [
        { replicas: 3, updatedReplicas: 3, availableReplicas: 2 },
        'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...\n',
      ],
      [{ replicas: 3, updatedReplicas: 3, availableReplicas: 3 }, 'deployment "web" successfully rolled out\n'],
    ];
    for (const [status, line] of states) {
      writeStatus(c, path, status);
      expect(c.kubectl('kubectl rollout status deployment/web --watch=false')).toMatchObject({ stdout: line, stderr: '', exitCode: 0 });
    }
  });

  it('waits for the spec to be observed, and fails on a passed progress deadline', () => {
    const c = withDeployment();
    const path = `${DEPLOY}/web`;
    const d = get(c, path);
    c.request({ method: 'PUT', path: `${path}/status`, body: { ...d, status: { observedGeneration: d.metadata.generation - 1 } } });
    expect(c.kubectl('kubectl rollout status deploy web --watch=false').stdout).toBe('Waiting for deployment spec update to be observed...\n');
    writeStatus(c, path, {
      replicas: 3,
      updatedReplicas: 1,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-1" has timed out progressing.' }],
    });
    expect(c.kubectl('kubectl rollout status deploy/web --watch=false')).toMatchObject({
      stdout: '',
      stderr: 'error: deployment "web" exceeded its progress deadline\n',
      exitCode: 1,
    });
  });

  it('--timeout: a rollout that does not progress ends with the real timeout error after that much cluster time', () => {
    const c = createCluster();
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  paused: true
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
`;
    expect(c.kubectl('kubectl apply -f -', manifest).exitCode).toBe(0);
    writeStatus(c, `${DEPLOY}/web`, { replicas: 0, updatedReplicas: 0 });
    const before = c.now();
    const r = c.kubectl('kubectl rollout status deployment/web --timeout=20s');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Waiting for deployment "web" rollout to finish: 0 out of 3 new replicas have been updated...');
    expect(new Set(lines).size).toBe(1);
    expect(r).toMatchObject({ stderr: 'error: timed out waiting for the condition\n', exitCode: 1 });
    expect(c.now() - before).toBeGreaterThanOrEqual(20_000);
  });

  it('checks --revision against the running revision', () => {
    const c = withDeployment();
    const d = get(c, `${DEPLOY}/web`);
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(c.kubectl('kubectl rollout status deploy/web --revision=2 --watch=false').stderr).toBe(
      'error: desired revision (2) is different from the running revision (1)\n',
    );
  });

  it('reports daemon sets and stateful sets in their own words, and refuses other kinds', () => {
    const c = createCluster();
    const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'x' } }, template } };
    expect(c.request({ method: 'POST', path: '/apis/apps/v1/namespaces/default/daemonsets', body: ds }).status).toBe(201);
    writeStatus(c, '/apis/apps/v1/namespaces/default/daemonsets/agent', {
      desiredNumberScheduled: 3,
      updatedNumberScheduled: 1,
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      numberReady: 1,
    });
    expect(c.kubectl('kubectl rollout status ds/agent --watch=false').stdout).toBe(
      'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...\n',
    );
    writeStatus(c, '/apis/apps/v1/namespaces/default/daemonsets/agent', {
      desiredNumberScheduled: 3,
      updatedNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      numberReady: 3,
      numberAvailable: 3,
    });
    expect(c.kubectl('kubectl rollout status ds/agent --watch=false').stdout).toBe('daemon set "agent" successfully rolled out\n');

    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'x' } }, template },
    };
    expect(c.request({ method: 'POST', path: '/apis/apps/v1/namespaces/default/statefulsets', body: sts }).status).toBe(201);
    writeStatus(c, '/apis/apps/v1/namespaces/default/statefulsets/db', { replicas: 2, readyReplicas: 1 });
    expect(c.kubectl('kubectl rollout status statefulset/db --watch=false').stdout).toBe('Waiting for 1 pods to be ready...\n');
    writeStatus(c, '/apis/apps/v1/namespaces/default/statefulsets/db', { replicas: 2, readyReplicas: 2, updatedReplicas: 2 });
    expect(c.kubectl('kubectl rollout status statefulset/db --watch=false').stdout).toBe(
      'partitioned roll out complete: 2 new pods have been updated...\n',
    );

    c.kubectl('kubectl create configmap cfg');
    expect(c.kubectl('kubectl rollout status configmap/cfg').stderr).toBe('error: no status viewer has been implemented for ConfigMap\n');
    expect(c.kubectl('kubectl rollout status').stderr).toBe('error: required resource not specified\n');
    expect(c.kubectl('kubectl rollout status deploy/nope')).toMatchObject({
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      exitCode: 1,
    });
  });
});

describe('kubectl rollout history and undo', () => {
  it('lists revisions with the header line kubectl prints, and one revision with its pod template', () => {
    const c = withDeployment();
    c.kubectl('kubectl set image deploy/web nginx=nginx:1.25');
    c.kubectl('kubectl set image deploy/web nginx=nginx:1.26');
    // The deployment controller copies the annotation to the current ReplicaSet, where history reads it.
    c.kubectl('kubectl annotate deploy/web kubernetes.io/change-cause="image 1.26"');
    expect(c.kubectl('kubectl rollout history deployment/web').stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         image 1.26\n\n',
    );
    const one = c.kubectl('kubectl rollout history deployment/web --revision=2').stdout;
    expect(one.startsWith('deployment.apps/web with revision #2\nPod Template:\n  Labels:  app=web\n           pod-template-hash=')).toBe(true);
    expect(one).toContain('    Image:         nginx:1.25\n');
    expect(one.endsWith('\n\n')).toBe(true);
    expect(c.kubectl('kubectl rollout history deployment/web --revision=9').stderr).toBe('error: unable to find the specified revision\n');
  });

  it('undo restores the previous template; the old ReplicaSet becomes the newest revision', () => {
    const c = withDeployment();
    c.kubectl('kubectl set image deploy/web nginx=nginx:1.25');
    expect(c.kubectl('kubectl rollout undo deployment/web')).toMatchObject({ stdout: 'deployment.apps/web rolled back\n', exitCode: 0 });
    expect(get(c, `${DEPLOY}/web`).spec.template.spec.containers[0].image).toBe('nginx:1.24');
    expect(get(c, `${DEPLOY}/web`).spec.template.metadata.labels).toEqual({ app: 'web' });
    expect(c.kubectl('kubectl rollout history deploy/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(c.kubectl('kubectl rollout undo deploy/web --to-revision=3').stdout).toBe(
      'deployment.apps/web skipped rollback (current template already matches revision 3)\n',
    );
    expect(c.kubectl('kubectl rollout undo deploy/web --to-revision=2').stdout).toBe('deployment.apps/web rolled back\n');
    expect(get(c, `${DEPLOY}/web`).spec.template.spec.containers[0].image).toBe('nginx:1.25');
  });

  it('undo errors: a missing revision, no history, a paused deployment', () => {
    const c = withDeployment();
    expect(c.kubectl('kubectl rollout undo deploy/web').stderr).toBe('error: no rollout history found for deployment "web"\n');
    c.kubectl('kubectl set image deploy/web nginx=nginx:1.25');
    expect(c.kubectl('kubectl rollout undo deploy/web --to-revision=5')).toMatchObject({
      stderr: 'error: unable to find specified revision 5 in history\n',
      exitCode: 1,
    });
    c.kubectl('kubectl rollout pause deploy/web');
    expect(c.kubectl('kubectl rollout undo deploy/web').stderr).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    );
  });
});

describe('kubectl rollout restart, pause and resume', () => {
  it('restart stamps the template with kubectl.kubernetes.io/restartedAt', () => {
    const c = withDeployment();
    c.advance(90_000);
    expect(c.kubectl('kubectl rollout restart deployment/web')).toMatchObject({ stdout: 'deployment.apps/web restarted\n', exitCode: 0 });
    const at = get(c, `${DEPLOY}/web`).spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'];
    expect(at).toBe('2026-01-01T00:01:30Z');
    expect(c.kubectl('kubectl rollout restart deployment/web').stderr).toBe(
      'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
    );
  });

  it('pause and resume, with the errors for a deployment already in that state', () => {
    const c = withDeployment();
    expect(c.kubectl('kubectl rollout resume deploy/web').stderr).toBe('error: deployments.apps "web" is not paused\n');
    expect(c.kubectl('kubectl rollout pause deploy/web').stdout).toBe('deployment.apps/web paused\n');
    expect(get(c, `${DEPLOY}/web`).spec.paused).toBe(true);
    expect(c.kubectl('kubectl rollout pause deploy/web').stderr).toBe('error: deployments.apps "web" is already paused\n');
    expect(c.kubectl('kubectl rollout restart deploy/web').stderr).toBe(
      'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n',
    );
    expect(c.kubectl('kubectl rollout resume deploy/web').stdout).toBe('deployment.apps/web resumed\n');
    expect(get(c, `${DEPLOY}/web`).spec.paused).toBeUndefined();
  });
});

describe('kubectl rollout itself', () => {
  it('prints its help on stdout with exit code 1 when no subcommand is given, and rejects an unknown one', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl rollout');
    expect(r.exitCode).toBe(1);
    expect(r.stdout.startsWith('Manage the rollout of one or many resources.\n')).toBe(true);
    expect(r.stdout).toContain('  undo          Undo a previous rollout\n');
    expect(c.kubectl('kubectl rollout frob deploy/web').stderr).toBe('error: unknown command "frob"\nSee \'kubectl rollout -h\' for help and examples\n');
    expect(c.kubectl('kubectl rollout status --bogus').stderr).toBe("error: unknown flag: --bogus\nSee 'kubectl rollout status --help' for usage.\n");
  });

  it('finds the subcommand after global flags', () => {
    const c = createCluster();
    c.kubectl('kubectl create namespace prod');
    c.kubectl('kubectl create deployment web --image=nginx -n prod');
    expect(c.kubectl('kubectl rollout -n prod pause deploy/web').stdout).toBe('deployment.apps/web paused\n');
  });
});
