import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { events, listPods, podsPath } from './daemonset-test-helpers';

const jobsPath = '/apis/batch/v1/namespaces/default/jobs';

function job(command: string[], spec: Record<string, any> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'busybox:1.36', command }] } }, ...spec },
  };
}

function start(spec: Record<string, any>, command = ['sleep', '5']): Cluster {
  const c = createCluster();
  expect(c.request({ method: 'POST', path: jobsPath, body: job(command, spec) }).status).toBe(201);
  c.advance(0);
  return c;
}

const getJob = (c: Cluster) => c.request({ method: 'GET', path: `${jobsPath}/pi` }).body;
const pods = (c: Cluster) =>
  listPods(c, 'job-name=pi').sort((a, b) => (a.metadata.creationTimestamp + a.metadata.name < b.metadata.creationTimestamp + b.metadata.name ? -1 : 1));
const live = (c: Cluster) => pods(c).filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase));
const jobEvents = (c: Cluster) => events(c).filter((e) => e.involvedObject.kind === 'Job').map((e) => `${e.type} ${e.reason} ${e.message}`);
const conditions = (c: Cluster) => (getJob(c).status.conditions ?? []).map((x: any) => [x.type, x.status, x.reason, x.message]);
const ms = (ts: string) => Date.parse(ts);

/** Advance one second at a time until `done` holds (at most `limit` seconds). */
function until(c: Cluster, done: () => boolean, limit = 600): void {
  for (let i = 0; i < limit && !done(); i++) c.advance(1000);
  expect(done()).toBe(true);
}

