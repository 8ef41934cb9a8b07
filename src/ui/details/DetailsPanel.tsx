/** The selected object: actions, `kubectl describe`, its YAML, its events, and for pods the scheduler's reasoning. */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { engine } from '../engine';
import { openInEditor } from '../editor/editor-buffer';
import { selectObject, useCluster, type ObjectsByKind } from '../state/cluster-store';
import { useUi, type SelectedObject } from '../state/ui-store';
import { ActionBar } from './ActionBar';
import { eventsOf } from './event-match';
import { EventsView } from './EventsView';
import { describeLine, yamlLine } from './object-commands';
import { isSchedulingRecord } from './scheduling-view';
import { SchedulingView, type SchedulingAnswer } from './SchedulingView';
import { TextView, type CommandText } from './TextView';
import { useEngineText } from './use-engine-text';
import './details.css';

type Tab = 'describe' | 'scheduling' | 'yaml' | 'events';
const LABELS: Record<Tab, string> = { describe: 'Describe', scheduling: 'Scheduling', yaml: 'YAML', events: 'Events' };

const runKubectl = (line: string): Promise<CommandText> =>
  engine()
    .kubectl(line)
    .then((r) => ({ text: r.exitCode === 0 ? r.stdout : `${r.stdout}${r.stderr}`, failed: r.exitCode !== 0 }));

const askScheduler = (path: string): Promise<SchedulingAnswer> =>
  engine()
    .request({ method: 'GET', path })
    .then((r) => (r.status === 200 && isSchedulingRecord(r.body) ? { record: r.body } : { missing: String(r.body?.message ?? `HTTP ${r.status}`) }));

/** Changes whenever a pod on the node is added, changed or removed: `kubectl describe node` lists them. */
function podsOnNodeKey(pods: ObjectsByKind[string] | undefined, node: string): string {
  let count = 0;
  let newest = 0;
  for (const p of Object.values(pods ?? {})) {
    if (p.spec?.nodeName !== node) continue;
    count++;
    newest = Math.max(newest, Number(p.metadata.resourceVersion) || 0);
  }
  return `${count}:${newest}`;
}

function SubTabs({ tabs, tab, setTab }: { tabs: Tab[]; tab: Tab; setTab: (t: Tab) => void }) {
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const onKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    // Move from the tab that has focus (it may not be the selected one).
    const from = tabs.find((t) => refs.current[t] === e.target) ?? tab;
    const next = tabs[(tabs.indexOf(from) + step + tabs.length) % tabs.length];
    setTab(next);
    refs.current[next]?.focus();
  };
  return (
    <div className="tabs details-tabs" role="tablist" aria-label="Details views" onKeyDown={onKey}>
      {tabs.map((t) => (
        <button
          type="button"
          role="tab"
          key={t}
          ref={(el) => {
            refs.current[t] = el;
          }}
          aria-selected={t === tab}
          tabIndex={t === tab ? 0 : -1}
          onClick={() => setTab(t)}
        >
          {LABELS[t]}
        </button>
      ))}
    </div>
  );
}

function ObjectDetails({ sel, tab, setTab }: { sel: SelectedObject; tab: Tab; setTab: (t: Tab) => void }) {
  const obj = useCluster(selectObject(sel.kind, sel.namespace, sel.name));
  const ready = useCluster((s) => s.status === 'ready');
  const visible = useUi((s) => s.sideTab === 'details');
  const eventBucket = useCluster((s) => s.byKind.Event);
  const podsKey = useCluster((s) => (sel.kind === 'Node' ? podsOnNodeKey(s.byKind.Pod, sel.name) : ''));
  // What we last knew of the object, so a deleted one keeps its text and its events.
  const [known, setKnown] = useState<{ uid?: string; apiVersion?: string }>({});
  if (obj && (obj.metadata.uid !== known.uid || obj.apiVersion !== known.apiVersion)) setKnown({ uid: obj.metadata.uid, apiVersion: obj.apiVersion });
  const deleted = ready && !obj;

  const events = useMemo(
    () => eventsOf(Object.values(eventBucket ?? {}), { kind: sel.kind, namespace: sel.namespace, name: sel.name, uid: known.uid }),
    [eventBucket, sel.kind, sel.namespace, sel.name, known.uid],
  );
  const last = events[events.length - 1];
  const rv = obj?.metadata.resourceVersion ?? '';
  const eventsKey = `${events.length}:${last?.metadata.resourceVersion ?? ''}`;

  const isPod = sel.kind === 'Pod';
  const tabs: Tab[] = isPod ? ['describe', 'scheduling', 'yaml', 'events'] : ['describe', 'yaml', 'events'];
  const shown: Tab = tabs.includes(tab) ? tab : 'describe';
  // A deleted object keeps its last answers; one never seen is still asked about once (kubectl says NotFound).
  const live = visible && !(deleted && known.uid);

  const dLine = describeLine(sel, known.apiVersion);
  const yLine = yamlLine(sel, known.apiVersion);
  const schedPath = `/api/v1/namespaces/${sel.namespace}/pods/${sel.name}/scheduling`;
  const describe = useEngineText(dLine, `${rv}|${eventsKey}|${podsKey}`, live && shown === 'describe', runKubectl);
  const yaml = useEngineText(yLine, rv, live && shown === 'yaml', runKubectl);
  const scheduling = useEngineText(isPod ? schedPath : undefined, `${rv}|${eventsKey}`, live && shown === 'scheduling', askScheduler);

  return (
    <section className="details" aria-label="Details">
      <header className="details-head">
        <h2>
          <span className="kind">{sel.kind}</span> {sel.namespace ? <span className="ns">{sel.namespace}/</span> : null}
          {sel.name}
        </h2>
        {deleted && (
          <span className="deleted-badge" role="status">
            {known.uid ? 'deleted' : 'not found'}
          </span>
        )}
      </header>
      <ActionBar sel={sel} obj={obj} deleted={deleted} />
      <SubTabs tabs={tabs} tab={shown} setTab={setTab} />
      <div className="details-body" role="tabpanel" aria-label={LABELS[shown]}>
        {shown === 'describe' && <TextView line={dLine} answer={describe} />}
        {shown === 'yaml' && (
          <TextView
            line={yLine}
            answer={yaml}
            toolbar={
              <button
                type="button"
                onClick={() => yaml && void openEditable(yaml.text)}
                disabled={!yaml || yaml.failed}
                title="Opens this manifest in the editor without the fields the server sets (status, resourceVersion, uid…), ready to change and apply"
              >
                Edit in editor
              </button>
            }
          />
        )}
        {shown === 'events' && <EventsView events={events} />}
        {shown === 'scheduling' && <SchedulingView answer={scheduling} />}
      </div>
    </section>
  );
}

export function DetailsPanel() {
  const selected = useUi((s) => s.selected);
  const [tab, setTab] = useState<Tab>('describe');
  if (!selected) return <p className="hint">Click an object in the graph to see its details.</p>;
  const key = `${selected.kind}/${selected.namespace}/${selected.name}`;
  return <ObjectDetails key={key} sel={selected} tab={tab} setTab={setTab} />;
}

/** The YAML library is needed only here: loaded on the first click, so the page's first load stays small. */
async function openEditable(text: string): Promise<void> {
  const { editableManifest } = await import('./editable-manifest');
  openInEditor(editableManifest(text));
}
