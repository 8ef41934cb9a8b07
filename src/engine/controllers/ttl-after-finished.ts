/**
 * The TTL-after-finished controller: a finished Job with spec.ttlSecondsAfterFinished is deleted (foreground
 * propagation) that many seconds after it finished, on a timer rather than by polling.
 */
import type { KObject } from '../types';
import type { Controller } from '../runtime/controller-manager';
import { objectKey } from '../runtime/informer';

function finishedAt(job: KObject, parse: (ts: string) => number): number | undefined {
  const c = (job.status?.conditions ?? []).find((x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.lastTransitionTime ? parse(c.lastTransitionTime) : undefined;
}

export const ttlAfterFinishedController: Controller = {
  name: 'ttl-after-finished-controller',
  start(ctx) {
    const jobs = ctx.informer('jobs', 'batch');
    const queue = ctx.queue((key) => {
      const job = jobs.get(key);
      if (!job || job.metadata.deletionTimestamp) return;
      const ttl = job.spec?.ttlSecondsAfterFinished;
      if (ttl === undefined || ttl === null) return;
      const done = finishedAt(job, (ts) => ctx.clock.parse(ts));
      if (done === undefined) return;
      const left = done + ttl * 1000 - ctx.clock.now();
      if (left > 0) return queue.addAfter(key, left);
      ctx.request({
        method: 'DELETE',
        path: `/apis/batch/v1/namespaces/${job.metadata.namespace}/jobs/${job.metadata.name}`,
        body: { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } },
      });
    });
    jobs.on((type, job) => {
      if (type !== 'DELETED') queue.add(objectKey(job));
    });
  },
};
