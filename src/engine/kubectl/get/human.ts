/**
 * kubectl's HumanReadablePrinter for server Tables (cli-runtime printers/tableprinter.go): upper-cased headers,
 * priority-1 columns only with -o wide, NAMESPACE first with -A, kind prefixes on names when several kinds print,
 * LABELS and -L label columns from the row's object metadata.
 */
import { goValue } from '../printers/go-format';

export interface TableColumn {
  name: string;
  type: string;
  format?: string;
  priority?: number;
}

export interface TableRow {
  cells: unknown[];
  object?: { metadata?: { namespace?: string; labels?: Record<string, string> } };
}

export interface Table {
  columnDefinitions: TableColumn[];
  rows: TableRow[];
}

export interface HumanOptions {
  wide: boolean;
  noHeaders: boolean;
  withNamespace: boolean;
  /** `deployment.apps` when names are printed as `deployment.apps/web`. */
  kindPrefix?: string;
  showLabels: boolean;
  labelColumns: string[];
}

/** labels.FormatLabels: `a=1,b=2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

function labelHeaders(columnLabels: string[]): string[] {
  return columnLabels.map((l) => {
    const parts = l.split('/');
    return parts[parts.length - 1].toUpperCase();
  });
}

const escapeTerminal = (s: string) => s.split('\u001b').join('^[').replace(/\r/g, '\\r');

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    const brk = cell.search(/[\f\n\r]/);
    return brk >= 0 ? escapeTerminal(cell.slice(0, brk)) + '...' : escapeTerminal(cell);
  }
  return escapeTerminal(goValue(cell));
}

function sameColumns(a: TableColumn[] | undefined, b: TableColumn[]): boolean {
  return !!a && JSON.stringify(a) === JSON.stringify(b);
}

/** One printer per resource type: the header prints once for all tables of the same columns. */
export class HumanPrinter {
  private lastColumns: TableColumn[] | undefined;
  private printedHeaders = false;

  constructor(private readonly opts: HumanOptions) {}

  /** Tab-separated lines for one Table (to be aligned by the tabwriter with the rest of the block). */
  print(table: Table): string {
    const opts = this.opts;
    let noHeaders = opts.noHeaders;
    if (this.printedHeaders && (table.columnDefinitions.length === 0 || sameColumns(this.lastColumns, table.columnDefinitions))) {
      noHeaders = true;
    }
    let columns = table.columnDefinitions;
    if (columns.length === 0) columns = this.lastColumns ?? [];
    else if (!sameColumns(this.lastColumns, columns)) {
      this.lastColumns = columns;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;

    const { columns: decorated, rows } = decorate(columns, table.rows, opts);
    const visible = (c: TableColumn) => opts.wide || !c.priority;
    let text = '';
    if (!noHeaders) {
      if (rows.length === 0) return '';
      text += decorated.filter(visible).map((c) => c.name.toUpperCase()).join('\t') + '\n';
    }
    for (const cells of rows) {
      const out: string[] = [];
      cells.forEach((cell, i) => {
        if (i >= decorated.length) return;
        if (!visible(decorated[i])) return;
        out.push(cellText(cell));
      });
      text += out.join('\t') + '\n';
    }
    return text;
  }
}

function decorate(columns: TableColumn[], rows: TableRow[], opts: HumanOptions): { columns: TableColumn[]; rows: unknown[][] } {
  const extra: TableColumn[] = labelHeaders(opts.labelColumns).map((name) => ({ name, type: 'string' }));
  if (opts.showLabels) extra.push({ name: 'Labels', type: 'string' });
  const outColumns = [...(opts.withNamespace ? [{ name: 'Namespace', type: 'string' }] : []), ...columns, ...extra];
  const nameColumn = opts.kindPrefix ? columns.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
  const includeLabels = opts.labelColumns.length > 0 || opts.showLabels;
  const outRows = rows.map((row) => {
    const cells = [...row.cells];
    if (nameColumn >= 0) cells[nameColumn] = `${opts.kindPrefix}/${goValue(cells[nameColumn])}`;
    const meta = row.object?.metadata;
    if (!meta) {
      const padded = opts.withNamespace ? [null, ...cells] : cells;
      while (padded.length < outColumns.length) padded.push(null);
      return padded;
    }
    const out = opts.withNamespace ? [meta.namespace ?? '', ...cells] : cells;
    if (includeLabels) {
      for (const key of opts.labelColumns) out.push(meta.labels?.[key] ?? '');
      if (opts.showLabels) out.push(formatLabels(meta.labels));
    }
    return out;
  });
  return { columns: outColumns, rows: outRows };
}
