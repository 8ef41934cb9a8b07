/**
 * batch/v1 Job and CronJob: SetDefaults_Job / _CronJob, the Job's generated selector and labels, batch validation
 * (restart policy, selector, schedule, time zone) and the Job's immutable fields.
 */
import type { KObject } from '../../types';
import { clone, deepEqual, isPlainObject } from '../../util';
import type { KindStrategy } from '../context';
import type { FieldError } from '../field-errors';
import { invalidValue, notSupported, required } from '../field-errors';
import { selectorMatches } from '../selectors';
import { immutableField, nonNegative } from '../validation/common';
import { isDNS1123Label, validateLabelSelector, validateObjectMeta } from '../validation/meta';
import { cronScheduleError, isTimeZone } from './cron';
import { goLabels, goLabelSelector, goPodTemplate } from './go-values';
import { registerStrategy } from './index';
import { defaultPodTemplate, defaultTemplateMetadata } from './pod-spec-defaults';
import { validatePodTemplateSpec } from './pod-spec-validation';

const isObj = isPlainObject;
const LEGACY_UID = 'controller-uid';
const LEGACY_NAME = 'job-name';
const UID_LABEL = 'batch.kubernetes.io/controller-uid';
const NAME_LABEL = 'batch.kubernetes.io/job-name';

function jobSpecOf(job: KObject): any {
  if (!isObj(job.spec)) job.spec = {};
  if (!isObj(job.spec.template)) job.spec.template = {};
  return job.spec;
}

function defaultJob(job: KObject): void {
  const spec = jobSpecOf(job);
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism == null) spec.parallelism = 1;
  if (spec.backoffLimit == null) spec.backoffLimit = spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  const templateLabels = spec.template.metadata?.labels;
  if (isObj(templateLabels) && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...templateLabels };
  if (spec.completionMode == null) spec.completionMode = 'NonIndexed';
  if (spec.suspend == null) spec.suspend = false;
  for (const rule of Array.isArray(spec.podFailurePolicy?.rules) ? spec.podFailurePolicy.rules : []) {
    for (const pattern of Array.isArray(rule?.onPodConditions) ? rule.onPodConditions : []) {
      if (isObj(pattern) && !pattern.status) pattern.status = 'True';
    }
  }
  if (spec.podReplacementPolicy == null) spec.podReplacementPolicy = spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  if (spec.manualSelector == null) spec.manualSelector = false;
  defaultPodTemplate(spec.template, 'Job');
}

/** The job strategy's generateSelector: job-name and controller-uid labels on the template, selected by uid. */
function generateSelector(job: KObject): void {
  const spec = jobSpecOf(job);
  defaultTemplateMetadata(spec.template);
  const labels = isObj(spec.template.metadata.labels) ? spec.template.metadata.labels : {};
  for (const key of [LEGACY_NAME, NAME_LABEL]) if (!(key in labels)) labels[key] = job.metadata.name ?? '';
  for (const key of [LEGACY_UID, UID_LABEL]) if (!(key in labels)) labels[key] = job.metadata.uid ?? '';
  spec.template.metadata.labels = labels;
  if (!isObj(spec.selector)) spec.selector = {};
  if (!isObj(spec.selector.matchLabels)) spec.selector.matchLabels = {};
  if (!(UID_LABEL in spec.selector.matchLabels)) spec.selector.matchLabels[UID_LABEL] = job.metadata.uid ?? '';
}

function hasLabel(template: any, key: string, want: string, field: string): FieldError[] {
  const labels = template?.metadata?.labels;
  const f = `${field}.labels[${key}]`;
  if (!isObj(labels) || !(key in labels)) return [required(f, `must be '${want}'`)];
  if (labels[key] !== want) return [{ type: 'Invalid', field: f, goValue: goLabels(labels), detail: `must be '${want}'` }];
  return [];
}

function validateGeneratedSelector(job: KObject): FieldError[] {
  const spec = job.spec;
  if (spec.manualSelector === true || spec.selector == null) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  if (!uid) errs.push(required('metadata.uid'));
  const tf = 'spec.template.metadata';
  errs.push(...hasLabel(spec.template, LEGACY_UID, uid, tf), ...hasLabel(spec.template, LEGACY_NAME, name, tf));
  errs.push(...hasLabel(spec.template, UID_LABEL, uid, tf), ...hasLabel(spec.template, NAME_LABEL, name, tf));
  const expected = { [UID_LABEL]: uid, [NAME_LABEL]: name, [LEGACY_UID]: uid, [LEGACY_NAME]: name };
  if (!selectorMatches(spec.selector, expected)) {
    errs.push({ type: 'Invalid', field: 'spec.selector', goValue: goLabelSelector(spec.selector), detail: '`selector` not auto-generated' });
  }
  return errs;
}

