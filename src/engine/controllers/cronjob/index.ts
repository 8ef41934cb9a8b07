/**
 * The CronJob controller (pkg/controller/cronjob, ControllerV2): keeps status.active in step with its Jobs,
 * starts the Job of the most recent unmet schedule under the concurrency policy, prunes finished Jobs beyond the
 * history limits, and sleeps on a timer until the next activation instead of polling.
 */
import type { KObject } from '../../types';
import type { TimerHandle } from '../../clock';
import type { Controller } from '../../runtime/controller-manager';
import { withTypeMeta } from '../../runtime/events';
import { objectKey } from '../../runtime/informer';
import { controllerRef, PodsByOwner } from '../shared/pods';
import { syncCronJob } from './sync';

const CRONJOB_DEF = { group: 'batch', version: 'v1', kind: 'CronJob' };

export const cronJobController: Controller = {
  name: 'cronjob-controller',
  start(ctx) {
    const cronJobs = ctx.informer('cronjobs', 'batch');
    const jobs = ctx.informer('jobs', 'batch');
    const owned = new PodsByOwner();
    const recorder = ctx.recorder({ component: 'cronjob-controller' });
    const timers = new Map<string, TimerHandle>();
    const queue = ctx.queue((key) => {
      timers.get(key)?.cancel();
      timers.delete(key);
      const cj = cronJobs.get(key);
      if (!cj) return;
      const delay = syncCronJob(ctx, recorder, withTypeMeta(cj, CRONJOB_DEF), owned.of(cj.metadata.uid));
      if (delay !== undefined) timers.set(key, ctx.clock.schedule(delay, () => queue.add(key)));
    });
    cronJobs.on((type, cj) => {
      const key = objectKey(cj);
      if (type !== 'DELETED') return queue.add(key);
      timers.get(key)?.cancel();
      timers.delete(key);
    });
    jobs.on((type, job: KObject, old) => {
      owned.update(type, job, old);
      const ref = controllerRef(job);
      if (ref?.kind === 'CronJob') queue.add(`${job.metadata.namespace}/${ref.name}`);
    });
  },
};
