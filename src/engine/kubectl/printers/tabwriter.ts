/**
 * Go's text/tabwriter as kubectl configures it (printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3, ' ').
 * Cells end at a tab; the last cell of a line is not aligned. Columns are formatted in blocks of consecutive lines
 * that have a cell in that column, exactly as the Go algorithm does, so ragged input aligns the same way.
 */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

export const KUBECTL_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };
/** The tabwriter kubectl describe, rollout history and config commands use: Init(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Align `text` (lines of tab-separated cells) as one tabwriter flush. */
export function tabwrite(text: string, opts: TabwriterOptions = KUBECTL_TABWRITER): string {
  if (text === '') return '';
  const endsWithNewline = text.endsWith('\n');
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  const lines = rawLines.map((l) => l.split('\t'));
  const widths: number[] = [];
  let out = '';

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      line.forEach((cell, j) => {
        out += cell;
        if (j < widths.length && j < line.length - 1) out += ' '.repeat(Math.max(0, widths[j] - runeWidth(cell)));
      });
      if (i + 1 < lines.length || endsWithNewline) out += '\n';
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let row = line0; row < line1; row++) {
      if (column >= lines[row].length - 1) continue;
      writeLines(line0, row);
      line0 = row;
      let width = opts.minwidth;
      for (; row < line1; row++) {
        const line = lines[row];
        if (column >= line.length - 1) break;
        const w = runeWidth(line[column]) + opts.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, row);
      widths.pop();
      line0 = row;
      row--; // the for loop's increment must not skip the line that ended the block
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out;
}
