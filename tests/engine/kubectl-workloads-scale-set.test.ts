import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';

function withDeployment(replicas = 3) {
  const c = createCluster();
  expect(c.kubectl(`kubectl create deployment web --image=nginx:1.24 --replicas=${replicas}`).exitCode).toBe(0);
  return c;
}

const get = (c: ReturnType<typeof createCluster>, path: string) => c.request({ method: 'GET', path }).body;

describe('kubectl scale', () => {
  it('scales by TYPE NAME and TYPE/NAME and prints the name line', () => {
    const c = withDeployment();
    expect(c.kubectl('kubectl scale deployment web --replicas=5')).toMatchObject({ stdout: 'deployment.apps/web scaled\n', exitCode: 0 });
    expect(get(c, `${DEPLOY}/web`).spec.replicas).toBe(5);
    expect(c.kubectl('kubectl scale deploy/web --replicas=0').stdout).toBe('deployment.apps/web scaled\n');
    expect(get(c, `${DEPLOY}/web`).spec.replicas).toBe(0);
  });

  it('checks --current-replicas before scaling', () => {
    const c = withDeployment();
    const r = c.kubectl('kubectl scale deployment web --replicas=2 --current-replicas=4');
    expect(r).toMatchObject({ stdout: '', stderr: 'error: Expected replicas to be 4, was 3\n', exitCode: 1 });
    expect(get(c, `${DEPLOY}/web`).spec.replicas).toBe(3);
    expect(c.kubectl('kubectl scale deployment web --replicas=2 --current-replicas=3').stdout).toBe('deployment.apps/web scaled\n');
    expect(get(c, `${DEPLOY}/web`).spec.replicas).toBe(2);
  });

  it('scales every object a selector or --all picks, and from a file', () => {
    const c = withDeployment();
    c.kubectl('kubectl create deployment api --image=nginx --replicas=1');
    expect(c.kubectl('kubectl scale deployment --all --replicas=4').stdout).toBe('deployment.apps/api scaled\ndeployment.apps/web scaled\n');
    expect(c.kubectl('kubectl scale deployment -l app=api --replicas=2').stdout).toBe('deployment.apps/api scaled\n');
    expect(get(c, `${DEPLOY}/api`).spec.replicas).toBe(2);
    expect(get(c, `${DEPLOY}/web`).spec.replicas).toBe(4);
    const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';
    expect(c.kubectl('kubectl scale -f - --replicas=1', manifest).stdout).toBe('deployment.apps/web scaled\n');
    expect(get(c, `${DEPLOY}/web`).spec.replicas).toBe(1);
  });

  it('gives kubectl errors for a missing --replicas, a missing name and a missing object', () => {
    const c = withDeployment();
    expect(c.kubectl('kubectl scale deployment web').stderr).toBe(
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n',
    );
    expect(c.kubectl('kubectl scale deployment --replicas=2').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(c.kubectl('kubectl scale deployment nope --replicas=2')).toMatchObject({
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      exitCode: 1,
    });
    expect(c.kubectl('kubectl scale deploy/web --replicas=2 --current-replicas=-3').stderr).toBe(
      'error: The --current-replicas must specify an integer of -1 or greater\n',
    );
  });

  it('--dry-run=client prints without changing anything; -o name prints the name', () => {
    const c = withDeployment();
    expect(c.kubectl('kubectl scale deploy/web --replicas=9 --dry-run=client').stdout).toBe('deployment.apps/web scaled (dry run)\n');
    expect(get(c, `${DEPLOY}/web`).spec.replicas).toBe(3);
    expect(c.kubectl('kubectl scale deploy/web --replicas=2 -o name').stdout).toBe('deployment.apps/web\n');
  });
});

describe('kubectl set image', () => {
  it('updates a container image and prints `image updated`; an unchanged image prints nothing', () => {
    const c = withDeployment();
    expect(c.kubectl('kubectl set image deployment/web nginx=nginx:1.25')).toMatchObject({
      stdout: 'deployment.apps/web image updated\n',
      exitCode: 0,
    });
    expect(get(c, `${DEPLOY}/web`).spec.template.spec.containers[0].image).toBe('nginx:1.25');
    expect(c.kubectl('kubectl set image deployment/web nginx=nginx:1.25')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('reports an unknown container and leaves the template alone', () => {
    const c = withDeployment();
    const r = c.kubectl('kubectl set image deployment web app=nginx:1.25');
    expect(r).toMatchObject({ stdout: '', stderr: 'error: unable to find container named "app"\n', exitCode: 1 });
    expect(get(c, `${DEPLOY}/web`).spec.template.spec.containers[0].image).toBe('nginx:1.24');
  });

  it('`*=IMAGE` sets every container, init containers included, on every selected object', () => {
    const c = createCluster();
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'two', labels: { app: 'two' } },
      spec: {
        initContainers: [{ name: 'setup', image: 'busybox' }],
        containers: [
          { name: 'a', image: 'nginx:1.24' },
          { name: 'b', image: 'redis:7' },
        ],
      },
    };
    expect(c.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod }).status).toBe(201);
    expect(c.kubectl('kubectl set image pods -l app=two *=nginx:1.25').stdout).toBe('pod/two image updated\n');
    const spec = get(c, '/api/v1/namespaces/default/pods/two').spec;
    expect([...spec.initContainers, ...spec.containers].map((x: any) => x.image)).toEqual(['nginx:1.25', 'nginx:1.25', 'nginx:1.25']);
  });

  it('validates its arguments as kubectl does', () => {
    const c = withDeployment();
    expect(c.kubectl('kubectl set image deployment/web').stderr).toBe('error: at least one image update is required\n');
    expect(c.kubectl('kubectl set image deployment/web *=nginx a=b').stderr).toBe(
      'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n',
    );
    expect(c.kubectl('kubectl set image deployment/web nginx=nginx web').stderr).toBe(
      'error: all resources must be specified before image changes: web\n',
    );
    expect(c.kubectl('kubectl set image deployment --all -l app=web nginx=x').stderr).toBe(
      'error: cannot set --all and --selector at the same time\n',
    );
  });
});

describe('kubectl set resources', () => {
  it('sets limits and requests on the selected containers', () => {
    const c = withDeployment();
    const r = c.kubectl('kubectl set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=100m');
    expect(r).toMatchObject({ stdout: 'deployment.apps/web resource requirements updated\n', exitCode: 0 });
    expect(get(c, `${DEPLOY}/web`).spec.template.spec.containers[0].resources).toEqual({
      limits: { cpu: '200m', memory: '512Mi' },
      requests: { cpu: '100m' },
    });
    expect(c.kubectl('kubectl set resources deployment web -c=nginx --limits=cpu=200m').stdout).toBe('');
  });

  it('reports a container selector that matches nothing, a missing update and a bad quantity', () => {
    const c = withDeployment();
    expect(c.kubectl('kubectl set resources deployment web -c=app --limits=cpu=1').stderr).toBe('error: unable to find container named app\n');
    expect(c.kubectl('kubectl set resources deployment web').stderr).toBe(
      'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n',
    );
    expect(c.kubectl('kubectl set resources deployment web --limits=cpu=lots').stderr).toBe(
      "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    );
  });
});

describe('kubectl set itself', () => {
  it('prints its help on stderr with exit code 1 without a subcommand; rejects an unknown one', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl set');
    expect(r).toMatchObject({ stdout: '', exitCode: 1 });
    expect(r.stderr.startsWith('Configure application resources.\n')).toBe(true);
    expect(c.kubectl('kubectl set frob').stderr).toBe("error: unknown command \"frob\"\nSee 'kubectl set -h' for help and examples\n");
  });
});
