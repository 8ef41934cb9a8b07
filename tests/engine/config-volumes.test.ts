/**
 * ConfigMap, Secret, downwardAPI and projected volumes: what the container reads under its mount paths (seen
 * through a container command's output), and a missing source holding the pod in ContainerCreating.
 */
import { describe, expect, it } from 'vitest';
import { cluster, logs, pod, podEvents, runPod, statusColumn } from './kubelet-helpers';

const reader = (script: string, mounts: Record<string, unknown>[], volumes: Record<string, unknown>[]) => ({
  containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', `${script}; sleep 3600`], volumeMounts: mounts }],
  volumes,
});

describe('configMap and secret volume contents', { timeout: 30_000 }, () => {
  it('every key becomes a file; a Secret file holds the decoded value', () => {
    const c = cluster();
    c.kubectl('kubectl create configmap app --from-literal=mode=prod --from-literal=log-level=debug');
    c.kubectl('kubectl create secret generic db --from-literal=password=s3cr3t');
    runPod(
      c,
      'p',
      reader(
        'ls /etc/app; cat /etc/app/mode; echo; cat /etc/db/password; echo',
        [
          { name: 'cfg', mountPath: '/etc/app' },
          { name: 'sec', mountPath: '/etc/db', readOnly: true },
        ],
        [
          { name: 'cfg', configMap: { name: 'app' } },
          { name: 'sec', secret: { secretName: 'db' } },
        ],
      ),
    );
    c.advance(10_000);
    expect(logs(c, 'p').body).toBe('log-level\nmode\nprod\ns3cr3t\n');
  });

  it('items choose keys and paths; subPath mounts a single file', () => {
    const c = cluster();
    c.kubectl('kubectl create configmap app --from-literal=mode=prod --from-literal=nginx.conf=server{}');
    runPod(
      c,
      'p',
      reader(
        'ls /etc/app; cat /etc/app/conf/settings; echo; cat /etc/nginx/nginx.conf; echo',
        [
          { name: 'cfg', mountPath: '/etc/app' },
          { name: 'whole', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf' },
        ],
        [
          { name: 'cfg', configMap: { name: 'app', items: [{ key: 'mode', path: 'conf/settings' }] } },
          { name: 'whole', configMap: { name: 'app' } },
        ],
      ),
    );
    c.advance(10_000);
    expect(logs(c, 'p').body).toBe('conf\nprod\nserver{}\n');
  });

  it('an optional missing ConfigMap mounts an empty directory', () => {
    const c = cluster();
    runPod(c, 'p', reader('ls /etc/app; echo done', [{ name: 'cfg', mountPath: '/etc/app' }], [{ name: 'cfg', configMap: { name: 'nothing', optional: true } }]));
    c.advance(10_000);
    expect(statusColumn(c, 'p')).toBe('Running');
    expect(logs(c, 'p').body).toBe('done\n');
  });

  it('a missing Secret keeps the pod ContainerCreating with FailedMount; once created the files are there', () => {
    const c = cluster();
    runPod(c, 'p', reader('cat /etc/db/password; echo', [{ name: 'sec', mountPath: '/etc/db' }], [{ name: 'sec', secret: { secretName: 'db' } }]));
    c.advance(8_000);
    expect(statusColumn(c, 'p')).toBe('ContainerCreating');
    expect(podEvents(c, 'p').find((e) => e.reason === 'FailedMount')).toMatchObject({
      type: 'Warning',
      message: 'MountVolume.SetUp failed for volume "sec" : secret "db" not found',
    });
    c.kubectl('kubectl apply -f -', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2\n');
    c.advance(20_000);
    expect(statusColumn(c, 'p')).toBe('Running');
    expect(logs(c, 'p').body).toBe('hunter2\n');
  });

  it('a changed ConfigMap reaches a mounted volume within a minute, but not env vars or subPath files', () => {
    const c = cluster();
    c.kubectl('kubectl create configmap app --from-literal=mode=blue --from-literal=old=1');
    runPod(c, 'p', {
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'while true; do echo "$(cat /etc/app/mode) $(cat /etc/one) $MODE $(test -f /etc/app/old && echo old || echo no-old)"; sleep 10; done'],
          env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app', key: 'mode' } } }],
          volumeMounts: [
            { name: 'cfg', mountPath: '/etc/app' },
            { name: 'cfg', mountPath: '/etc/one', subPath: 'mode' },
          ],
        },
      ],
      volumes: [{ name: 'cfg', configMap: { name: 'app' } }],
    });
    c.advance(5_000);
    c.request({
      method: 'PUT',
      path: '/api/v1/namespaces/default/configmaps/app',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { mode: 'green' } },
    });
    c.advance(70_000);
    const lines = (logs(c, 'p').body as string).trim().split('\n');
    expect(lines[0]).toBe('blue blue blue old');
    expect(lines[lines.length - 1]).toBe('green blue blue no-old');
  });

  it('the service account volume holds the namespace, the CA and a token; downwardAPI renders labels', () => {
    const c = cluster();
    c.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/pods',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', labels: { app: 'shop', tier: 'web' } },
        spec: {
          nodeName: 'worker-1',
          ...reader(
            'SA=/var/run/secrets/kubernetes.io/serviceaccount; ls $SA; cat $SA/namespace; echo; cat /etc/info/labels; echo',
            [{ name: 'info', mountPath: '/etc/info' }],
            [{ name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }],
          ),
        },
      },
    });
    c.advance(10_000);
    expect(logs(c, 'p').body).toBe('ca.crt\nnamespace\ntoken\ndefault\napp="shop"\ntier="web"\n');
  });

  it('a projected token read with kubectl exec after the volume resyncs holds the pod, node and times of its issue', () => {
    const c = cluster();
    c.kubectl('kubectl create configmap app --from-literal=mode=prod');
    runPod(
      c,
      'p',
      reader(
        'true',
        [{ name: 'pt', mountPath: '/var/run/pt' }],
        [{ name: 'pt', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 600 } }, { configMap: { name: 'app' } }] } }],
      ),
    );
    c.advance(10_000);
    const started = Date.parse(pod(c, 'p').status.containerStatuses[0].state.running.startedAt) / 1000;
    c.kubectl(`kubectl patch configmap app -p '{"data":{"mode":"dev"}}'`);
    c.advance(130_000);
    const ls = c.kubectl('kubectl exec p -- ls /var/run/pt');
    expect(ls.stdout).toBe('mode\ntoken\n');
    expect(c.kubectl('kubectl exec p -- cat /var/run/pt/mode').stdout).toBe('dev');
    const token = c.kubectl('kubectl exec p -- cat /var/run/pt/token').stdout;
    const [header, claims, signature] = token.split('.');
    const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString());
    expect(decode(header)).toEqual({ alg: 'RS256', kid: 'kubeplay' });
    const body = decode(claims);
    expect(body['kubernetes.io']).toEqual({
      namespace: 'default',
      node: { name: 'worker-1' },
      pod: { name: 'p', uid: pod(c, 'p').metadata.uid },
      serviceaccount: { name: 'default' },
    });
    // Issued when the pod's worker started (at or just before the container), valid for the requested 600 s.
    expect(started - body.iat).toBeGreaterThanOrEqual(0);
    expect(started - body.iat).toBeLessThan(10);
    expect(body.exp - body.iat).toBe(600);
    expect(signature.length).toBeGreaterThan(0);
  });
});
