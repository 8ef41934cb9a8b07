/**
 * Objects built by kubectl's generators are Go structs: JSON keeps struct field order, and a zero creationTimestamp
 * prints as null. These helpers build metadata in ObjectMeta's field order.
 */
import type { ObjectMeta, OwnerReference } from '../../types';

export interface MetaFields {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export function typedMeta(m: MetaFields): ObjectMeta {
  const out: Record<string, unknown> = {};
  if (m.name) out.name = m.name;
  if (m.generateName) out.generateName = m.generateName;
  if (m.namespace) out.namespace = m.namespace;
  out.creationTimestamp = null;
  if (m.labels && Object.keys(m.labels).length) out.labels = m.labels;
  if (m.annotations && Object.keys(m.annotations).length) out.annotations = m.annotations;
  if (m.ownerReferences?.length) out.ownerReferences = m.ownerReferences;
  return out as ObjectMeta;
}

/** A container as corev1.Container orders its fields (only those generators set). */
export function typedContainer(c: {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort: number }[];
  env?: { name: string; value: string }[];
}): Record<string, unknown> {
  const out: Record<string, unknown> = { name: c.name, image: c.image };
  if (c.command?.length) out.command = c.command;
  if (c.args?.length) out.args = c.args;
  if (c.ports?.length) out.ports = c.ports;
  if (c.env?.length) out.env = c.env;
  out.resources = {};
  return out;
}
