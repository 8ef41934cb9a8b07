import { describe, expect, it } from 'vitest';
import { openInEditor, useEditorBuffer } from '../../src/ui/editor/editor-buffer';
import { useUi } from '../../src/ui/state/ui-store';

describe('the editor buffer', () => {
  it('starts with a Deployment a student can apply as it is', () => {
    expect(useEditorBuffer.getState().text).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
  });

  it('openInEditor puts the text in the editor and shows the editor tab', () => {
    useUi.getState().setSideTab('details');
    openInEditor('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    expect(useEditorBuffer.getState().text).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    expect(useUi.getState().sideTab).toBe('editor');
  });
});
