/**
 * ConfigMaps and Secrets consumed as environment variables (kubelet makeEnvironmentVariables): missing sources keep
 * the container in CreateContainerConfigError until they exist, optional ones are skipped, Secret values arrive
 * decoded, envFrom prefixes, $(VAR) references and the service variables.
 */
import { BOOKSTORE_MANIFESTS } from '../../src/engine/scenarios/bookstore';
import { describe, expect, it } from 'vitest';
import { cluster, container, logs, podEvents, runPod, statusColumn } from './kubelet-helpers';

const shell = (script: string, extra: Record<string, unknown> = {}) => ({
  containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', `${script}; sleep 3600`], ...extra }],
});

describe('env from ConfigMaps and Secrets', { timeout: 30_000 }, () => {
  it('a Deployment waits in CreateContainerConfigError until its ConfigMap exists, then runs', () => {
    const c = cluster();
    c.kubectl(
      'kubectl apply -f -',
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        env:
        - name: MODE
          valueFrom: {configMapKeyRef: {name: shop-config, key: mode}}
`,
    );
    c.advance(20_000);
    const rows = () => c.kubectl('kubectl get pods --no-headers').stdout.trim().split('\n').map((l) => l.split(/\s+/));
    expect(rows().map((r) => [r[1], r[2]])).toEqual([
      ['0/1', 'CreateContainerConfigError'],
      ['0/1', 'CreateContainerConfigError'],
    ]);
    const name = rows()[0][0];
    expect(c.kubectl(`kubectl describe pod ${name}`).stdout).toMatch(
      /State: {10}Waiting\n\s+Reason: {7}CreateContainerConfigError\n[\s\S]*Warning {2}Failed .*kubelet +Error: configmap "shop-config" not found\n/,
    );
    c.kubectl('kubectl create configmap shop-config --from-literal=mode=production');
    c.advance(15_000);
    expect(rows().map((r) => [r[1], r[2]])).toEqual([
      ['1/1', 'Running'],
      ['1/1', 'Running'],
    ]);
    expect(c.kubectl('kubectl get deploy shop --no-headers').stdout).toMatch(/^shop\s+2\/2\s+2\s+2\s/);
  });

  it('a missing key, a missing Secret and a missing Secret key give their own messages', () => {
    const c = cluster();
    c.kubectl('kubectl create configmap cfg --from-literal=other=1');
    c.kubectl('kubectl create secret generic creds --from-literal=user=admin');
    runPod(c, 'k', shell('true', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } }] }));
    runPod(c, 's', shell('true', { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'nope', key: 'password' } } }] }));
    runPod(c, 'sk', shell('true', { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } }] }));
    runPod(c, 'ef', shell('true', { envFrom: [{ secretRef: { name: 'gone' } }] }));
    c.advance(10_000);
    expect(container(c, 'k').state.waiting.message).toBe("couldn't find key mode in ConfigMap default/cfg");
    expect(container(c, 's').state.waiting.message).toBe('secret "nope" not found');
    expect(container(c, 'sk').state.waiting.message).toBe("couldn't find key password in Secret default/creds");
    expect(container(c, 'ef').state.waiting.message).toBe('secret "gone" not found');
    expect(podEvents(c, 'sk')).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'Failed', message: "Error: couldn't find key password in Secret default/creds" }));
  });

  it('optional sources that are missing are skipped and the container starts', () => {
    const c = cluster();
    c.kubectl('kubectl create configmap partial --from-literal=a=1');
    runPod(
      c,
      'opt',
      shell('echo "A=$A B=$B C=$C"', {
        envFrom: [{ configMapRef: { name: 'absent', optional: true } }, { secretRef: { name: 'absent', optional: true } }],
        env: [
          { name: 'A', valueFrom: { configMapKeyRef: { name: 'partial', key: 'a' } } },
          { name: 'B', valueFrom: { configMapKeyRef: { name: 'partial', key: 'b', optional: true } } },
          { name: 'C', valueFrom: { secretKeyRef: { name: 'absent', key: 'c', optional: true } } },
        ],
      }),
    );
    c.advance(10_000);
    expect(statusColumn(c, 'opt')).toBe('Running');
    expect(logs(c, 'opt').body).toBe('A=1 B= C=\n');
  });

  it('Secret values arrive decoded; envFrom adds a prefix; env overrides envFrom; $(VAR) references expand', () => {
    const c = cluster();
    c.kubectl('kubectl create configmap app --from-literal=mode=prod --from-literal=PORT=8080');
    c.kubectl('kubectl create secret generic db --from-literal=password=s3cr3t-é');
    runPod(
      c,
      'p',
      shell('echo "$DB_PASSWORD|$APP_mode|$APP_PORT|$URL|$APP_SECRET_password"', {
        envFrom: [{ configMapRef: { name: 'app' }, prefix: 'APP_' }, { secretRef: { name: 'db' }, prefix: 'APP_SECRET_' }],
        env: [
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'APP_PORT', value: '9090' },
          { name: 'URL', value: 'http://localhost:$(APP_PORT)/$(APP_mode)/$(UNKNOWN)' },
        ],
      }),
    );
    c.advance(10_000);
    expect(logs(c, 'p').body).toBe('s3cr3t-é|prod|9090|http://localhost:9090/prod/$(UNKNOWN)|s3cr3t-é\n');
  });

  it('keys that are not C identifiers are still passed (the kubelet no longer filters them)', () => {
    const c = cluster();
    c.kubectl('kubectl create configmap odd --from-literal=log.level=debug --from-literal=ok=1');
    runPod(c, 'p', shell('env', { envFrom: [{ configMapRef: { name: 'odd' } }] }));
    c.advance(10_000);
    expect(logs(c, 'p').body).toContain('\nlog.level=debug\nok=1\n');
    expect(podEvents(c, 'p').some((e) => e.reason === 'InvalidEnvironmentVariableNames')).toBe(false);
  });

  it('containers get the variables of the Services that existed when they started', () => {
    const c = cluster();
    c.kubectl('kubectl create service clusterip web --tcp=80:8080');
    const ip = JSON.parse(c.kubectl('kubectl get svc web -o json').stdout).spec.clusterIP;
    runPod(c, 'p', shell('env'));
    c.advance(5_000);
    c.kubectl('kubectl create service clusterip later --tcp=81');
    c.advance(5_000);
    const env = logs(c, 'p').body as string;
    for (const line of [
      'KUBERNETES_SERVICE_HOST=10.96.0.1',
      'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
      `WEB_SERVICE_HOST=${ip}`,
      'WEB_SERVICE_PORT=80',
      'WEB_SERVICE_PORT_80_8080=80',
      `WEB_PORT=tcp://${ip}:80`,
      `WEB_PORT_80_TCP=tcp://${ip}:80`,
      'WEB_PORT_80_TCP_PROTO=tcp',
      'WEB_PORT_80_TCP_PORT=80',
      `WEB_PORT_80_TCP_ADDR=${ip}`,
    ]) {
      expect(env.split('\n')).toContain(line);
    }
    expect(env).not.toContain('LATER_');
  });

  it('enableServiceLinks: false leaves only the kubernetes Service variables', () => {
    const c = cluster();
    c.kubectl('kubectl create service clusterip web --tcp=80');
    runPod(c, 'p', { ...shell('env'), enableServiceLinks: false });
    c.advance(10_000);
    const env = logs(c, 'p').body as string;
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(env).not.toContain('WEB_');
  });

  it('the bookstore: without its ConfigMap every pod waits; applying the ConfigMap starts them all', () => {
    const c = cluster();
    const docs = BOOKSTORE_MANIFESTS.split(/^---$/m);
    const configMap = docs.find((d) => /^kind: ConfigMap$/m.test(d))!;
    expect(c.kubectl('kubectl apply -f -', docs.filter((d) => d !== configMap).join('---')).exitCode).toBe(0);
    c.advance(30_000);
    const statuses = () => c.kubectl('kubectl get pods -n bookstore --no-headers').stdout.trim().split('\n').map((l) => l.split(/\s+/)[2]);
    expect(statuses()).toEqual(Array(4).fill('CreateContainerConfigError'));
    const events = c.kubectl('kubectl get events -n bookstore --field-selector reason=Failed -o jsonpath={.items[*].message}').stdout;
    expect(events).toContain('Error: configmap "bookstore-config" not found');
    c.kubectl('kubectl apply -f -', configMap);
    c.advance(20_000);
    expect(statuses()).toEqual(Array(4).fill('Running'));
  });
});
