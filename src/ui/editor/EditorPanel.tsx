/**
 * The manifest editor: Monaco with the Kubernetes schema (completion, hover, validation), starter templates, and
 * Apply (button or Ctrl/Cmd+Enter) through `kubectl apply -f -`, whose errors become markers in the text.
 * Loaded lazily: this chunk is the only one that pulls in Monaco.
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useUi } from '../state/ui-store';
import type { ApplyDiagnostic } from './apply-diagnostics';
import { applyManifest, type ApplyOutcome } from './apply-manifest';
import { ApplyResult } from './ApplyResult';
import { useEditorBuffer } from './editor-buffer';
import { MODEL_PATH, monaco } from './monaco-setup';
import { TemplateMenu } from './TemplateMenu';
import './editor.css';

type CodeEditor = Parameters<OnMount>[0];

/** Marker owner for apply errors (monaco-yaml's own schema markers use another). */
const OWNER = 'kubectl-apply';

const OPTIONS = {
  fontSize: 15,
  lineHeight: 22,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  automaticLayout: true,
  tabSize: 2,
  insertSpaces: true,
  fixedOverflowWidgets: true,
  renderLineHighlight: 'line',
  ariaLabel: 'Manifest editor (YAML)',
  quickSuggestions: { other: true, comments: false, strings: true },
} as const;

export default function EditorPanel() {
  const text = useEditorBuffer((s) => s.text);
  const setText = useEditorBuffer((s) => s.setText);
  const theme = useUi((s) => s.theme);
  const editorRef = useRef<CodeEditor | null>(null);
  const [outcome, setOutcome] = useState<ApplyOutcome>();
  const [busy, setBusy] = useState(false);
  /** The text changed since the last apply: its result no longer describes the buffer. */
  const [stale, setStale] = useState(false);

  const apply = useCallback(async () => {
    const editor = editorRef.current;
    const source = editor?.getValue() ?? useEditorBuffer.getState().text;
    setBusy(true);
    const result = await applyManifest(source);
    setBusy(false);
    setOutcome(result);
    setStale(editor?.getValue() !== undefined && editor.getValue() !== source);
    const model = editor?.getModel();
    if (model && model.getValue() === source) monaco.editor.setModelMarkers(model, OWNER, result.diagnostics.map(toMarker));
  }, []);
  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  }, [apply]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.addAction({
      id: 'kubeplay.apply',
      label: 'Apply manifest (kubectl apply -f -)',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => void applyRef.current(),
    });
    // Apply markers describe the text that was applied; once it changes they would point at the wrong place.
    editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (model) monaco.editor.setModelMarkers(model, OWNER, []);
      setStale(true);
    });
  };

  const reveal = (d: ApplyDiagnostic) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.revealLineInCenter(d.line);
    editor.setPosition({ lineNumber: d.line, column: d.column });
    editor.focus();
  };

  // Ctrl/Cmd+Enter from the toolbar or the result line too (inside Monaco its own keybinding handles it).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
    if ((e.target as HTMLElement).closest('.monaco-editor')) return;
    e.preventDefault();
    void apply();
  };

  return (
    <section className="editor-panel" aria-label="Manifest editor" onKeyDown={onKeyDown}>
      <div className="editor-toolbar">
        <TemplateMenu onPick={setText} />
        <button type="button" className="apply-button" onClick={() => void apply()} disabled={busy} title="kubectl apply -f - (Ctrl+Enter)">
          ▶ Apply
        </button>
      </div>
      <div className="editor-host">
        <Editor
          path={MODEL_PATH}
          defaultLanguage="yaml"
          value={text}
          onChange={(v) => setText(v ?? '')}
          onMount={onMount}
          theme={theme === 'dark' ? 'vs-dark' : 'vs'}
          options={OPTIONS}
          loading={<p className="hint">Loading the editor…</p>}
        />
      </div>
      <ApplyResult outcome={outcome} busy={busy} stale={stale} onReveal={reveal} />
    </section>
  );
}

function toMarker(d: ApplyDiagnostic) {
  return {
    severity: monaco.MarkerSeverity.Error,
    message: d.message,
    source: 'kubectl apply',
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.endLine,
    endColumn: d.endColumn,
  };
}