/** batch validation's validateJobSpec: the checks Jobs and CronJob job templates share. */
function validateJobSpecCommon(spec: any, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    errs.push(...nonNegative(spec[k], `${field}.${k}`));
  }
  if (spec.maxFailedIndexes != null && spec.backoffLimitPerIndex == null) {
    errs.push(required(`${field}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  }
  const mode = spec.completionMode;
  if (mode != null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(`${field}.completionMode`, mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed' && spec.completions == null) errs.push(required(`${field}.completions`, 'when completion mode is Indexed'));
    if (mode === 'Indexed' && typeof spec.parallelism === 'number' && spec.parallelism > 100000) {
      errs.push(invalidValue(`${field}.parallelism`, spec.parallelism, 'must be less than or equal to 100000 when completion mode is Indexed'));
    }
  }
  if (mode == null || mode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex != null) errs.push(invalidValue(`${field}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (spec.maxFailedIndexes != null) errs.push(invalidValue(`${field}.maxFailedIndexes`, spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  const rp = spec.podReplacementPolicy;
  if (rp != null) {
    if (spec.podFailurePolicy != null) {
      if (rp !== 'Failed') errs.push(notSupported(`${field}.podReplacementPolicy`, rp, ['Failed']));
    } else if (rp !== 'Failed' && rp !== 'TerminatingOrFailed') {
      errs.push(notSupported(`${field}.podReplacementPolicy`, rp, ['Failed', 'TerminatingOrFailed']));
    }
  }
  const template = isObj(spec.template) ? spec.template : {};
  errs.push(...validatePodTemplateSpec(template, `${field}.template`));
  const restart = template.spec?.restartPolicy;
  const rf = `${field}.template.spec.restartPolicy`;
  if (restart === 'Always' || !restart) errs.push(required(rf, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') errs.push(notSupported(rf, restart, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy != null && restart !== 'Never') {
    errs.push(invalidValue(rf, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}

function validateJob(job: KObject): FieldError[] {
  const spec = jobSpecOf(job);
  const errs = [...validateObjectMeta(job.metadata, { namespaced: true, nameRule: 'subdomain' }), ...validateGeneratedSelector(job)];
  errs.push(...validateJobSpecCommon(spec, 'spec'));
  if (spec.selector == null) errs.push(required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (spec.selector != null && !selectorMatches(spec.selector, spec.template.metadata?.labels)) {
    errs.push({ type: 'Invalid', field: 'spec.template.metadata.labels', goValue: goLabels(spec.template.metadata?.labels), detail: '`selector` does not match template `labels`' });
  }
  if (spec.completionMode === 'Indexed' && typeof spec.completions === 'number' && spec.completions > 0) {
    const host = `${job.metadata.name ?? ''}-${spec.completions - 1}`;
    if (isDNS1123Label(host).length) {
      errs.push(invalidValue('metadata.name', job.metadata.name ?? '', `will not able to create pod with invalid DNS label: ${host}`));
    }
  }
  return errs;
}

/** ValidateJobSpecUpdate's immutable fields (its repeat of ValidateJobSpec is already in the create checks). */
function validateJobUpdate(job: KObject, old: KObject): FieldError[] {
  const spec = job.spec ?? {};
  const oldSpec = old.spec ?? {};
  const errs: FieldError[] = [...immutableField(spec.completions, oldSpec.completions, 'spec.completions')];
  errs.push(...immutableField(spec.selector, oldSpec.selector, 'spec.selector', goLabelSelector(spec.selector)));
  let oldTemplate = oldSpec.template;
  // A suspended Job that never started may change its scheduling directives, labels and annotations.
  if (spec.suspend === true && old.status?.startTime == null && isObj(oldTemplate)) {
    oldTemplate = clone(oldTemplate);
    const t = spec.template ?? {};
    oldTemplate.spec = { ...oldTemplate.spec, nodeSelector: t.spec?.nodeSelector, tolerations: t.spec?.tolerations, schedulingGates: t.spec?.schedulingGates };
    if (t.spec?.affinity || oldTemplate.spec.affinity) {
      oldTemplate.spec.affinity = { ...(oldTemplate.spec.affinity ?? {}), nodeAffinity: t.spec?.affinity?.nodeAffinity };
      if (!t.spec?.affinity && Object.values(oldTemplate.spec.affinity).every((v) => v == null)) oldTemplate.spec.affinity = undefined;
    }
    oldTemplate.metadata = { ...oldTemplate.metadata, labels: t.metadata?.labels, annotations: t.metadata?.annotations };
  }
  if (!deepEqual(spec.template, oldTemplate)) {
    errs.push({ type: 'Invalid', field: 'spec.template', goValue: goPodTemplate(spec.template), detail: 'field is immutable' });
  }
  errs.push(...immutableField(spec.completionMode, oldSpec.completionMode, 'spec.completionMode'));
  for (const k of ['podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    errs.push(...immutableField(spec[k], oldSpec[k], `spec.${k}`));
  }
  return errs;
}

export const jobStrategy: KindStrategy = {
  defaults: defaultJob,
  prepareForCreate(job) {
    defaultJob(job);
    if (job.spec.manualSelector !== true) generateSelector(job);
    // Reading the stored Job back applies SetDefaults_Job again: unlabeled Jobs take their template's labels.
    defaultJob(job);
    job.status = {};
  },
  validate: validateJob,
  validateUpdate: validateJobUpdate,
};

function defaultCronJob(cj: KObject): void {
  if (!isObj(cj.spec)) cj.spec = {};
  const spec = cj.spec;
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  if (spec.suspend == null) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit == null) spec.successfulJobsHistoryLimit = 3;
  if (spec.failedJobsHistoryLimit == null) spec.failedJobsHistoryLimit = 1;
  if (!isObj(spec.jobTemplate)) spec.jobTemplate = {};
  defaultTemplateMetadata(spec.jobTemplate);
  if (!isObj(spec.jobTemplate.spec)) spec.jobTemplate.spec = {};
  if (!isObj(spec.jobTemplate.spec.template)) spec.jobTemplate.spec.template = {};
  defaultPodTemplate(spec.jobTemplate.spec.template, 'CronJob');
}

function validateCronJobSpec(spec: any, oldSpec: any | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = typeof spec.schedule === 'string' ? spec.schedule : '';
  if (!schedule) errs.push(required('spec.schedule'));
  else {
    const err = cronScheduleError(schedule);
    if (err) errs.push(invalidValue('spec.schedule', schedule, err));
    const allowTZ = typeof oldSpec?.schedule === 'string' && oldSpec.schedule.includes('TZ');
    if (allowTZ && schedule.includes('TZ') && spec.timeZone != null) {
      errs.push(invalidValue('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    } else if (!allowTZ && schedule.includes('TZ')) {
      errs.push(invalidValue('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  if (!oldSpec || spec.timeZone !== oldSpec.timeZone) errs.push(...validateTimeZone(spec.timeZone));
  const cp = spec.concurrencyPolicy;
  if (!cp) errs.push(required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  const jobSpec = isObj(spec.jobTemplate?.spec) ? spec.jobTemplate.spec : {};
  errs.push(...validateJobSpecCommon(jobSpec, 'spec.jobTemplate.spec'));
  if (jobSpec.selector != null) {
    errs.push({ type: 'Invalid', field: 'spec.jobTemplate.spec.selector', goValue: goLabelSelector(jobSpec.selector), detail: '`selector` will be auto-generated' });
  }
  if (jobSpec.manualSelector === true) errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  return errs;
}

function validateTimeZone(tz: unknown): FieldError[] {
  if (tz == null) return [];
  const zone = String(tz);
  if (zone.length === 0) return [invalidValue('spec.timeZone', zone, 'timeZone must be nil or non-empty string')];
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)) {
      return [invalidValue('spec.timeZone', zone, `unknown time zone ${zone}`)];
    }
  }
  if (zone.toLowerCase() === 'local') {
    return [invalidValue('spec.timeZone', zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  }
  return isTimeZone(zone) ? [] : [invalidValue('spec.timeZone', zone, `unknown time zone ${zone}`)];
}

export const cronJobStrategy: KindStrategy = {
  defaults: defaultCronJob,
  prepareForCreate(cj) {
    cj.status = {};
  },
  validate(cj) {
    const errs = [...validateObjectMeta(cj.metadata, { namespaced: true, nameRule: 'subdomain' })];
    errs.push(...validateCronJobSpec(cj.spec ?? {}, undefined));
    if ((cj.metadata.name ?? '').length > 52) errs.push(invalidValue('metadata.name', cj.metadata.name, 'must be no more than 52 characters'));
    return errs;
  },
};

registerStrategy('Job', jobStrategy);
registerStrategy('CronJob', cronJobStrategy);
