/** kubectl describe for ConfigMaps, Secrets and ServiceAccounts. */
import type { Describer } from './context';
import { listItems } from './context';
import { describeEvents, eventsFor } from './events';
import { printAnnotationsMultiline, printLabelsMultiline } from './format';
import { LEVEL_0, tabbed } from './writer';

/** Bytes of a base64 value (what the Secret's []byte holds). */
function decodedLength(b64: string): number {
  const clean = String(b64).replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

export const describeConfigMap: Describer = (ctx, def, namespace, name) => {
  const cm = ctx.client.get(def, namespace, name);
  const events = eventsFor(ctx, cm);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of Object.keys(cm.data ?? {}).sort()) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${cm.data[k]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(LEVEL_0, `${k}: ${decodedLength(cm.binaryData[k])} bytes\n`);
    w.write(LEVEL_0, '\n');
    if (events) describeEvents(w, events, ctx.now);
  });
};

export const describeSecret: Describer = (ctx, def, namespace, name) => {
  const secret = ctx.client.get(def, namespace, name);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of Object.keys(secret.data ?? {}).sort()) {
      if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${atob(secret.data[k])}\n`);
      else w.write(LEVEL_0, `${k}:\t${decodedLength(secret.data[k])} bytes\n`);
    }
  });
};

const EMPTY_HEADER = '                   ';

export const describeServiceAccount: Describer = (ctx, def, namespace, name) => {
  const sa = ctx.client.get(def, namespace, name);
  const secrets = listItems(ctx, '', 'secrets', namespace);
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets.filter(
    (s) =>
      s.type === 'kubernetes.io/service-account-token' &&
      s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name &&
      s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid,
  );
  const missing = new Set(
    [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])].map((s: any) => s.name).filter((n: string) => !existing.has(n)),
  );
  const events = eventsFor(ctx, sa);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
    // The three headers sorted as strings, as kubectl iterates them.
    const sections: [string, string[]][] = [
      ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s: any) => s.name)],
      ['Mountable secrets: ', (sa.secrets ?? []).map((s: any) => s.name)],
      ['Tokens:            ', tokens.map((s) => s.metadata.name!)],
    ];
    for (const [header, names] of sections) {
      if (names.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const n of names) {
        w.write(LEVEL_0, `${prefix}\t${n}${missing.has(n) ? ' (not found)' : ''}\n`);
        prefix = EMPTY_HEADER;
      }
    }
    if (events) describeEvents(w, events, ctx.now);
  });
};
