/** Go templates for `kubectl get -o go-template=...` / `--template`, with kubectl's error texts. */
import { TemplateSyntaxError } from './lexer';
import { parseTemplate, type TNode } from './parser';
import { executeTemplate, TemplateExecError } from './exec';

/** `template: output:LINE:COL`, as text/template's ErrorContext locates a position. */
function location(text: string, pos: number, withColumn: boolean): string {
  const before = text.slice(0, pos);
  const line = 1 + (before.match(/\n/g)?.length ?? 0);
  const nl = before.lastIndexOf('\n');
  const col = nl < 0 ? pos : pos - nl - 1;
  return withColumn ? `output:${line}:${col}` : `output:${line}`;
}

export class GoTemplate {
  private readonly nodes: TNode[];

  /** Throws Error(`template: output:1: ...`) when the template does not parse. */
  constructor(readonly text: string) {
    try {
      this.nodes = parseTemplate(text);
    } catch (e) {
      if (e instanceof TemplateSyntaxError) throw new Error(`template: ${location(text, e.pos, false)}: ${e.message}`, { cause: e });
      throw e;
    }
  }

  /** The output, or an Error with text/template's `template: output:1:2: executing "output" at <.x>: ...`. */
  execute(data: unknown): { out: string; error?: string } {
    try {
      return { out: executeTemplate(this.nodes, data) };
    } catch (e) {
      if (e instanceof TemplateExecError) {
        return {
          out: e.partial,
          error: `template: ${location(this.text, e.pos, true)}: executing "output" at <${e.context}>: ${e.message}`,
        };
      }
      throw e;
    }
  }
}
