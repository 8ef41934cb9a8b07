/** Namespaces: DNS-1123 label names, the `kubernetes` finalizer, phase Active, and the metadata.name label. */
import type { KObject } from '../../types';
import type { KindStrategy } from '../context';
import type { FieldError } from '../field-errors';
import { invalidValue } from '../field-errors';
import { validateKubeFinalizerName, validateObjectMeta } from '../validation/meta';
import { isQualifiedName } from '../validation/names';
import { registerStrategy } from './index';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** SetDefaults_Namespace and the strategy's Canonicalize: the label always equals the name. */
function defaultNamespace(ns: KObject): void {
  if (ns.metadata.name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: ns.metadata.name };
}

function validateNamespace(ns: KObject): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, { namespaced: false, nameRule: 'label' });
  for (const f of ns.spec?.finalizers ?? []) {
    const name = String(f);
    errs.push(...isQualifiedName(name).map((m) => invalidValue('spec.finalizers', name, m)));
    errs.push(...validateKubeFinalizerName(name, 'spec.finalizers'));
  }
  return errs;
}

const namespaceStrategy: KindStrategy = {
  defaults: defaultNamespace,
  prepareForCreate(ns) {
    delete ns.metadata.generation;
    ns.status = { phase: 'Active' };
    const finalizers: string[] = Array.isArray(ns.spec?.finalizers) ? ns.spec.finalizers : [];
    if (!finalizers.includes('kubernetes')) ns.spec = { ...(ns.spec ?? {}), finalizers: [...finalizers, 'kubernetes'] };
  },
  prepareForUpdate(ns, old) {
    // spec.finalizers only change through the finalize subresource; status only through status.
    if (old.spec?.finalizers === undefined) {
      if (ns.spec) delete ns.spec.finalizers;
    } else {
      ns.spec = { ...(ns.spec ?? {}), finalizers: old.spec.finalizers };
    }
    if (old.status === undefined) delete ns.status;
    else ns.status = old.status;
  },
  validate: validateNamespace,
  bumpsGeneration: () => false,
};

registerStrategy('Namespace', namespaceStrategy);
