/** How the Job controller builds its pods and reads them: tracking finalizer, completion indexes, back-off. */
import type { KObject } from '../../types';
import { clone } from '../../util';
import { ownerReference } from '../shared/pods';

export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff of job_controller.go. */
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 10 * 60_000;

export function isIndexed(job: KObject): boolean {
  return job.spec.completionMode === 'Indexed';
}

export function podIndex(pod: KObject): number | undefined {
  const raw = pod.metadata.annotations?.[COMPLETION_INDEX] ?? pod.metadata.labels?.[COMPLETION_INDEX];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

export function jobPod(job: KObject, index?: number): KObject {
  const template = job.spec.template;
  const spec = clone(template.spec);
  const labels = { ...(template.metadata?.labels ?? {}) };
  const annotations = { ...(template.metadata?.annotations ?? {}) };
  let generateName = `${job.metadata.name}-`;
  if (index !== undefined) {
    generateName = `${job.metadata.name}-${index}-`;
    annotations[COMPLETION_INDEX] = String(index);
    labels[COMPLETION_INDEX] = String(index);
    // addCompletionIndexEnvVariables / the pod's stable hostname.
    if (!spec.hostname) spec.hostname = `${job.metadata.name}-${index}`;
    for (const list of ['initContainers', 'containers']) {
      for (const c of spec[list] ?? []) {
        const env = c.env ?? [];
        if (!env.some((e: any) => e.name === 'JOB_COMPLETION_INDEX')) {
          env.push({ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX}']` } } });
        }
        c.env = env;
      }
    }
  }
  const metadata: any = {
    generateName,
    namespace: job.metadata.namespace,
    labels,
    finalizers: [TRACKING_FINALIZER],
    ownerReferences: [ownerReference(job, 'batch/v1', 'Job')],
  };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

/** The back-off before a replacement pod: 10s doubling per failure since the last success, at most 10 minutes. */
export function backoffRemainingMs(failures: number, lastFailureAt: number, now: number): number {
  if (failures <= 0) return 0;
  const backoff = Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_MAX_MS);
  return Math.max(0, lastFailureAt + backoff - now);
}

/** "1,3-5,7": the compact interval form of status.completedIndexes. */
export function formatIndexes(indexes: Set<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function parseIndexes(text: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) out.add(i);
  }
  return out;
}
