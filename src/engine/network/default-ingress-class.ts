/**
 * The DefaultIngressClass admission plugin (plugin/pkg/admission/network/defaultingressclass, on by default): an
 * Ingress created without spec.ingressClassName and without the legacy kubernetes.io/ingress.class annotation gets
 * the IngressClass marked ingressclass.kubernetes.io/is-default-class=true (the newest one when several are).
 */
import type { ApiContext } from '../api/context';
import type { KObject } from '../types';

const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export function admitDefaultIngressClass(ing: KObject, ctx: ApiContext): void {
  if (ing.spec?.ingressClassName != null) return;
  if (ing.metadata.annotations?.['kubernetes.io/ingress.class'] !== undefined) return;
  const defaults = ctx.store
    .list('networking.k8s.io/ingressclasses')
    .map((e) => e.obj)
    .filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
    .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || a.metadata.name!.localeCompare(b.metadata.name!));
  if (defaults.length) (ing.spec ??= {}).ingressClassName = defaults[0].metadata.name;
}
