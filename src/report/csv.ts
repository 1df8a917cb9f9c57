/** Measurement tables as CSV (RFC 4180 quoting; numbers written with full precision). */
import type { Row } from '../experiments/result.js';

function cell(v: number | string): string {
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The columns of a table: the union of its rows' keys in first-seen order (rows may differ). */
export function columnsOf(rows: readonly Row[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r)))];
}

/** CSV text of rows; the header is {@link columnsOf} the rows. */
export function toCsv(rows: readonly Row[]): string {
  const keys = columnsOf(rows);
  const lines = [keys.map(cell).join(',')];
  for (const r of rows) lines.push(keys.map((k) => (r[k] === undefined ? '' : cell(r[k]))).join(','));
  return lines.join('\n') + '\n';
}
