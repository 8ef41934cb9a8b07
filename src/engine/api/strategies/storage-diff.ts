/**
 * The diff the API server appends to "spec is immutable" PVC errors (go-cmp's cmp.Diff of the internal spec).
 * This reproduces its layout for the common fields: changed fields as -/+ lines, unchanged runs elided.
 */
import { deepEqual } from '../../util';

const FIELDS: [string, string][] = [
  ['accessModes', 'AccessModes'],
  ['selector', 'Selector'],
  ['resources', 'Resources'],
  ['volumeName', 'VolumeName'],
  ['storageClassName', 'StorageClassName'],
  ['volumeMode', 'VolumeMode'],
  ['dataSource', 'DataSource'],
  ['dataSourceRef', 'DataSourceRef'],
  ['volumeAttributesClassName', 'VolumeAttributesClassName'],
];

const POINTER_STRINGS = new Set(['storageClassName', 'volumeMode', 'volumeAttributesClassName']);

function render(key: string, v: unknown): string {
  if (key === 'accessModes') {
    if (!Array.isArray(v) || !v.length) return 'nil';
    return `[]core.PersistentVolumeAccessMode{${v.map((m) => JSON.stringify(m)).join(', ')}}`;
  }
  if (POINTER_STRINGS.has(key)) return v == null ? 'nil' : `&${JSON.stringify(v)}`;
  if (key === 'volumeName') return JSON.stringify(v ?? '');
  if (key === 'resources') {
    const r = (v ?? {}) as { requests?: Record<string, string>; limits?: Record<string, string> };
    const list = (m?: Record<string, string>) =>
      `{${Object.keys(m ?? {}).sort().map((k) => `s${JSON.stringify(k)}: {s: ${JSON.stringify(m![k])}}`).join(', ')}}`;
    const parts = [r.limits ? `Limits: ${list(r.limits)}` : '', r.requests ? `Requests: ${list(r.requests)}` : ''].filter(Boolean);
    return `{${parts.join(', ')}}`;
  }
  return v == null ? 'nil' : `&{${Object.entries(v as object).map(([k, x]) => `${k[0].toUpperCase()}${k.slice(1)}: ${JSON.stringify(x)}`).join(', ')}}`;
}

export function pvcSpecDiff(oldSpec: any, newSpec: any): string {
  const width = Math.max(...FIELDS.map(([, g]) => g.length)) + 1;
  const lines = ['  core.PersistentVolumeClaimSpec{'];
  let identical = 0;
  const flush = () => {
    if (identical) lines.push(`  \t... // ${identical} identical field${identical === 1 ? '' : 's'}`);
    identical = 0;
  };
  for (const [key, goName] of FIELDS) {
    if (deepEqual(oldSpec?.[key] ?? null, newSpec?.[key] ?? null)) {
      identical++;
      continue;
    }
    flush();
    const label = `${goName}:`.padEnd(width + 1);
    lines.push(`- \t${label}${render(key, oldSpec?.[key])},`);
    lines.push(`+ \t${label}${render(key, newSpec?.[key])},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n') + '\n';
}
