/** Short-lived notes in the graph pane: the command an action ran and what it printed. */
import { create } from 'zustand';
import { engine } from '../engine';

export interface Toast {
  id: number;
  command: string;
  output: string;
  failed: boolean;
}

interface ToastState {
  toasts: Toast[];
  dismiss(id: number): void;
}

const SHOW_MS = 7000;
const MAX = 3;
let nextId = 1;

export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

function push(toast: Omit<Toast, 'id'>): void {
  const id = nextId++;
  useToasts.setState((s) => ({
    toasts: [...s.toasts, { ...toast, id }].slice(-MAX),
  }));
  setTimeout(() => useToasts.getState().dismiss(id), SHOW_MS);
}

/** Runs a kubectl or kubeplay line through the engine and shows the command with its output. */
export async function runLine(runner: 'kubectl' | 'sim', line: string): Promise<void> {
  const result = runner === 'kubectl' ? await engine().kubectl(line) : await engine().sim(line);
  const output = `${result.stdout}${result.stderr}`.trimEnd();
  push({ command: line, output, failed: result.exitCode !== 0 });
}
