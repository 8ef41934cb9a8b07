/** The Job controller (pkg/controller/job): reacts to Jobs and their pods through a work queue. */
import type { Controller } from '../../runtime/controller-manager';
import { withTypeMeta } from '../../runtime/events';
import { objectKey } from '../../runtime/informer';
import { controllerRef} from '../shared/pods';
import { TRACKING_FINALIZER } from './job-pods';
import { syncJob, type BackoffRecord, type JobEnv } from './sync';

const JOB_DEF = { group: 'batch', version: 'v1', kind: 'Job' };

export const jobController: Controller = {
  name: 'job-controller',
  start(ctx) {
    const jobs = ctx.informer('jobs', 'batch');
    const pods = ctx.informer('pods');
    const owned = ctx.podsByOwner();
    const backoff = new Map<string, BackoffRecord>();
    const recorder = ctx.recorder({ component: 'job-controller' });
    const queue = ctx.queue((key) => {
      if (key.startsWith('orphan:')) return releaseOrphan(key.slice('orphan:'.length));
      const job = jobs.get(key);
      if (!job) return;
      const env: JobEnv = { ctx, recorder, backoff, created: 0, requeueAfter: (ms) => queue.addAfter(key, ms) };
      syncJob(env, withTypeMeta(job, JOB_DEF), owned.of(job.metadata.uid));
    });
    /** A tracked pod whose Job is gone: only its finalizer is left to remove. */
    const releaseOrphan = (podKey: string) => {
      const pod = pods.get(podKey);
      if (!pod || !(pod.metadata.finalizers ?? []).includes(TRACKING_FINALIZER)) return;
      const ref = controllerRef(pod);
      if (ref && jobs.get(`${pod.metadata.namespace}/${ref.name}`)?.metadata.uid === ref.uid) return;
      const rest = pod.metadata.finalizers!.filter((f: string) => f !== TRACKING_FINALIZER);
      ctx.request({
        method: 'PATCH',
        path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`,
        contentType: 'application/merge-patch+json',
        body: { metadata: { finalizers: rest.length ? rest : null } },
      });
    };
    jobs.on((type, job) => {
      if (type !== 'DELETED') return queue.add(objectKey(job));
      backoff.delete(job.metadata.uid!);
      for (const pod of owned.of(job.metadata.uid)) queue.add(`orphan:${objectKey(pod)}`);
    });
    pods.on((type, pod) => {
      const ref = controllerRef(pod);
      if (ref?.kind !== 'Job') return;
      const key = `${pod.metadata.namespace}/${ref.name}`;
      const job = jobs.get(key);
      if (job?.metadata.uid === ref.uid) queue.add(key);
      else if (type !== 'DELETED') queue.add(`orphan:${objectKey(pod)}`);
    });
  },
};
