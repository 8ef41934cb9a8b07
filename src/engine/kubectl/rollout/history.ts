/** `kubectl rollout history`: the REVISION / CHANGE-CAUSE table, or one revision's pod template (history.go). */
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import { tabbed } from '../describe/writer';
import { describePodTemplate } from '../describe/volumes';
import { KubectlError } from '../errors';
import { tabwrite, DESCRIBE_TABWRITER } from '../printers/tabwriter';
import { CHANGE_CAUSE, replicaSetsOf, revisionOf } from './replica-sets';

/** The text after `deployment.apps/web ` (ViewHistory's result). */
export function deploymentHistory(ctx: CommandContext, d: KObject, revision: number): string {
  const byRevision = new Map<number, any>();
  for (const rs of replicaSetsOf(ctx, d)) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    const template = structuredClone(rs.spec?.template ?? {});
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
    template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations } };
    if (cause) template.metadata.annotations[CHANGE_CAUSE] = cause;
    byRevision.set(v, template);
  }
  if (byRevision.size === 0) return 'No rollout history found.';
  if (revision > 0) {
    const template = byRevision.get(revision);
    if (!template) throw new KubectlError('unable to find the specified revision');
    return tabbed((w) => describePodTemplate(w, template));
  }
  const rows = [...byRevision.keys()]
    .sort((a, b) => a - b)
    .map((r) => `${r}\t${byRevision.get(r).metadata.annotations[CHANGE_CAUSE] || '<none>'}\n`);
  return tabwrite('REVISION\tCHANGE-CAUSE\n' + rows.join(''), DESCRIBE_TABWRITER);
}
