/** Server-side Table printing (as=Table): the real printer columns for each kind. */
import type { KObject } from '../../types';
import type { ResourceDef } from '../resources';
import { EPOCH_MS } from '../../clock';
import { humanDuration } from './duration';
import { META_CREATION, META_NAME } from './descriptions';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface KindPrinter {
  columns: ColumnDefinition[];
  /** One or more rows of cells per object (pods and nodes print one each). */
  row(obj: KObject, now: number): unknown[];
  /** TableRow.conditions (pods mark Succeeded and Failed rows as Completed). */
  conditions?(obj: KObject): TableRowCondition[] | undefined;
}

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export const nameColumn: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: META_NAME,
  priority: 0,
};

export const ageColumn: ColumnDefinition = {
  name: 'Age',
  type: 'string',
  format: '',
  description: META_CREATION,
  priority: 0,
};

/** AGE of an object: HumanDuration(now - creationTimestamp), `<unknown>` without a timestamp. */
export function age(obj: KObject, now: number): string {
  const ts = obj.metadata.creationTimestamp;
  if (!ts) return '<unknown>';
  return humanDuration(now - (Date.parse(ts) - EPOCH_MS));
}

const defaultPrinter: KindPrinter = {
  columns: [nameColumn, ageColumn],
  row: (obj, now) => [obj.metadata.name, age(obj, now)],
};

const printers = new Map<string, KindPrinter>();

export function registerPrinter(kind: string, printer: KindPrinter): void {
  printers.set(kind, printer);
}

export function printerFor(def: ResourceDef): KindPrinter {
  return printers.get(def.kind) ?? defaultPrinter;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** A meta.k8s.io/v1 Table of objects. `now` is virtual ms. */
export function toTable(def: ResourceDef, objs: KObject[], now: number, include: IncludeObject, resourceVersion: string) {
  const printer = printerFor(def);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: printer.columns,
    rows: objs.map((obj) => ({
      cells: printer.row(obj, now),
      ...withConditions(printer.conditions?.(obj)),
      object:
        include === 'None'
          ? undefined
          : include === 'Object'
            ? obj
            : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata },
    })),
  };
}

function withConditions(conditions: TableRowCondition[] | undefined): { conditions?: TableRowCondition[] } {
  return conditions ? { conditions } : {};
}
