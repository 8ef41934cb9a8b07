/**
 * The diff appended to `pod updates may not change fields other than ...`. The real server prints go-cmp's diff of
 * its internal core.PodSpec; this renders the same shape (Go field names, `-` old / `+` new lines, identical fields
 * folded) from the JSON objects, which is close but not byte-identical.
 */
import { deepEqual } from '../../util';

const goName = (k: string): string => {
  const special: Record<string, string> = {
    dnsPolicy: 'DNSPolicy',
    dnsConfig: 'DNSConfig',
    hostPID: 'HostPID',
    hostIPC: 'HostIPC',
    os: 'OS',
    serviceAccount: 'DeprecatedServiceAccount',
  };
  return special[k] ?? k.charAt(0).toUpperCase() + k.slice(1);
};

function render(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `{${v.map(render).join(', ')}}`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${goName(k)}: ${render(x)}`)
    .join(', ')}}`;
}

export function podSpecDiff(oldSpec: Record<string, any>, newSpec: Record<string, any>): string {
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])];
  const lines = ['  core.PodSpec{'];
  let same = 0;
  const flush = () => {
    if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const k of keys) {
    if (deepEqual(oldSpec[k] ?? null, newSpec[k] ?? null)) {
      same++;
      continue;
    }
    flush();
    lines.push(`- \t${goName(k)}: ${render(oldSpec[k])},`);
    lines.push(`+ \t${goName(k)}: ${render(newSpec[k])},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n');
}
