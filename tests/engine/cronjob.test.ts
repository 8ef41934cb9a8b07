import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { parseSchedule } from '../../src/engine/controllers/cronjob/schedule';
import { events } from './daemonset-test-helpers';

const cluster = (): Cluster => createCluster();

const cjPath = '/apis/batch/v1/namespaces/default/cronjobs';
const jobsPath = '/apis/batch/v1/namespaces/default/jobs';
/** 2026-01-01T00:00:00Z, the virtual clock's origin, in minutes since the epoch. */
const T0_MIN = 29453760;

function cronJob(spec: Record<string, any> = {}, command = ['/bin/sh', '-c', 'date; echo Hello']) {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: {
        spec: {
          template: {
            spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28', command }] },
          },
        },
      },
      ...spec,
    },
  };
}

const jobNames = (c: Cluster) => c.request({ method: 'GET', path: jobsPath }).body.items.map((j: any) => j.metadata.name).sort();
const getCj = (c: Cluster) => c.request({ method: 'GET', path: `${cjPath}/hello` }).body;
const cjEvents = (c: Cluster) => events(c).filter((e) => e.involvedObject.kind === 'CronJob').map((e) => `${e.type} ${e.reason} ${e.message}`);

function patchSpec(c: Cluster, spec: Record<string, unknown>): void {
  c.request({ method: 'PATCH', path: `${cjPath}/hello`, contentType: 'application/merge-patch+json', body: { spec } });
  c.advance(0);
}

