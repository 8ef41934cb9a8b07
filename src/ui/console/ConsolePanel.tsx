/**
 * The kubectl console: a shell over the engine's kubectl and kubeplay actions, with history, Tab completion and
 * here-documents. Output is shown exactly as printed (stderr in its own colour) and stays plain, copyable text.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { needsMoreInput } from '../../engine/shell/session';
import { engine } from '../engine';
import { useUi } from '../state/ui-store';
import { complete } from './complete';
import { ConsoleShell, chunksOf, type Chunk } from './console-shell';
import { History } from './history';
import { useCompletionData } from './use-completion-data';
import './console.css';

/** The scrollback keeps this many commands. */
export const SCROLLBACK = 500;

interface Entry {
  id: number;
  command: string;
  chunks: Chunk[];
  exitCode: number | undefined;
}

const request: Parameters<typeof useCompletionData>[0] = (req) => engine().request(req);

export function ConsolePanel() {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [line, setLine] = useState('');
  const [candidates, setCandidates] = useState<string[]>([]);
  const input = useRef<HTMLTextAreaElement>(null);
  /** Where the caret goes once a completed line is in the input. */
  const completedCaret = useRef<number | undefined>(undefined);
  const scroller = useRef<HTMLDivElement>(null);
  const [shell] = useState(() => new ConsoleShell({ kubectl: (l, stdin) => engine().kubectl(l, stdin), sim: (l) => engine().sim(l) }));
  const [history] = useState(() => new History());
  const nextId = useRef(1);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const completionData = useCompletionData(request, () => shell.namespace);
  const bottomTab = useUi((s) => s.bottomTab);

  const shownTab = useRef(bottomTab);
  useEffect(() => {
    if (bottomTab === 'console' && shownTab.current !== 'console') input.current?.focus();
    shownTab.current = bottomTab;
  }, [bottomTab]);

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries, candidates, bottomTab]);

  const run = useCallback(
    (command: string) => {
      history.push(command);
      const id = nextId.current++;
      setEntries((prev) => [...prev, { id, command, chunks: [], exitCode: undefined }].slice(-SCROLLBACK));
      // One command at a time, in the order typed.
      queue.current = queue.current.then(async () => {
        const r = await shell.run(command);
        setEntries((prev) => {
          if (r.clear) {
            // Commands typed after `clear` stay; its own output (`clear; echo hi`) too.
            const chunks = chunksOf(r);
            const later = prev.filter((e) => e.id > id);
            return chunks.length ? [{ id, command, chunks, exitCode: r.exitCode }, ...later] : later;
          }
          return prev.map((e) => (e.id === id ? { ...e, chunks: chunksOf(r), exitCode: r.exitCode } : e));
        });
      });
    },
    [history, shell],
  );

  // Placed as the completed line is committed, in the same task as the Tab: a caret moved a frame later could land in
  // whatever was typed or pasted meanwhile.
  useLayoutEffect(() => {
    const caret = completedCaret.current;
    if (caret === undefined) return;
    completedCaret.current = undefined;
    input.current?.setSelectionRange(caret, caret);
  }, [line]);

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    const el = e.currentTarget;
    if (e.key === 'Enter' && !e.shiftKey) {
      if (needsMoreInput(line)) return; // the newline goes in: the command continues
      e.preventDefault();
      setCandidates([]);
      setLine('');
      if (line.trim()) run(line);
      return;
    }
    // On an empty line Tab leaves the console (keyboard users must not be trapped); otherwise it completes.
    if (e.key === 'Tab' && line.trim() && !e.shiftKey && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      const before = line.slice(0, el.selectionStart);
      const after = line.slice(el.selectionEnd);
      const c = complete(before, completionData());
      setCandidates(c.candidates);
      if (c.text !== before) {
        completedCaret.current = c.text.length;
        setLine(c.text + after);
      }
      return;
    }
    if (e.key === 'ArrowUp' && !line.slice(0, el.selectionStart).includes('\n')) {
      const prev = history.up(line);
      if (prev !== undefined) {
        e.preventDefault();
        setLine(prev);
        setCandidates([]);
      }
      return;
    }
    if (e.key === 'ArrowDown' && !line.slice(el.selectionEnd).includes('\n')) {
      const next = history.down();
      if (next !== undefined) {
        e.preventDefault();
        setLine(next);
        setCandidates([]);
      }
      return;
    }
    if (e.key === 'Escape' && candidates.length) {
      setCandidates([]);
      return;
    }
    if (e.ctrlKey && (e.key === 'l' || e.key === 'L')) {
      e.preventDefault();
      setEntries([]);
      setCandidates([]);
      return;
    }
    if (e.ctrlKey && (e.key === 'c' || e.key === 'C') && el.selectionStart === el.selectionEnd && line) {
      e.preventDefault();
      setEntries((prev) => [...prev, { id: nextId.current++, command: `${line}^C`, chunks: [], exitCode: 130 }].slice(-SCROLLBACK));
      setLine('');
      setCandidates([]);
    }
  }

  /** A click in the console focuses the input, unless it selected text to copy. */
  function onClick() {
    if (!window.getSelection()?.toString()) input.current?.focus();
  }

  const rows = Math.min(12, line.split('\n').length);
  return (
    <section className="console kp-console" aria-label="kubectl console" onClick={onClick}>
      <div className="scrollback" ref={scroller} role="log" aria-live="polite">
        {entries.length === 0 && <p className="console-hint">Type a kubectl command, or help. Tab completes, Up/Down recall.</p>}
        {entries.map((entry) => (
          <ConsoleEntry key={entry.id} entry={entry} />
        ))}
        {candidates.length > 0 && (
          <ul className="completions" aria-label="completions" style={{ gridTemplateColumns: `repeat(auto-fill, ${Math.max(...candidates.map((c) => c.length)) + 2}ch)` }}>
            {candidates.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
      </div>
      <label className="prompt-line">
        <span className="prompt" aria-hidden="true">
          $
        </span>
        <textarea
          ref={input}
          value={line}
          rows={rows}
          onChange={(e) => {
            setLine(e.target.value);
            setCandidates([]);
          }}
          onKeyDown={onKeyDown}
          aria-label="command"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          placeholder="kubectl get pods"
        />
      </label>
    </section>
  );
}

const ConsoleEntry = memo(function ConsoleEntry({ entry }: { entry: Entry }) {
  const running = entry.exitCode === undefined;
  const text = entry.chunks.map((c) => c.text).join('');
  return (
    <div className={running ? 'entry running' : 'entry'}>
      <div className="entry-head">
        <pre className="command">
          <span className="prompt" aria-hidden="true">
            ${' '}
          </span>
          {entry.command}
        </pre>
        {text && (
          <button type="button" className="copy" aria-label="Copy output" title="Copy output" onClick={() => void navigator.clipboard?.writeText(text)}>
            Copy
          </button>
        )}
      </div>
      {running && <p className="running-note">running…</p>}
      {entry.chunks.map((c, i) => (
        <pre key={i} className={c.stream === 'err' ? 'output stderr' : 'output'}>
          {c.text}
        </pre>
      ))}
    </div>
  );
});
