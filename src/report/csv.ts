/** Measurement tables as CSV (RFC 4180 quoting; numbers written with full precision). */
import type { Row } from '../experiments/result.js';

function cell(v: number | string): string {
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text of rows; the header is the union of keys in first-seen order. */
export function toCsv(rows: readonly Row[]): string {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  const lines = [keys.map(cell).join(',')];
  for (const r of rows) lines.push(keys.map((k) => (r[k] === undefined ? '' : cell(r[k]))).join(','));
  return lines.join('\n') + '\n';
}
