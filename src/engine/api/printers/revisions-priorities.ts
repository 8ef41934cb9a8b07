/** ControllerRevision and PriorityClass tables (printControllerRevision, printPriorityClass). */
import type { KindPrinter } from './index';
import { ageColumn, col, nameColumn, since } from './cells';

/** formatResourceName with kind: `daemonset.apps/fluentd` for the controller ownerReference. */
function controllerName(o: any): string {
  const ref = (o.metadata.ownerReferences ?? []).find((r: any) => r.controller);
  if (!ref) return '<none>';
  const group = String(ref.apiVersion ?? '').includes('/') ? String(ref.apiVersion).split('/')[0] : '';
  const kind = group ? `${ref.kind}.${group}` : String(ref.kind);
  return `${kind.toLowerCase()}/${ref.name}`;
}

export const controllerRevisionPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Controller', 'string', 'Controller of the object'),
    col('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
    ageColumn,
  ],
  row: (o, now) => [o.metadata.name, controllerName(o), o.revision ?? 0, since(o.metadata.creationTimestamp, now)],
};

export const priorityClassPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col(
      'Value',
      'integer',
      'value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.',
    ),
    col(
      'Global-Default',
      'boolean',
      'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority.',
    ),
    ageColumn,
    col(
      'PreemptionPolicy',
      'string',
      'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.',
    ),
  ],
  row: (o, now) => [o.metadata.name, o.value ?? 0, !!o.globalDefault, since(o.metadata.creationTimestamp, now), o.preemptionPolicy ?? ''],
};
