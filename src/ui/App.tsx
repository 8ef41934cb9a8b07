/** The playground: time controls on top, the cluster graph, the editor or details beside it, console and events below. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { ClusterGraph } from './graph/ClusterGraph';
import { ConsolePanel } from './console/ConsolePanel';
import { DetailsPanel } from './details/DetailsPanel';
import { EventsPanel } from './events/EventsPanel';
import { EngineBanner } from './EngineBanner';
import { engine } from './engine';
import { TimeControls } from './toolbar/TimeControls';
import { useUi } from './state/ui-store';
import { useEditorReady } from './editor/use-editor-ready';

const EditorPanel = lazy(() => import('./editor/EditorPanel'));

export function App() {
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  const sideTab = useUi((s) => s.sideTab);
  const setSideTab = useUi((s) => s.setSideTab);
  const bottomTab = useUi((s) => s.bottomTab);
  const [editorRequested, setEditorRequested] = useState(false);
  const loadEditor = useEditorReady(editorRequested);
  const setBottomTab = useUi((s) => s.setBottomTab);

  useEffect(() => {
    engine();
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>Kubeplay</h1>
        <TimeControls />
        <button type="button" className="theme-toggle" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label="Toggle theme">
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </header>
      <EngineBanner />
      <main className="graph-pane">
        <ClusterGraph />
      </main>
      <aside className="side-pane">
        <div className="tabs" role="tablist" aria-label="Side panel">
          <button type="button" role="tab" aria-selected={sideTab === 'editor'} onClick={() => {
              setSideTab('editor');
              setEditorRequested(true);
            }}>
            Editor
          </button>
          <button type="button" role="tab" aria-selected={sideTab === 'details'} onClick={() => setSideTab('details')}>
            Details
          </button>
        </div>
        <div className="tab-body" hidden={sideTab !== 'editor'}>
          {loadEditor ? (
            <Suspense fallback={<p className="hint">Loading the editor…</p>}>
              <EditorPanel />
            </Suspense>
          ) : (
            <p className="hint">Loading the editor…</p>
          )}
        </div>
        <div className="tab-body" hidden={sideTab !== 'details'}>
          <DetailsPanel />
        </div>
      </aside>
      <section className="bottom-pane">
        <div className="tabs" role="tablist" aria-label="Bottom panel">
          <button type="button" role="tab" aria-selected={bottomTab === 'console'} onClick={() => setBottomTab('console')}>
            Console
          </button>
          <button type="button" role="tab" aria-selected={bottomTab === 'events'} onClick={() => setBottomTab('events')}>
            Events
          </button>
        </div>
        <div className="tab-body" hidden={bottomTab !== 'console'}>
          <ConsolePanel />
        </div>
        <div className="tab-body" hidden={bottomTab !== 'events'}>
          <EventsPanel />
        </div>
      </section>
    </div>
  );
}
