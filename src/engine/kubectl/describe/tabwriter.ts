/**
 * Go's text/tabwriter as kubectl describe configures it (minwidth 0, tabwidth 8, padding 2, padchar ' ', no
 * flags): tab-terminated cells align in column blocks of consecutive lines; the text after a line's last tab is
 * not part of any column; a line without a tab ends the block (the writer flushes there).
 */

function width(s: string): number {
  return [...s].length;
}

function formatSegment(lines: string[][], padding: number, out: string[]): void {
  const widths: number[] = [];
  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let s = '';
      lines[i].forEach((cell, j) => {
        s += cell;
        if (j < widths.length) s += ' '.repeat(Math.max(0, widths[j] - width(cell)));
      });
      out.push(s);
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let w = 0;
      for (; t < line1; t++) {
        const line = lines[t];
        if (column >= line.length - 1) break;
        w = Math.max(w, width(line[column]) + padding);
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
}

/** Align `text` as a flushed tabwriter would. */
export function tabwrite(text: string, padding = 2): string {
  const raw = text.split('\n');
  const trailing = raw.pop()!; // text after the last newline: written without a newline
  const out: string[] = [];
  let segment: string[][] = [];
  for (const line of raw) {
    const cells = line.split('\t');
    segment.push(cells);
    if (cells.length === 1) {
      formatSegment(segment, padding, out);
      segment = [];
    }
  }
  segment.push(trailing.split('\t'));
  const tail: string[] = [];
  formatSegment(segment, padding, tail);
  const last = tail.pop()!;
  return [...out, ...tail].map((l) => l + '\n').join('') + last;
}
