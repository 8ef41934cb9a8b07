/**
 * Go `%#v` renderings of the typed values workload validation reports (v1.33 prints non-scalar bad values this
 * way): label selectors, IntOrString, strategies, template labels, pod templates.
 */
const q = (s: unknown): string => JSON.stringify(s == null ? '' : String(s));

function stringMap(m: unknown): string {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return 'map[string]string(nil)';
  const entries = Object.entries(m as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]string{${entries.map(([k, v]) => `${q(k)}:${q(v)}`).join(', ')}}`;
}

function stringSlice(v: unknown): string {
  if (!Array.isArray(v)) return '[]string(nil)';
  return `[]string{${v.map(q).join(', ')}}`;
}

/** The labels of a template as `field.Invalid(..., template.Labels, ...)` shows them. */
export const goLabels = stringMap;

/** A dereferenced *metav1.LabelSelector. */
export function goLabelSelector(sel: any): string {
  const exprs = Array.isArray(sel?.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e: any) => `v1.LabelSelectorRequirement{Key:${q(e?.key)}, Operator:${q(e?.operator)}, Values:${stringSlice(e?.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${stringMap(sel?.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** intstr.IntOrString has String() only on its pointer, so a value prints as the raw struct. */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${q(v)}}`;
  const n = typeof v === 'number' ? v : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

/** A dereferenced strategy struct such as apps.DeploymentStrategy{Type:"X", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}. */
export function goStrategy(type: string, rollingType: string, strategy: any): string {
  const ru = strategy?.rollingUpdate ? `(*apps.${rollingType})(0xc000a1c0f0)` : `(*apps.${rollingType})(nil)`;
  return `apps.${type}{Type:${q(strategy?.type)}, RollingUpdate:${ru}}`;
}

/** A core.PodTemplateSpec, abbreviated to what a reader needs (the real one lists every field of the struct). */
export function goPodTemplate(t: any): string {
  const meta = t?.metadata ?? {};
  const containers = Array.isArray(t?.spec?.containers) ? t.spec.containers : [];
  const ctrs = containers
    .map((c: any) => `core.Container{Name:${q(c?.name)}, Image:${q(c?.image)}, Command:${stringSlice(c?.command)}, Args:${stringSlice(c?.args)}, ...}`)
    .join(', ');
  return (
    `core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{Name:${q(meta.name)}, GenerateName:"", Namespace:"", ` +
    `Labels:${stringMap(meta.labels)}, Annotations:${stringMap(meta.annotations)}, ...}, ` +
    `Spec:core.PodSpec{Containers:[]core.Container{${ctrs}}, RestartPolicy:${q(t?.spec?.restartPolicy)}, ...}}`
  );
}
