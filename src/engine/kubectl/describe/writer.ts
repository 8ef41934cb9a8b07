/** kubectl's PrefixWriter over a tabwriter: indentation levels of two spaces, Flush to end an alignment block. */
import { tabwrite } from './tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

export class PrefixWriter {
  private segments: string[] = [];
  private buf = '';

  /** Text at an indentation level (the prefix goes before the text, as fmt.Sprintf(prefix+format)). */
  write(level: number, text: string): void {
    this.buf += '  '.repeat(level) + text;
  }

  /** fmt.Sprintln of the text: no indentation, a newline at the end. */
  writeLine(text = ''): void {
    this.buf += text + '\n';
  }

  /** Tabwriter.Flush: what was written so far is aligned on its own. */
  flush(): void {
    this.segments.push(this.buf);
    this.buf = '';
  }

  toString(): string {
    return [...this.segments, this.buf].map((s) => tabwrite(s)).join('');
  }
}

/** tabbedString: run the describe function and return the aligned text. */
export function tabbed(fn: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  fn(w);
  return w.toString();
}
