import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { create, parseYaml, podP, update } from './strategies-workloads-fixtures';

const withContainer = (fields: Record<string, unknown>) => (p: any) => Object.assign(p.spec.containers[0], fields);
const causes = (res: any) => res.body.details.causes.map((x: any) => `${x.field}: ${x.message}`);

describe('Pod defaults and admission', () => {
  it('fills what `kubectl run` leaves out, as the server and its admission plugins do', () => {
    const c = createCluster();
    const res = create(c, podP);
    expect(res.status).toBe(201);
    const spec = res.body.spec;
    const volume = spec.volumes[0].name;
    expect(volume).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(spec).toEqual({
      containers: [
        {
          image: 'nginx',
          imagePullPolicy: 'Always',
          name: 'p',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: volume, readOnly: true }],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: volume,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ],
    });
    expect(res.body.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('picks the pull policy from the tag', () => {
    const c = createCluster();
    const policy = (image: string, name: string) =>
      create(c, podP, (p) => {
        p.metadata.name = name;
        p.spec.containers[0].image = image;
      }).body.spec.containers[0].imagePullPolicy;
    expect(policy('nginx:1.27', 'a')).toBe('IfNotPresent');
    expect(policy('nginx:latest', 'b')).toBe('Always');
    expect(policy('ghcr.io/acme/api', 'c')).toBe('Always');
    expect(policy(`nginx@sha256:${'a'.repeat(64)}`, 'd')).toBe('IfNotPresent');
  });

  it('defaults probes, ports and volume modes', () => {
    const c = createCluster();
    const res = create(
      c,
      podP,
      withContainer({
        ports: [{ containerPort: 80 }],
        livenessProbe: { httpGet: { port: 80 } },
        readinessProbe: { tcpSocket: { port: 'http' }, periodSeconds: 5 },
        env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      }),
    );
    const ctr = res.body.spec.containers[0];
    expect(ctr.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(ctr.livenessProbe).toEqual({
      failureThreshold: 3,
      httpGet: { path: '/', port: 80, scheme: 'HTTP' },
      periodSeconds: 10,
      successThreshold: 1,
      timeoutSeconds: 1,
    });
    expect(ctr.readinessProbe).toEqual({ failureThreshold: 3, periodSeconds: 5, successThreshold: 1, tcpSocket: { port: 'http' }, timeoutSeconds: 1 });
    expect(ctr.env[0].valueFrom.fieldRef).toEqual({ apiVersion: 'v1', fieldPath: 'metadata.name' });
  });

  it('copies limits into requests and derives the QoS class', () => {
    const c = createCluster();
    const guaranteed = create(c, podP, withContainer({ resources: { limits: { cpu: 0.5, memory: '1.5Gi' } } }));
    expect(guaranteed.body.spec.containers[0].resources).toEqual({
      limits: { cpu: '500m', memory: '1536Mi' },
      requests: { cpu: '500m', memory: '1536Mi' },
    });
    expect(guaranteed.body.status.qosClass).toBe('Guaranteed');
    const burstable = create(c, podP, (p) => {
      p.metadata.name = 'q';
      p.spec.containers[0].resources = { requests: { cpu: '100m' }, limits: { memory: '128974848' } };
    });
    expect(burstable.body.spec.containers[0].resources.requests).toEqual({ cpu: '100m', memory: '128974848' });
    expect(burstable.body.status.qosClass).toBe('Burstable');
  });

  it('rounds quantities up to milli units', () => {
    const c = createCluster();
    const res = create(c, podP, withContainer({ resources: { requests: { cpu: '0.0001', memory: '129e6' } } }));
    expect(res.body.spec.containers[0].resources.requests).toEqual({ cpu: '1m', memory: '129e6' });
  });

  it('refuses a missing non-default service account, but not a default one still being created', () => {
    const c = createCluster();
    const res = create(c, podP, (p) => (p.spec.serviceAccountName = 'builder'));
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('pods "p" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found');
    c.request({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } } });
    const fresh = c.request({ method: 'POST', path: '/api/v1/namespaces/shop/pods', body: parseYaml(podP) });
    expect(fresh.status).toBe(201);
    expect(fresh.body.spec.serviceAccountName).toBe('default');
  });

  it('honours automountServiceAccountToken: false and names generated pods in admission errors', () => {
    const c = createCluster();
    const res = create(c, podP, (p) => (p.spec.automountServiceAccountToken = false));
    expect(res.body.spec.volumes).toBeUndefined();
    expect(res.body.spec.containers[0].volumeMounts).toBeUndefined();
    const gen = create(c, podP, (p) => {
      delete p.metadata.name;
      p.metadata.generateName = 'worker-';
      p.spec.serviceAccountName = 'nobody';
    });
    expect(gen.body.message).toMatch(/^pods "worker-" is forbidden: error looking up service account default\/nobody/);
  });

  it('resolves priority classes', () => {
    const c = createCluster();
    const critical = create(c, podP, (p) => (p.spec.priorityClassName = 'system-node-critical'));
    expect(critical.body.spec.priority).toBe(2000001000);
    const missing = create(c, podP, (p) => {
      p.metadata.name = 'q';
      p.spec.priorityClassName = 'gold';
    });
    expect(missing.status).toBe(403);
    expect(missing.body.message).toBe('pods "q" is forbidden: no PriorityClass with name gold was found');
  });

  it('keeps a toleration the pod already has for not-ready nodes', () => {
    const c = createCluster();
    const res = create(c, podP, (p) => (p.spec.tolerations = [{ operator: 'Exists' }]));
    expect(res.body.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('marks scheduling-gated pods', () => {
    const c = createCluster();
    const res = create(c, podP, (p) => (p.spec.schedulingGates = [{ name: 'example.com/wait' }]));
    expect(res.body.status.conditions).toEqual([
      {
        lastProbeTime: null,
        lastTransitionTime: null,
        message: 'Scheduling is blocked due to non-empty scheduling gates',
        reason: 'SchedulingGated',
        status: 'False',
        type: 'PodScheduled',
      },
    ]);
  });
});

describe('Pod validation', () => {
  it('requires containers', () => {
    const c = createCluster();
    const res = create(c, podP, (p) => delete p.spec.containers);
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Pod "p" is invalid: spec.containers: Required value');
  });

  it('reports container problems with Kubernetes messages', () => {
    const c = createCluster();
    const res = create(c, podP, (p) => {
      p.spec.restartPolicy = 'Sometimes';
      p.spec.dnsPolicy = 'Google';
      p.spec.containers = [
        {
          name: 'app',
          image: 'nginx',
          env: [{ name: 'A=B', value: 'x' }],
          resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } },
          livenessProbe: { exec: { command: ['true'] }, httpGet: { port: 80 } },
          readinessProbe: {},
        },
        { name: 'app', image: 'busybox', ports: [{ containerPort: 0, name: 'http' }, { containerPort: 81, name: 'http' }] },
      ];
    });
    expect(causes(res)).toEqual([
      "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
      'spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
      'spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type',
      'spec.containers[0].readinessProbe: Required value: must specify a handler type',
      'spec.containers[1].ports[0].containerPort: Required value',
      'spec.containers[1].ports[1].name: Duplicate value: "http"',
      'spec.containers[1].name: Duplicate value: "app"',
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
  });

  it('checks volumes and the mounts that use them', () => {
    const c = createCluster();
    const res = create(c, podP, (p) => {
      p.spec.volumes = [{ name: 'cfg', configMap: {} }, { name: 'cache', emptyDir: {} }, { name: 'cache', emptyDir: {} }];
      p.spec.containers[0].volumeMounts = [
        { name: 'cfg', mountPath: '/etc/app' },
        { name: 'cache', mountPath: '/etc/app' },
        { name: 'logs', mountPath: '/logs' },
      ];
    });
    expect(causes(res)).toEqual([
      'spec.volumes[0].configMap.name: Required value',
      'spec.volumes[2].name: Duplicate value: "cache"',
      'spec.containers[0].volumeMounts[0].name: Not found: "cfg"',
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/etc/app": must be unique',
      'spec.containers[0].volumeMounts[2].name: Not found: "logs"',
    ]);
  });
});

describe('Pod updates', () => {
  it('allows image changes and added tolerations', () => {
    const c = createCluster();
    create(c, podP);
    const res = update(c, 'Pod', 'p', (p) => {
      p.spec.containers[0].image = 'nginx:1.27';
      p.spec.tolerations.push({ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' });
    });
    expect(res.status).toBe(200);
    expect(res.body.spec.containers[0].image).toBe('nginx:1.27');
    expect(res.body.metadata.generation).toBe(2);
  });

  it('forbids other spec changes with the v1.33 message', () => {
    const c = createCluster();
    create(c, podP);
    const res = update(c, 'Pod', 'p', (p) => (p.spec.containers[0].ports = [{ containerPort: 8080 }]));
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(
      /^Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n {2}core.PodSpec\{\n/,
    );
    create(c, podP, (p) => {
      p.metadata.name = 'q';
      p.spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }];
    });
    const removed = update(c, 'Pod', 'q', (p) => p.spec.tolerations.shift());
    expect(removed.body.message).toBe(
      'Pod "q" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    );
    const added = update(c, 'Pod', 'p', (p) => p.spec.containers.push({ name: 'b', image: 'busybox' }));
    expect(added.body.message).toMatch(/spec.containers: Forbidden: pod updates may not add or remove containers/);
  });

  it('keeps what admission added when an update leaves it out', () => {
    const c = createCluster();
    const created = create(c, podP).body;
    const res = update(c, 'Pod', 'p', (p) => {
      delete p.spec.priority;
      delete p.spec.preemptionPolicy;
      p.spec.tolerations.pop();
      p.metadata.labels.tier = 'web';
    });
    expect(res.status).toBe(200);
    expect(res.body.spec.priority).toBe(0);
    expect(res.body.spec.tolerations).toEqual(created.spec.tolerations);
    expect(res.body.metadata.generation).toBe(1);
  });
});