describe('cron schedules', () => {
  const at = (iso: string) => Date.parse(iso);
  const next = (spec: string, from: string, tz?: string) => new Date(parseSchedule(spec, tz).next(at(from))!).toISOString();
  it('follows the standard five fields, descriptors and time zones', () => {
    expect(next('*/15 * * * *', '2026-01-01T00:07:30Z')).toBe('2026-01-01T00:15:00.000Z');
    expect(next('0 9 * * 1-5', '2026-01-02T10:00:00Z')).toBe('2026-01-05T09:00:00.000Z');
    expect(next('@monthly', '2026-01-15T00:00:00Z')).toBe('2026-02-01T00:00:00.000Z');
    expect(next('0 0 13 * 5', '2026-01-01T00:00:00Z')).toBe('2026-01-02T00:00:00.000Z');
    expect(next('0 0 29 2 *', '2026-01-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('0 9 * * *', '2026-01-01T00:00:00Z', 'America/New_York')).toBe('2026-01-01T14:00:00.000Z');
    expect(next('0 9 * * *', '2026-07-01T00:00:00Z', 'America/New_York')).toBe('2026-07-01T13:00:00.000Z');
    expect(next('@every 90s', '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:01:30.000Z');
  });
});

describe('CronJob controller', () => {
  it('creates the Job of each scheduled minute on the virtual clock', () => {
    const c = cluster();
    expect(c.request({ method: 'POST', path: cjPath, body: cronJob() }).status).toBe(201);
    // The controller wakes 100ms after the scheduled minute (nextScheduleDelta).
    c.advance(60_099);
    expect(jobNames(c)).toEqual([]);
    c.advance(1);
    expect(jobNames(c)).toEqual([`hello-${T0_MIN + 1}`]);
    const job = c.request({ method: 'GET', path: `${jobsPath}/hello-${T0_MIN + 1}` }).body;
    expect(job.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T00:01:00Z');
    expect(job.metadata.ownerReferences[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true, blockOwnerDeletion: true });
    const cj = getCj(c);
    expect(cj.status.lastScheduleTime).toBe('2026-01-01T00:01:00Z');
    expect(cj.status.active).toEqual([
      { apiVersion: 'batch/v1', kind: 'Job', name: `hello-${T0_MIN + 1}`, namespace: 'default', resourceVersion: expect.any(String), uid: job.metadata.uid },
    ]);
    expect(cjEvents(c)).toEqual([`Normal SuccessfulCreate Created job hello-${T0_MIN + 1}`]);
    const row = c.kubectl('get cronjob hello').stdout.split('\n')[1];
    expect(row).toMatch(/^hello\s+\* \* \* \* \*\s+<none>\s+False\s+1\s+\d+s\s+60s$/);
  });

  it('notices finished Jobs, records lastSuccessfulTime and keeps three successful Jobs', () => {
    const c = cluster();
    c.request({ method: 'POST', path: cjPath, body: cronJob() });
    c.advance(4 * 60_000 + 30_000);
    expect(cjEvents(c)).toContain(`Normal SawCompletedJob Saw completed job: hello-${T0_MIN + 1}, condition: Complete`);
    expect(cjEvents(c)).toContain(`Normal SuccessfulDelete Deleted job hello-${T0_MIN + 1}`);
    expect(jobNames(c)).toEqual([2, 3, 4].map((i) => `hello-${T0_MIN + i}`));
    const cj = getCj(c);
    expect(cj.status.active).toBeUndefined();
    expect(cj.status.lastScheduleTime).toBe('2026-01-01T00:04:00Z');
    const last = c.request({ method: 'GET', path: `${jobsPath}/hello-${T0_MIN + 4}` }).body;
    expect(cj.status.lastSuccessfulTime).toBe(last.status.completionTime);
    expect(c.kubectl('get cronjob hello').stdout.split('\n')[1]).toMatch(/^hello\s+\* \* \* \* \*\s+<none>\s+False\s+0\s+30s\s+4m30s$/);
  });

  it('skips a run under Forbid while one is active, and replaces it under Replace', () => {
    const c = cluster();
    c.request({ method: 'POST', path: cjPath, body: cronJob({ concurrencyPolicy: 'Forbid' }, ['sleep', '600']) });
    c.advance(121_000);
    expect(jobNames(c)).toEqual([`hello-${T0_MIN + 1}`]);
    expect(cjEvents(c)).toContain('Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid');
    patchSpec(c, { concurrencyPolicy: 'Replace' });
    c.advance(60_000);
    expect(jobNames(c)).toEqual([`hello-${T0_MIN + 3}`]);
    expect(cjEvents(c)).toContain(`Normal SuccessfulDelete Deleted job hello-${T0_MIN + 1}`);
    expect(getCj(c).status.active.map((r: any) => r.name)).toEqual([`hello-${T0_MIN + 3}`]);
  });

  it('runs overlapping Jobs under Allow', () => {
    const c = cluster();
    c.request({ method: 'POST', path: cjPath, body: cronJob({}, ['sleep', '600']) });
    c.advance(181_000);
    expect(jobNames(c)).toHaveLength(3);
    expect(getCj(c).status.active).toHaveLength(3);
  });

  it('does nothing while suspended and skips runs older than startingDeadlineSeconds', () => {
    const c = cluster();
    c.request({ method: 'POST', path: cjPath, body: cronJob({ suspend: true, startingDeadlineSeconds: 10 }) });
    c.advance(330_000);
    expect(jobNames(c)).toEqual([]);
    patchSpec(c, { suspend: false });
    // The 00:05 run is 30s late, beyond the 10s deadline: it is not started.
    expect(jobNames(c)).toEqual([]);
    expect(cjEvents(c)).toEqual([]);
    c.advance(30_100);
    expect(jobNames(c)).toEqual([`hello-${T0_MIN + 6}`]);
  });

  it('starts only the most recent missed run and warns when more than 100 were missed', () => {
    const c = cluster();
    c.request({ method: 'POST', path: cjPath, body: cronJob({ suspend: true }) });
    c.advance(110 * 60_000 + 30_000);
    patchSpec(c, { suspend: false });
    expect(jobNames(c)).toEqual([`hello-${T0_MIN + 110}`]);
    expect(cjEvents(c)).toEqual([
      'Warning TooManyMissedTimes too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      `Normal SuccessfulCreate Created job hello-${T0_MIN + 110}`,
    ]);
  });

  it('schedules in spec.timeZone and stamps the Job in that zone', () => {
    const c = cluster();
    // 05:45 in India (UTC+05:30) is 00:15 UTC.
    c.request({ method: 'POST', path: cjPath, body: cronJob({ schedule: '45 5 * * *', timeZone: 'Asia/Kolkata' }) });
    c.advance(15 * 60_000);
    expect(jobNames(c)).toEqual([]);
    c.advance(100);
    const name = `hello-${T0_MIN + 15}`;
    expect(jobNames(c)).toEqual([name]);
    const job = c.request({ method: 'GET', path: `${jobsPath}/${name}` }).body;
    expect(job.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T05:45:00+05:30');
  });
});
