import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { create, cronJobHello, jobPi, update } from './strategies-workloads-fixtures';

describe('Job', () => {
  it('defaults what `kubectl create job` sends and generates its selector and labels', () => {
    const c = createCluster();
    const res = create(c, jobPi);
    expect(res.status).toBe(201);
    const uid = res.body.metadata.uid;
    const labels = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    };
    expect(res.body.metadata.labels).toEqual(labels);
    const { template, ...rest } = res.body.spec;
    expect(rest).toEqual({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      suspend: false,
    });
    expect(template.metadata).toEqual({ creationTimestamp: null, labels });
    expect(template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(res.body.status).toEqual({});
  });

  it('keeps a Job labelled by its author', () => {
    const c = createCluster();
    const res = create(c, jobPi, (j) => (j.metadata.labels = { team: 'data' }));
    expect(res.body.metadata.labels).toEqual({ team: 'data' });
  });

  it('needs restartPolicy OnFailure or Never', () => {
    const c = createCluster();
    const res = create(c, jobPi, (j) => delete j.spec.template.spec.restartPolicy);
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  it('rejects a manual selector that misses the template', () => {
    const c = createCluster();
    const res = create(c, jobPi, (j) => {
      j.spec.manualSelector = true;
      j.spec.selector = { matchLabels: { app: 'pi' } };
    });
    expect(res.body.message).toBe(
      'Job.batch "pi" is invalid: spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
    );
  });

  it('keeps the template, completions and selector immutable but lets parallelism change', () => {
    const c = createCluster();
    create(c, jobPi);
    const scaled = update(c, 'Job', 'pi', (j) => (j.spec.parallelism = 3));
    expect(scaled.status).toBe(200);
    expect(scaled.body.metadata.generation).toBe(2);
    const image = update(c, 'Job', 'pi', (j) => (j.spec.template.spec.containers[0].image = 'perl:5.36'));
    expect(image.status).toBe(422);
    expect(image.body.message).toMatch(/^Job.batch "pi" is invalid: spec.template: Invalid value: core.PodTemplateSpec\{.*\}: field is immutable$/);
    const completions = update(c, 'Job', 'pi', (j) => (j.spec.completions = 5));
    expect(completions.body.message).toBe('Job.batch "pi" is invalid: spec.completions: Invalid value: 5: field is immutable');
  });
});

describe('CronJob', () => {
  it('defaults what `kubectl create cronjob` sends', () => {
    const c = createCluster();
    const res = create(c, cronJobHello);
    expect(res.status).toBe(201);
    const { jobTemplate, ...rest } = res.body.spec;
    expect(rest).toEqual({
      concurrencyPolicy: 'Allow',
      failedJobsHistoryLimit: 1,
      schedule: '*/1 * * * *',
      successfulJobsHistoryLimit: 3,
      suspend: false,
    });
    expect(jobTemplate.metadata).toEqual({ creationTimestamp: null, name: 'hello' });
    expect(Object.keys(jobTemplate.spec)).toEqual(['template']);
    expect(jobTemplate.spec.template.spec).toEqual({
      containers: [
        {
          command: ['echo', 'hi'],
          image: 'busybox',
          imagePullPolicy: 'Always',
          name: 'hello',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'OnFailure',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    expect(res.body.status).toEqual({});
  });

  it('checks the schedule as the cron parser does', () => {
    const c = createCluster();
    const message = (schedule: string) => create(c, cronJobHello, (cj) => (cj.spec.schedule = schedule)).body.message;
    expect(message('61 * * * *')).toBe('CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
    expect(message('* * * * * *')).toBe(
      'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "* * * * * *": expected exactly 5 fields, found 6: [* * * * * *]',
    );
    expect(message('@fortnightly')).toBe('CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly');
    expect(message('*/x * * * *')).toBe(
      'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "*/x * * * *": failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
    );
    expect(create(c, cronJobHello, (cj) => (cj.spec.schedule = '@hourly')).status).toBe(201);
    expect(create(c, cronJobHello, (cj) => {
      cj.metadata.name = 'weekdays';
      cj.spec.schedule = '30 9 * jan-jun mon-fri';
    }).status).toBe(201);
  });

  it('validates the time zone and the job template', () => {
    const c = createCluster();
    expect(create(c, cronJobHello, (cj) => (cj.spec.timeZone = 'Mars/Olympus')).body.message).toBe(
      'CronJob.batch "hello" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    );
    expect(create(c, cronJobHello, (cj) => (cj.spec.schedule = 'TZ=UTC 0 * * * *')).body.message).toBe(
      'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    );
    expect(create(c, cronJobHello, (cj) => (cj.spec.jobTemplate.spec.template.spec.restartPolicy = 'Always')).body.message).toBe(
      'CronJob.batch "hello" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
    const ok = create(c, cronJobHello, (cj) => (cj.spec.timeZone = 'Europe/Paris'));
    expect(ok.status).toBe(201);
  });
});
