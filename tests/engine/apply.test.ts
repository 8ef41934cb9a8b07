import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { toYaml } from '../../src/engine/kubectl/printers/yaml-json';

const DEPLOY_PATH = '/apis/apps/v1/namespaces/default/deployments/web';

/** `kubectl create deployment web --image=nginx --replicas=2 --dry-run=client -o yaml` (real kubectl v1.32). */
const DRY_RUN_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`;

/** The same manifest as people write it by hand (no creationTimestamp: null). */
const deployment = (opts: { replicas?: number; image?: string; labels?: string } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web${opts.labels ?? ''}
spec:
  replicas: ${opts.replicas ?? 2}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${opts.image ?? 'nginx'}
`;

const get = (c: ReturnType<typeof createCluster>, path = DEPLOY_PATH) => c.request({ method: 'GET', path }).body;

describe('kubectl apply (client-side)', () => {
  it('creates with the last-applied-configuration annotation kubectl writes', () => {
    const c = createCluster();
    const res = c.kubectl('kubectl apply -f -', DRY_RUN_DEPLOYMENT);
    expect(res).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 });
    expect(get(c).metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"creationTimestamp":null,"labels":{"app":"web"},' +
        '"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"strategy":{},' +
        '"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx",' +
        '"name":"nginx","resources":{}}]}}},"status":{}}\n',
    );
  });

  it('prints unchanged for the same manifest, configured for a change, and leaves others\' fields alone', () => {
    const c = createCluster();
    c.kubectl('apply -f -', deployment());
    const before = get(c);
    expect(c.kubectl('apply -f -', deployment()).stdout).toBe('deployment.apps/web unchanged\n');
    expect(get(c).metadata.resourceVersion).toBe(before.metadata.resourceVersion);

    // Someone else adds a label; apply keeps it since it was never in the configuration.
    c.request({
      method: 'PATCH',
      path: DEPLOY_PATH,
      body: { metadata: { labels: { team: 'a' } } },
      contentType: 'application/merge-patch+json',
    });
    expect(c.kubectl('apply -f -', deployment({ image: 'nginx:1.27', labels: '\n    tier: front' })).stdout).toBe(
      'deployment.apps/web configured\n',
    );
    let live = get(c);
    expect(live.spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(live.metadata.labels).toEqual({ app: 'web', team: 'a', tier: 'front' });

    // A label removed from the manifest since the last apply is deleted.
    expect(c.kubectl('apply -f -', deployment({ image: 'nginx:1.27' })).stdout).toBe('deployment.apps/web configured\n');
    live = get(c);
    expect(live.metadata.labels).toEqual({ app: 'web', team: 'a' });
    expect(live.metadata.uid).toBe(before.metadata.uid);
  });

  it('sends creationTimestamp: null of generated manifests in the patch, so their re-apply says configured', () => {
    const c = createCluster();
    c.kubectl('apply -f -', DRY_RUN_DEPLOYMENT);
    const rv = get(c).metadata.resourceVersion;
    // The three-way patch is {"metadata":{"creationTimestamp":null},...}: not empty, though the server changes nothing.
    expect(c.kubectl('apply -f -', DRY_RUN_DEPLOYMENT).stdout).toBe('deployment.apps/web configured\n');
    expect(get(c).metadata.resourceVersion).toBe(rv);
  });

  it('applies every kind that kubectl create/run --dry-run=client -o yaml produces', () => {
    const c = createCluster();
    const manifests = [
      DRY_RUN_DEPLOYMENT,
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - name: 80-80\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
      'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: app\n',
      'apiVersion: v1\ndata:\n  p: czNjcmV0\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: pw\n',
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  creationTimestamp: null\n  name: once\nspec:\n  template:\n    metadata:\n      creationTimestamp: null\n    spec:\n      containers:\n      - command:\n        - echo\n        - hi\n        image: busybox\n        name: once\n        resources: {}\n      restartPolicy: Never\nstatus: {}\n',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  creationTimestamp: null\n  name: tick\nspec:\n  jobTemplate:\n    metadata:\n      creationTimestamp: null\n      name: tick\n    spec:\n      template:\n        metadata:\n          creationTimestamp: null\n        spec:\n          containers:\n          - command:\n            - date\n            image: busybox\n            name: tick\n            resources: {}\n          restartPolicy: OnFailure\n  schedule: \'*/5 * * * *\'\nstatus: {}\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: solo\n  name: solo\nspec:\n  containers:\n  - image: nginx\n    name: solo\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: shop\nspec: {}\nstatus: {}\n',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: bot\n',
    ];
    const res = c.kubectl('apply -f -', manifests.join('---\n'));
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(
      [
        'deployment.apps/web created',
        'service/web created',
        'configmap/app created',
        'secret/pw created',
        'job.batch/once created',
        'cronjob.batch/tick created',
        'pod/solo created',
        'namespace/shop created',
        'serviceaccount/bot created',
        '',
      ].join('\n'),
    );
  });

  it('re-applies `get -o yaml` output: configured (the annotation now records it), then a conflict on its stale resourceVersion', () => {
    const c = createCluster();
    c.kubectl('apply -f -', deployment());
    const before = get(c);
    const roundTrip = toYaml(before);
    expect(c.kubectl('apply -f -', roundTrip)).toEqual({ stdout: 'deployment.apps/web configured\n', stderr: '', exitCode: 0 });
    const after = get(c);
    expect(after.spec).toEqual(before.spec);
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(JSON.parse(after.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );

    const again = c.kubectl('apply -f -', roundTrip);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(
      /^Error from server \(Conflict\): error when applying patch:\n\{.*"resourceVersion":"\d+".*\}\nto:\nResource: "apps\/v1, Resource=deployments", GroupVersionKind: "apps\/v1, Kind=Deployment"\nName: "web", Namespace: "default"\nfor: "STDIN": error when patching "STDIN": Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n$/,
    );
  });

  it('warns about a missing annotation and patches it in', () => {
    const c = createCluster();
    c.kubectl('apply -f -', deployment());
    c.request({
      method: 'PATCH',
      path: DEPLOY_PATH,
      body: { metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': null } } },
      contentType: 'application/merge-patch+json',
    });
    const res = c.kubectl('apply -f -', deployment());
    expect(res.stderr).toBe(
      'Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
    expect(res.stdout).toBe('deployment.apps/web configured\n');
    expect(get(c).metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('"replicas":2');
  });

  it('applies the valid documents of a stream and reports the others, exit code 1', () => {
    const c = createCluster();
    const stream = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: nope\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    ].join('---\n');
    const res = c.kubectl('apply -f -', stream);
    expect(res.stdout).toBe('configmap/a created\nconfigmap/c created\n');
    expect(res.stderr).toBe('Error from server (NotFound): error when creating "STDIN" (document 2, line 6): namespaces "nope" not found\n');
    expect(res.exitCode).toBe(1);
  });

  it('marks dry runs and creates nothing', () => {
    const c = createCluster();
    expect(c.kubectl('apply -f - --dry-run=client', deployment()).stdout).toBe('deployment.apps/web created (dry run)\n');
    expect(c.kubectl('apply -f - --dry-run=server', deployment()).stdout).toBe('deployment.apps/web created (server dry run)\n');
    expect(c.request({ method: 'GET', path: DEPLOY_PATH }).status).toBe(404);
    c.kubectl('apply -f -', deployment());
    expect(c.kubectl('apply -f - --dry-run=client', deployment({ replicas: 5 })).stdout).toBe('deployment.apps/web configured (dry run)\n');
    expect(c.kubectl('apply -f - --dry-run=server', deployment({ replicas: 5 })).stdout).toBe(
      'deployment.apps/web configured (server dry run)\n',
    );
    expect(get(c).spec.replicas).toBe(2);
  });

  it('prints the applied object with -o yaml and names with -o name', () => {
    const c = createCluster();
    const yaml = c.kubectl('apply -f - -o yaml', deployment()).stdout;
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}annotations:\n {4}kubectl.kubernetes.io\/last-applied-configuration: \|\n/);
    expect(yaml).not.toContain('managedFields');
    expect(c.kubectl('apply -f - -o name', deployment()).stdout).toBe('deployment.apps/web unchanged\n');
    const two = c.kubectl('apply -f - -o json', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n');
    expect(JSON.parse(two.stdout)).toMatchObject({ apiVersion: 'v1', kind: 'List', items: [{ metadata: { name: 'one' } }, { metadata: { name: 'two' } }] });
  });

  it('refuses flag combinations as kubectl does', () => {
    const c = createCluster();
    expect(c.kubectl('apply').stderr).toBe('error: must specify one of -f and -k\n');
    expect(c.kubectl('apply -f - --force-conflicts', deployment()).stderr).toBe('error: --force-conflicts only works with --server-side\n');
    expect(c.kubectl('apply -f - --server-side --dry-run=client', deployment()).stderr).toBe(
      "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n",
    );
    expect(c.kubectl('apply -f - --dry-run=maybe', deployment()).stderr).toBe(
      'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
    );
    expect(c.kubectl('apply -f - --validate=sometimes', deployment()).stderr).toBe(
      'error: invalid - validate option "sometimes"; must be one of: strict (or true), warn, ignore (or false)\n',
    );
  });
});

describe('kubectl apply --server-side', () => {
  it('applies with field manager kubectl, and reports conflicts with kubectl\'s advice', () => {
    const c = createCluster();
    expect(c.kubectl('apply --server-side -f -', deployment()).stdout).toBe('deployment.apps/web serverside-applied\n');
    const live = get(c);
    expect(live.metadata.managedFields.map((e: { manager: string; operation: string }) => [e.manager, e.operation])).toEqual([['kubectl', 'Apply']]);
    // No last-applied annotation; the only annotation is the revision the deployment controller writes.
    expect(live.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(c.kubectl('apply --server-side -f -', deployment()).stdout).toBe('deployment.apps/web serverside-applied\n');
    expect(get(c).metadata.resourceVersion).toBe(live.metadata.resourceVersion);

    const clash = c.kubectl('apply --server-side --field-manager=ops -f -', deployment({ replicas: 4 }));
    expect(clash.exitCode).toBe(1);
    expect(clash.stderr).toBe(
      'error: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas\n' +
        'Please review the fields above--they currently have other managers. Here\n' +
        'are the ways you can resolve this warning:\n' +
        '* If you intend to manage all of these fields, please re-run the apply\n' +
        '  command with the `--force-conflicts` flag.\n' +
        '* If you do not intend to manage all of the fields, please edit your\n' +
        '  manifest to remove references to the fields that should keep their\n' +
        '  current managers.\n' +
        '* You may co-own fields by updating your manifest to match the existing\n' +
        "  value; in this case, you'll become the manager if the other manager(s)\n" +
        '  stop managing the field (remove it from their configuration).\n' +
        'See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts\n',
    );
    const forced = c.kubectl('apply --server-side --field-manager=ops --force-conflicts -f -', deployment({ replicas: 4 }));
    expect(forced.stdout).toBe('deployment.apps/web serverside-applied\n');
    expect(get(c).spec.replicas).toBe(4);
  });
});

describe('kubectl replace', () => {
  it('replaces an existing object and reports a missing one', () => {
    const c = createCluster();
    const missing = c.kubectl('replace -f -', deployment());
    expect(missing).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): error when replacing "STDIN": deployments.apps "web" not found\n',
      exitCode: 1,
    });
    c.kubectl('apply -f -', deployment());
    const uid = get(c).metadata.uid;
    expect(c.kubectl('replace -f -', deployment({ replicas: 3 })).stdout).toBe('deployment.apps/web replaced\n');
    const live = get(c);
    expect(live.spec.replicas).toBe(3);
    expect(live.metadata.uid).toBe(uid);
    // replace sends the whole object: the last-applied annotation is gone with it (the deployment controller
    // writes its revision annotation back).
    expect(live.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
  });

  it('deletes and re-creates with --force', () => {
    const c = createCluster();
    c.kubectl('apply -f -', deployment());
    const uid = get(c).metadata.uid;
    const res = c.kubectl('replace --force -f -', deployment({ replicas: 1 }));
    expect(res).toEqual({ stdout: 'deployment.apps "web" deleted\ndeployment.apps/web replaced\n', stderr: '', exitCode: 0 });
    expect(get(c).metadata.uid).not.toBe(uid);
    expect(get(c).spec.replicas).toBe(1);
  });
});