describe('Job controller', () => {
  it('runs pods up to parallelism until completions succeed, then completes', () => {
    const c = start({ completions: 3, parallelism: 2 });
    const first = live(c);
    expect(first).toHaveLength(2);
    expect(first[0].metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(first[0].metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(first[0].metadata.ownerReferences[0]).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', controller: true, blockOwnerDeletion: true });
    expect(getJob(c).status).toEqual({ active: 2, ready: 0, startTime: '2026-01-01T00:00:00Z', terminating: 0, uncountedTerminatedPods: {} });

    until(c, () => getJob(c).status.conditions?.some((x: any) => x.type === 'Complete'));
    const done = getJob(c);
    expect(done.status.succeeded).toBe(3);
    expect(done.status.active).toBeUndefined();
    expect(done.status.completionTime).toBeDefined();
    expect(conditions(c)).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    const all = pods(c);
    expect(all).toHaveLength(3);
    expect(all.every((p) => p.status.phase === 'Succeeded' && !p.metadata.finalizers)).toBe(true);
    const ev = jobEvents(c);
    expect(ev.filter((e) => e.startsWith('Normal SuccessfulCreate Created pod: pi-'))).toHaveLength(3);
    expect(ev).toContain('Normal Completed Job completed');
    expect(c.kubectl('get job pi').stdout).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\npi\s+Complete\s+3\/3\s+\d+s\s+\d+s\n$/);
  });

  it('backs off 10s then 20s before replacing failed pods, and fails past backoffLimit', () => {
    const c = start({ backoffLimit: 2 }, ['sh', '-c', 'exit 1']);
    until(c, () => getJob(c).status.conditions?.some((x: any) => x.type === 'Failed'));
    const all = pods(c);
    expect(all).toHaveLength(3);
    const finished = (p: any) => ms(p.status.containerStatuses[0].state.terminated.finishedAt);
    expect(ms(all[1].metadata.creationTimestamp) - finished(all[0])).toBe(10_000);
    expect(ms(all[2].metadata.creationTimestamp) - finished(all[1])).toBe(20_000);
    expect(getJob(c).status.failed).toBe(3);
    expect(conditions(c)).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(getJob(c).status.completionTime).toBeUndefined();
    expect(jobEvents(c)).toContain('Warning BackoffLimitExceeded Job has reached the specified backoff limit');
    c.advance(600_000);
    expect(pods(c)).toHaveLength(3);
  });

  it('kills the pods at activeDeadlineSeconds and fails once they are gone', () => {
    const c = start({ activeDeadlineSeconds: 30, parallelism: 2, completions: 4 }, ['sleep', '3600']);
    c.advance(29_999);
    expect(live(c)).toHaveLength(2);
    expect(getJob(c).status.conditions).toBeUndefined();
    c.advance(1);
    expect(live(c)).toHaveLength(0);
    expect(conditions(c)).toEqual([['FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline']]);
    expect(getJob(c).status).toMatchObject({ terminating: 2, failed: 2 });
    until(c, () => pods(c).length === 0);
    expect(conditions(c)).toEqual([
      ['FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
      ['Failed', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
    ]);
    expect(getJob(c).status.terminating).toBe(0);
    expect(jobEvents(c)).toContain('Warning DeadlineExceeded Job was active longer than specified deadline');
    expect(jobEvents(c).filter((e) => e.startsWith('Normal SuccessfulDelete Deleted pod: pi-'))).toHaveLength(2);
    expect(c.kubectl('get job pi').stdout).toMatch(/\npi\s+Failed\s+0\/4\s+\d+s\s+\d+s\n/);
  });

  it('gives Indexed pods their completion index, hostname and names', () => {
    const c = start({ completions: 3, parallelism: 3, completionMode: 'Indexed' });
    const all = live(c).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    expect(all.map((p) => p.metadata.name.replace(/-[^-]+$/, ''))).toEqual(['pi-0', 'pi-1', 'pi-2']);
    expect(all[1].metadata.annotations['batch.kubernetes.io/job-completion-index']).toBe('1');
    expect(all[1].metadata.labels['batch.kubernetes.io/job-completion-index']).toBe('1');
    expect(all[1].spec.hostname).toBe('pi-1');
    expect(all[1].spec.containers[0].env).toContainEqual({
      name: 'JOB_COMPLETION_INDEX',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } },
    });
    until(c, () => getJob(c).status.conditions?.some((x: any) => x.type === 'Complete'));
    expect(getJob(c).status).toMatchObject({ completedIndexes: '0-2', succeeded: 3 });
  });

  it('suspends and resumes', () => {
    const c = start({ suspend: true, parallelism: 2, completions: 2 }, ['sleep', '3600']);
    expect(live(c)).toHaveLength(0);
    expect(getJob(c).status.startTime).toBeUndefined();
    expect(conditions(c)).toEqual([['Suspended', 'True', 'JobSuspended', 'Job suspended']]);
    c.advance(60_000);
    c.request({ method: 'PATCH', path: `${jobsPath}/pi`, contentType: 'application/merge-patch+json', body: { spec: { suspend: false } } });
    c.advance(0);
    expect(live(c)).toHaveLength(2);
    expect(conditions(c)).toEqual([['Suspended', 'False', 'JobResumed', 'Job resumed']]);
    expect(getJob(c).status.startTime).toBe('2026-01-01T00:01:00Z');
    expect(jobEvents(c)).toEqual(expect.arrayContaining(['Normal Suspended Job suspended', 'Normal Resumed Job resumed']));
    c.advance(10_000);
    c.request({ method: 'PATCH', path: `${jobsPath}/pi`, contentType: 'application/merge-patch+json', body: { spec: { suspend: true } } });
    c.advance(0);
    expect(live(c)).toHaveLength(0);
    until(c, () => pods(c).length === 0);
    expect(getJob(c).status.failed).toBeUndefined();
    expect(getJob(c).status.active).toBeUndefined();
  });

  it('does not replace a terminating pod before it has failed with podReplacementPolicy Failed', () => {
    const c = start({ podReplacementPolicy: 'Failed' }, ['sleep', '3600']);
    c.advance(10_000);
    const [pod] = live(c);
    c.request({ method: 'DELETE', path: `${podsPath()}/${pod.metadata.name}` });
    c.advance(0);
    expect(live(c)).toHaveLength(0);
    expect(getJob(c).status).toMatchObject({ terminating: 1 });
    until(c, () => live(c).length === 1);
    expect(pods(c).find((p) => p.metadata.name === pod.metadata.name)).toBeUndefined();
    expect(getJob(c).status).toMatchObject({ failed: 1, terminating: 0, active: 1 });
  });

  it('deletes a finished Job and its pods ttlSecondsAfterFinished after it finished', () => {
    const c = start({ ttlSecondsAfterFinished: 100 }, ['sh', '-c', 'echo done']);
    until(c, () => getJob(c).status.conditions?.some((x: any) => x.type === 'Complete'));
    const finishedAt = ms(getJob(c).status.conditions.find((x: any) => x.type === 'Complete').lastTransitionTime) - Date.UTC(2026, 0, 1);
    c.advance(finishedAt + 99_999 - c.now());
    expect(getJob(c).metadata.deletionTimestamp).toBeUndefined();
    c.advance(1);
    const res = c.request({ method: 'GET', path: `${jobsPath}/pi` });
    expect(res.status === 404 || res.body.metadata.deletionTimestamp !== undefined).toBe(true);
    c.advance(10_000);
    expect(c.request({ method: 'GET', path: `${jobsPath}/pi` }).status).toBe(404);
    expect(pods(c)).toHaveLength(0);
  });
});
