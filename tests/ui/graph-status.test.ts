import { describe, expect, it } from 'vitest';
import { categoryOf, podLook } from '../../src/ui/graph/pod-status';
import { readInput, warmCluster } from './graph-cluster';

describe('graph pod colours follow the STATUS kubectl prints', () => {
  it('maps each STATUS text to its colour class', () => {
    expect(categoryOf('Pending', '0/1')).toBe('pending');
    expect(categoryOf('ContainerCreating', '0/1')).toBe('creating');
    expect(categoryOf('Init:0/2', '0/1')).toBe('creating');
    expect(categoryOf('Running', '1/1')).toBe('running');
    expect(categoryOf('Running', '1/2')).toBe('notready');
    expect(categoryOf('NotReady', '0/1')).toBe('notready');
    expect(categoryOf('CrashLoopBackOff', '0/1')).toBe('crashloop');
    expect(categoryOf('Init:CrashLoopBackOff', '0/1')).toBe('crashloop');
    expect(categoryOf('ErrImagePull', '0/1')).toBe('imagepull');
    expect(categoryOf('ImagePullBackOff', '0/1')).toBe('imagepull');
    expect(categoryOf('Terminating', '1/1')).toBe('terminating');
    expect(categoryOf('Completed', '0/1')).toBe('succeeded');
    expect(categoryOf('Error', '0/1')).toBe('failed');
    expect(categoryOf('ExitCode:137', '0/1')).toBe('failed');
    expect(categoryOf('OOMKilled', '0/1')).toBe('oomkilled');
    expect(categoryOf('Unknown', '0/1')).toBe('unknown');
  });

  it('gives the same STATUS as `kubectl get pods` for real pods, Running after start, with the restart count after a crash', () => {
    const c = warmCluster();
    c.kubectl('kubectl create deployment web --image=nginx --replicas=2');
    c.advance(30_000);
    const table = c.kubectl('kubectl get pods --no-headers').stdout.trim().split('\n');
    const pods = Object.values(readInput(c).Pod!).filter((p) => p.metadata.namespace === 'default');
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      const row = table.find((l) => l.startsWith(pod.metadata.name + ' '))!.split(/\s+/);
      const look = podLook(pod);
      expect(look.status).toBe(row[2]);
      expect(look.ready).toBe(row[1]);
      expect(look.category).toBe('running');
    }
    const victim = pods[0].metadata.name!;
    expect(c.sim(`kubeplay pod crash ${victim} -n default`).exitCode).toBe(0);
    c.advance(15_000);
    const crashed = readInput(c).Pod![`default/${victim}`];
    const row = c.kubectl(`kubectl get pod ${victim} --no-headers`).stdout.split(/\s+/);
    const look = podLook(crashed);
    expect(look.status).toBe(row[2]);
    expect(look.restarts).toBe(Number(row[3]));
    expect(look.restarts).toBeGreaterThan(0);
  });

  it('shows a deleted pod as Terminating while its grace period runs', () => {
    const c = warmCluster();
    c.kubectl('kubectl run one --image=nginx');
    c.advance(20_000);
    c.kubectl('kubectl delete pod one --wait=false');
    const pod = readInput(c).Pod!['default/one'];
    expect(pod).toBeDefined();
    expect(podLook(pod)).toMatchObject({ status: 'Terminating', category: 'terminating' });
  });
});
