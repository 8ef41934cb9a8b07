import { expect } from 'vitest';
import type { Cluster } from '../../src/engine/cluster';

export const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

export function create(c: Cluster, path: string, body: Record<string, unknown>): any {
  const res = c.request({ method: 'POST', path, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Merge-patch the status subresource, as a controller or the kubelet would. */
export function patchStatus(c: Cluster, path: string, status: Record<string, unknown>): any {
  const res = c.request({ method: 'PATCH', path: `${path}/status`, contentType: 'application/merge-patch+json', body: { status } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export function table(c: Cluster, path: string): any {
  const res = c.request({ method: 'GET', path, accept: TABLE });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.kind).toBe('Table');
  return res.body;
}

/** The cells of one object's row, fetched as a single-object Table. */
export function row(c: Cluster, path: string): unknown[] {
  const t = table(c, path);
  expect(t.rows).toHaveLength(1);
  return t.rows[0].cells;
}

/** Column name -> cell, for readable assertions. */
export function cellMap(c: Cluster, path: string): Record<string, unknown> {
  const t = table(c, path);
  const cells = t.rows[0].cells;
  return Object.fromEntries(t.columnDefinitions.map((d: any, i: number) => [d.name, cells[i]]));
}

export function columnNames(c: Cluster, path: string): string[] {
  return table(c, path).columnDefinitions.map((d: any) => (d.priority ? `${d.name}*` : d.name));
}
