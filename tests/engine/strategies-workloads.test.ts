import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { create, deploymentWeb, parseYaml, pathOf, update } from './strategies-workloads-fixtures';

const templateDefaults = {
  metadata: { creationTimestamp: null, labels: { app: 'web' } },
  spec: {
    containers: [
      {
        image: 'nginx',
        imagePullPolicy: 'Always',
        name: 'nginx',
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  },
};

describe('Deployment defaults and validation', () => {
  it('defaults what `kubectl create deployment` sends the way the server does', () => {
    const c = createCluster();
    const res = create(c, deploymentWeb);
    expect(res.status).toBe(201);
    expect(res.body.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: templateDefaults,
    });
    expect(res.body.metadata.generation).toBe(1);
  });

  it('keeps Recreate without rolling parameters and tagged images IfNotPresent', () => {
    const c = createCluster();
    const res = create(c, deploymentWeb, (d) => {
      d.spec.strategy = { type: 'Recreate' };
      d.spec.template.spec.containers[0].image = 'nginx:1.27';
    });
    expect(res.body.spec.strategy).toEqual({ type: 'Recreate' });
    expect(res.body.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
  });

  it('requires a selector and reports the template mismatch too', () => {
    const c = createCluster();
    const res = create(c, deploymentWeb, (d) => delete d.spec.selector);
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: ' +
        'map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
    expect(res.body.details.causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' },
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
        field: 'spec.template.metadata.labels',
      },
    ]);
  });

  it('rejects a selector that does not match the template labels', () => {
    const c = createCluster();
    const res = create(c, deploymentWeb, (d) => (d.spec.template.metadata.labels = { app: 'api' }));
    expect(res.body.message).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: ' +
        '`selector` does not match template `labels`',
    );
  });

  it('rejects an empty selector in Go syntax', () => {
    const c = createCluster();
    const res = create(c, deploymentWeb, (d) => (d.spec.selector = {}));
    expect(res.body.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), ' +
        'MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });

  it('allows only restartPolicy Always in the template', () => {
    const c = createCluster();
    const res = create(c, deploymentWeb, (d) => (d.spec.template.spec.restartPolicy = 'Never'));
    expect(res.body.message).toBe(
      'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
  });

  it('rejects negative replicas, zero surge with zero unavailability, and Recreate with rolling parameters', () => {
    const c = createCluster();
    expect(create(c, deploymentWeb, (d) => (d.spec.replicas = -1)).body.message).toBe(
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    const zero = create(c, deploymentWeb, (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }));
    expect(zero.body.message).toBe(
      'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: ' +
        'intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    );
    const recreate = create(c, deploymentWeb, (d) => (d.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }));
    expect(recreate.body.message).toBe(
      "Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    );
    const bad = create(c, deploymentWeb, (d) => (d.spec.strategy = { type: 'BlueGreen' }));
    expect(bad.body.message).toBe(
      'Deployment.apps "web" is invalid: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", ' +
        'RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    );
  });

  it('validates the template pod spec: requests above limits, names, ports, mounts', () => {
    const c = createCluster();
    const res = create(c, deploymentWeb, (d) => {
      d.spec.template.spec.containers = [
        { name: 'Web', image: 'nginx', ports: [{ containerPort: 70000, protocol: 'HTTP' }] },
        { name: 'sidecar', image: 'busybox', resources: { limits: { cpu: '500m' }, requests: { cpu: '1' } } },
        { name: 'sidecar', image: '', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
      ];
    });
    expect(res.status).toBe(422);
    const messages = res.body.details.causes.map((x: any) => `${x.field}: ${x.message}`);
    expect(messages).toEqual([
      "spec.template.spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.template.spec.containers[1].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
      'spec.template.spec.containers[2].image: Required value',
      'spec.template.spec.containers[2].volumeMounts[0].name: Not found: "data"',
      'spec.template.spec.containers[2].name: Duplicate value: "sidecar"',
    ]);
  });

  it('bumps the generation on spec and annotation changes, keeps the selector immutable', () => {
    const c = createCluster();
    create(c, deploymentWeb);
    expect(update(c, 'Deployment', 'web', (d) => (d.spec.replicas = 3)).body.metadata.generation).toBe(2);
    expect(update(c, 'Deployment', 'web', (d) => (d.metadata.annotations = { team: 'a' })).body.metadata.generation).toBe(3);
    expect(update(c, 'Deployment', 'web', (d) => (d.metadata.labels.tier = 'x')).body.metadata.generation).toBe(3);
    const moved = update(c, 'Deployment', 'web', (d) => {
      d.spec.selector.matchLabels = { app: 'web2' };
      d.spec.template.metadata.labels = { app: 'web2' };
    });
    expect(moved.status).toBe(422);
    expect(moved.body.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, ' +
        'MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('lets a status write set annotations without bumping the generation', () => {
    const c = createCluster();
    create(c, deploymentWeb);
    const res = c.request({
      method: 'PATCH',
      path: `${pathOf('Deployment', 'web')}/status`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { annotations: { 'deployment.kubernetes.io/revision': '1' } }, status: { observedGeneration: 1 } },
    });
    expect(res.status).toBe(200);
    expect(res.body.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(res.body.metadata.generation).toBe(1);
  });

  it('rejects a malformed quantity at decode time with 400', () => {
    const c = createCluster();
    const res = create(c, deploymentWeb, (d) => (d.spec.template.spec.containers[0].resources = { limits: { memory: '1 gig' } }));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: quantities must match the regular expression ' +
        "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});

const rsYaml = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
spec:
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5
`;

describe('ReplicaSet', () => {
  it('defaults replicas and starts with replicas: 0 in status', () => {
    const c = createCluster();
    const res = create(c, rsYaml);
    expect(res.status).toBe(201);
    expect(res.body.spec.replicas).toBe(1);
    expect(res.body.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(res.body.status).toEqual({ replicas: 0 });
  });

  it('reports activeDeadlineSeconds and selectors that miss the template', () => {
    const c = createCluster();
    const bad = create(c, rsYaml, (rs) => (rs.spec.template.spec.activeDeadlineSeconds = 30));
    expect(bad.body.message).toBe(
      'ReplicaSet.apps "frontend" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    );
    const res = create(c, rsYaml, (rs) => (rs.spec.selector.matchExpressions = [{ key: 'env', operator: 'Exists' }]));
    expect(res.body.message).toBe(
      'ReplicaSet.apps "frontend" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"tier":"frontend"}: ' +
        '`selector` does not match template `labels`',
    );
  });
});

const stsYaml = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: nginx
  replicas: 3
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

describe('StatefulSet', () => {
  it('defaults the update strategy, retention policy and claim templates', () => {
    const c = createCluster();
    const res = create(c, stsYaml);
    expect(res.status).toBe(201);
    const spec = res.body.spec;
    expect(spec.podManagementPolicy).toBe('OrderedReady');
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, name: 'web', protocol: 'TCP' }]);
    expect(spec.volumeClaimTemplates).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { creationTimestamp: null, name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ]);
    expect(res.body.status).toEqual({ availableReplicas: 0, replicas: 0 });
  });

  it('serializes an unset serviceName as ""', () => {
    const c = createCluster();
    expect(create(c, stsYaml, (s) => delete s.spec.serviceName).body.spec.serviceName).toBe('');
  });

  it('allows scaling and template changes but forbids other spec updates', () => {
    const c = createCluster();
    create(c, stsYaml);
    const scaled = update(c, 'StatefulSet', 'web', (s) => (s.spec.replicas = 5));
    expect(scaled.status).toBe(200);
    expect(scaled.body.metadata.generation).toBe(2);
    const res = update(c, 'StatefulSet', 'web', (s) => (s.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi'));
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(
      "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', " +
        "'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });

  it('names must be DNS labels and the policy must be known', () => {
    const c = createCluster();
    const res = create(c, stsYaml, (s) => {
      s.metadata.name = 'web.v1';
      s.spec.podManagementPolicy = 'Random';
    });
    expect(res.body.details.causes.map((x: any) => `${x.field}: ${x.message}`)).toEqual([
      'metadata.name: Invalid value: "web.v1": must not contain dots',
      "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
    ]);
  });
});

const dsYaml = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
spec:
  selector:
    matchLabels:
      name: fluentd
  template:
    metadata:
      labels:
        name: fluentd
    spec:
      containers:
      - name: fluentd
        image: quay.io/fluentd_elasticsearch/fluentd:v5.0.1
`;

describe('DaemonSet', () => {
  it('defaults the rolling update to maxUnavailable 1 / maxSurge 0 and records the template generation', () => {
    const c = createCluster();
    const res = create(c, dsYaml);
    expect(res.status).toBe(201);
    expect(res.body.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    expect(res.body.spec.revisionHistoryLimit).toBe(10);
    expect(res.body.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(res.body.status).toEqual({ currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
    const changed = update(c, 'DaemonSet', 'fluentd', (d) => (d.spec.template.spec.containers[0].image = 'fluentd:v5.0.2'));
    expect(changed.body.metadata.annotations['deprecated.daemonset.template.generation']).toBe('2');
    expect(changed.body.metadata.generation).toBe(2);
  });

  it('forbids both surge and unavailability and reports a missing selector as a mismatch', () => {
    const c = createCluster();
    const both = create(c, dsYaml, (d) => (d.spec.updateStrategy = { rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } }));
    expect(both.body.message).toBe(
      'DaemonSet.apps "fluentd" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: ' +
        'intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    );
    const noSelector = create(c, dsYaml, (d) => delete d.spec.selector);
    expect(noSelector.body.message).toBe(
      'DaemonSet.apps "fluentd" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"name":"fluentd"}: ' +
        '`selector` does not match template `labels`',
    );
  });
});

describe('template metadata', () => {
  it('reports invalid template labels under spec.template.labels, as Kubernetes does', () => {
    const c = createCluster();
    const res = create(c, parseYaml(deploymentWeb), (d) => (d.spec.template.metadata.labels = { app: 'web', 'bad key!': 'x' }));
    expect(res.body.details.causes[0].field).toBe('spec.template.labels');
  });
});

describe('what kubectl prints', () => {
  it('lists every validation error of an applied Deployment', () => {
    const c = createCluster();
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: api
    spec:
      restartPolicy: Never
      containers:
      - image: nginx
        name: nginx
        resources:
          limits: {cpu: 500m}
          requests: {cpu: "1"}
`;
    const out = c.kubectl('apply -f -', manifest);
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe(
      'The Deployment "web" is invalid: \n' +
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`\n' +
        '* spec.template.spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m\n' +
        '* spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n',
    );
  });

  it('refuses `kubectl run` with a service account that does not exist', () => {
    const c = createCluster();
    const out = c.kubectl('run p --image=nginx --serviceaccount=builder');
    expect(out.stderr).toBe(
      'Error from server (Forbidden): pods "p" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found\n',
    );
  });
});
