/**
 * The manifest editor's buffer, kept outside the editor so it survives tab switches, and the way other panels put text
 * in it. This file must not import Monaco: the details panel imports it from the initial bundle.
 */
import { create } from 'zustand';
import { useUi } from '../state/ui-store';
import deployment from './templates/deployment.yaml?raw';

export interface EditorBuffer {
  text: string;
  setText(text: string): void;
}

export const useEditorBuffer = create<EditorBuffer>((set) => ({
  text: deployment,
  setText: (text) => set({ text }),
}));

/** Put TEXT in the editor and show the editor tab (the details panel's "Edit YAML"). */
export function openInEditor(text: string): void {
  useEditorBuffer.getState().setText(text);
  useUi.getState().setSideTab('editor');
}
