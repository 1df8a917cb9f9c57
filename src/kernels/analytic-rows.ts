/**
 * A block of rows [start, end) of the analytic kernel H∞ (docs/theory.md#tangent-kernel) of a batch, with the same
 * bits as those rows of `analyticNtk(x).H`: so that a kernel too large for one machine can be
 * computed as shards by a job array (`rnn-ntk kernel --rows a:b`) and assembled elsewhere.
 *
 * Why the bits agree: every off-diagonal entry is computed from the pair (x_i, x_j) by an
 * operation sequence that is symmetric in i and j (products commute, sums run over the same
 * index order), so the cross kernel H∞(x[a:b], x[c:e]) equals those entries of the full
 * kernel; the diagonal block is computed as the square kernel of x[a:b], whose diagonal the
 * kernel sets exactly as the full kernel does (ρ = 1). The block is assembled from the three
 * pieces left of, on and right of the diagonal block.
 */
import type { SequenceBatch } from '../data/sequences.js';
import { InvalidArgumentError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { analyticNtk, type AnalyticNtkOptions } from './analytic.js';

/** Sequences [start, end) of x as a batch (a view of its data). */
function slice(x: SequenceBatch, start: number, end: number): SequenceBatch {
  const size = x.L * x.d;
  return { n: end - start, L: x.L, d: x.d, data: x.data.subarray(start * size, end * size) };
}

/**
 * Rows [start, end) of H∞(x): an (end − start)×n Matrix equal bit for bit to those rows of
 * `analyticNtk(x, opts).H`. Options as analyticNtk's init, m and backend. Throws
 * InvalidArgumentError unless 0 ≤ start < end ≤ x.n, and analyticNtk's errors.
 */
export function analyticNtkRows(
  x: SequenceBatch, start: number, end: number, opts: Pick<AnalyticNtkOptions, 'init' | 'm' | 'backend'> = {},
): Matrix {
  const n = x?.n;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > n) {
    throw new InvalidArgumentError(`rows ${start}:${end} must satisfy 0 <= start < end <= n = ${n} (integers)`);
  }
  const base = { init: opts.init, m: opts.m, backend: opts.backend };
  const rows = slice(x, start, end);
  const pieces: Array<[number, Matrix]> = [[start, analyticNtk(rows, base).H]];
  if (start > 0) pieces.push([0, analyticNtk(rows, { ...base, other: slice(x, 0, start) }).H]);
  if (end < n) pieces.push([end, analyticNtk(rows, { ...base, other: slice(x, end, n) }).H]);
  const m = end - start;
  const data = new Float64Array(m * n);
  for (const [col, piece] of pieces) {
    for (let i = 0; i < m; i++) data.set(piece.data.subarray(i * piece.cols, (i + 1) * piece.cols), i * n + col);
  }
  return Object.freeze({ rows: m, cols: n, data });
}
