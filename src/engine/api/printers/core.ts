/** Namespace, ConfigMap, Secret, ServiceAccount and Lease tables (the simple printers of printers.go). */
import type { KindPrinter } from './index';
import { ageColumn, col, nameColumn, since } from './cells';
import { CM_DATA, LEASE_HOLDER, SA_SECRETS, SECRET_DATA, SECRET_TYPE } from './descriptions';

export const namespacePrinter: KindPrinter = {
  columns: [nameColumn, col('Status', 'string', 'The status of the namespace'), ageColumn],
  row: (o, now) => [o.metadata.name, o.status?.phase ?? '', since(o.metadata.creationTimestamp, now)],
};

export const configMapPrinter: KindPrinter = {
  columns: [nameColumn, col('Data', 'string', CM_DATA), ageColumn],
  row: (o, now) => [
    o.metadata.name,
    Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length,
    since(o.metadata.creationTimestamp, now),
  ],
};

export const secretPrinter: KindPrinter = {
  columns: [nameColumn, col('Type', 'string', SECRET_TYPE), col('Data', 'string', SECRET_DATA), ageColumn],
  row: (o, now) => [o.metadata.name, o.type ?? '', Object.keys(o.data ?? {}).length, since(o.metadata.creationTimestamp, now)],
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [nameColumn, col('Secrets', 'string', SA_SECRETS), ageColumn],
  row: (o, now) => [o.metadata.name, (o.secrets ?? []).length, since(o.metadata.creationTimestamp, now)],
};

export const leasePrinter: KindPrinter = {
  columns: [nameColumn, col('Holder', 'string', LEASE_HOLDER), ageColumn],
  row: (o, now) => [o.metadata.name, o.spec?.holderIdentity ?? '', since(o.metadata.creationTimestamp, now)],
};
