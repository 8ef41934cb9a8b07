/**
 * metricsutil.TopCmdPrinter: `NAME CPU(cores) CPU(%) MEMORY(bytes) MEMORY(%)` for nodes, `NAME CPU(cores)
 * MEMORY(bytes)` for pods. Every cell is tab-terminated and written through cli-runtime's tabwriter (minwidth 6,
 * padding 3), so each line ends with the last column's padding, as the real output does.
 */
import { parseQuantity } from '../../api/quantity';

export const NODE_COLUMNS = ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'];
export const POD_COLUMNS = ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];

const MIN_WIDTH = 6;
const PADDING = 3;

/** Quantity.MilliValue(): rounds up to a whole milli-unit. */
export function milliValue(q: string | undefined): number {
  const v = parseQuantity(q ?? '0') ?? 0;
  return Math.ceil(Math.round(v * 1e9) / 1e6);
}

/** Quantity.Value(): rounds up to a whole unit. */
export function value(q: string | undefined): number {
  return Math.ceil(parseQuantity(q ?? '0') ?? 0);
}

export interface Usage {
  cpu: string;
  memory: string;
}

/** The CPU and memory cells (`12m`, `40Mi`), each followed by a percentage of `available` when given. */
export function usageCells(usage: Usage, available?: Usage): string[] {
  const cpu = milliValue(usage.cpu);
  const memory = value(usage.memory);
  const cells = [`${cpu}m`];
  if (available) cells.push(`${percent(cpu, milliValue(available.cpu))}%`);
  cells.push(`${Math.floor(memory / (1024 * 1024))}Mi`);
  if (available) cells.push(`${percent(memory * 1000, milliValue(available.memory))}%`);
  return cells;
}

function percent(used: number, available: number): number {
  return available === 0 ? 0 : Math.trunc((used / available) * 100);
}

/** Rows of tab-terminated cells aligned as one tabwriter block. */
export function alignRows(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? MIN_WIDTH, [...c].length + PADDING)));
  return rows.map((row) => row.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join('') + '\n').join('');
}
