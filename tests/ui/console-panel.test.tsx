// @vitest-environment happy-dom
/** The console panel as a user drives it: type, Enter, Tab, Up, clear; the engine here runs in-process. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ConsolePanel } from '../../src/ui/console/ConsolePanel';
import { useCluster } from '../../src/ui/state/cluster-store';

const cluster = vi.hoisted(() => ({ current: undefined as any }));

vi.mock('../../src/ui/engine', async () => {
  const { createCluster } = await import('../../src/engine');
  cluster.current = createCluster({ seed: 1 });
  const c = cluster.current;
  return {
    engine: () => ({
      kubectl: async (line: string, stdin?: string) => c.kubectl(line, stdin),
      sim: async (line: string) => c.sim(line),
      request: async (req: any) => c.request(req),
    }),
  };
});

function mirror() {
  const byKind: Record<string, Record<string, any>> = {};
  for (const path of ['/api/v1/pods', '/api/v1/nodes', '/api/v1/namespaces']) {
    for (const o of cluster.current.request({ method: 'GET', path }).body.items) {
      const kind = path.endsWith('pods') ? 'Pod' : path.endsWith('nodes') ? 'Node' : 'Namespace';
      (byKind[kind] ??= {})[`${o.metadata.namespace ?? ''}/${o.metadata.name}`] = o;
    }
  }
  useCluster.setState({ status: 'ready', byKind });
}

const input = () => screen.getByLabelText('command') as HTMLTextAreaElement;
function type(text: string) {
  fireEvent.change(input(), { target: { value: text } });
  input().setSelectionRange(text.length, text.length);
}
const press = (key: string, opts: object = {}) => fireEvent.keyDown(input(), { key, ...opts });
const log = () => screen.getByRole('log');

beforeAll(() => localStorage.clear());
afterEach(cleanup);

describe('console panel', () => {
  it('runs kubectl, shows its output and stderr apart, and recalls commands with Up', async () => {
    render(<ConsolePanel />);
    type('kubectl get nodes');
    press('Enter');
    expect(input().value).toBe('');
    await waitFor(() => expect(log().textContent).toContain('worker-3'));
    type('kubectl get pods nope');
    press('Enter');
    await waitFor(() => expect(log().querySelector('.stderr')?.textContent).toBe('Error from server (NotFound): pods "nope" not found\n'));
    press('ArrowUp');
    expect(input().value).toBe('kubectl get pods nope');
    press('ArrowUp');
    expect(input().value).toBe('kubectl get nodes');
    press('ArrowDown');
    press('ArrowDown');
    expect(input().value).toBe('');
  });

  it('completes with Tab once discovery is read, and lists several candidates', async () => {
    mirror();
    render(<ConsolePanel />);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    type('kubectl get po');
    press('Tab');
    expect(input().value).toBe('kubectl get pods ');
    // Completing in the middle of a line: the caret is placed after the completion at once, not a frame later.
    type('kubectl get po -o wide');
    input().setSelectionRange(14, 14);
    press('Tab');
    expect(input().value).toBe('kubectl get pods  -o wide');
    expect([input().selectionStart, input().selectionEnd]).toEqual([17, 17]);
    type('kubectl get nodes worker-');
    press('Tab');
    expect(screen.getByLabelText('completions').textContent).toBe('worker-1worker-2worker-3');
    press('Escape');
    expect(screen.queryByLabelText('completions')).toBeNull();
    type('');
    expect(fireEvent.keyDown(input(), { key: 'Tab' })).toBe(true); // not prevented: focus moves on
  });

  it('continues a here-document on Enter, and clear empties the scrollback', async () => {
    render(<ConsolePanel />);
    type('kubectl apply -f - <<EOF');
    press('Enter');
    expect(input().value).toBe('kubectl apply -f - <<EOF'); // the browser inserts the newline: the command goes on
    type('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\nEOF');
    press('Enter');
    await waitFor(() => expect(log().textContent).toContain('namespace/shop created'));
    type('clear');
    press('Enter');
    await waitFor(() => expect(log().querySelectorAll('.entry')).toHaveLength(0));
    type('kubectl get ns shop -o name');
    press('Enter');
    await waitFor(() => expect(log().textContent).toContain('namespace/shop'));
    press('l', { ctrlKey: true });
    expect(log().querySelectorAll('.entry')).toHaveLength(0);
  });
});
