/** Apply the editor's text as `kubectl apply -f -` does with it on stdin, and place the errors in the text. */
import type { CommandResult } from '../../engine/types';
import { engine } from '../engine';
import { applyDiagnostics, type ApplyDiagnostic } from './apply-diagnostics';

export const APPLY_COMMAND = 'kubectl apply -f -';

export interface ApplyOutcome {
  result: CommandResult;
  diagnostics: ApplyDiagnostic[];
}

export async function applyManifest(text: string): Promise<ApplyOutcome> {
  const result = await engine().kubectl(APPLY_COMMAND, text);
  return { result, diagnostics: result.exitCode === 0 ? [] : applyDiagnostics(text, result.stderr) };
}
