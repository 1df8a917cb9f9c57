/**
 * The public dense matrix: row-major f64, `data[i * cols + j]` is entry (i, j).
 * Records are plain and immutable by convention: functions return new matrices and never
 * mutate their inputs.
 */
import { ShapeError } from '../errors.js';
import { assertFinite, assertInteger } from '../validate.js';

/** A row-major rows×cols matrix of f64. */
export interface Matrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** The rows·cols entries, row-major: entry (i, j) at `data[i * cols + j]`. */
  readonly data: Float64Array;
}

/** A rows×cols matrix over `data` (copied when given; zeros otherwise). */
export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  assertInteger('rows', rows, 0);
  assertInteger('cols', cols, 0);
  if (data !== undefined && data.length !== rows * cols) {
    throw new ShapeError(`a ${rows}×${cols} matrix needs ${rows * cols} values, got ${data.length}`);
  }
  return { rows, cols, data: data === undefined ? new Float64Array(rows * cols) : Float64Array.from(data) };
}

/** A matrix from an array of equal-length rows. */
export function fromRows(rowsData: ReadonlyArray<ArrayLike<number>>): Matrix {
  const rows = rowsData.length;
  const cols = rows === 0 ? 0 : rowsData[0].length;
  const data = new Float64Array(rows * cols);
  rowsData.forEach((r, i) => {
    if (r.length !== cols) throw new ShapeError(`row ${i} has ${r.length} entries, row 0 has ${cols}`);
    data.set(Array.from(r), i * cols);
  });
  return { rows, cols, data };
}

/** The rows of `a` as plain arrays. */
export function toRows(a: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}

/** The n×n identity. */
export function identity(n: number): Matrix {
  const a = matrix(n, n);
  for (let i = 0; i < n; i++) a.data[i * n + i] = 1;
  return a;
}

/** Throws ShapeError unless `a` is square; `name` is used in the message. */
export function assertSquare(name: string, a: Matrix): void {
  if (a.rows !== a.cols) throw new ShapeError(`${name} must be square, got ${a.rows}×${a.cols}`);
}

/**
 * Throws ShapeError unless `a` is a well-formed Matrix (non-negative integer dimensions and
 * `data.length === rows · cols`), and NonFiniteError at its first NaN/±Infinity entry.
 */
export function assertMatrix(name: string, a: Matrix): void {
  if (a === null || typeof a !== 'object' || !Number.isInteger(a.rows) || !Number.isInteger(a.cols) || a.rows < 0 || a.cols < 0) {
    throw new ShapeError(`${name} must be a Matrix {rows, cols, data}, got ${String(a)}`);
  }
  if (a.data === undefined || a.data.length !== a.rows * a.cols) {
    throw new ShapeError(`${name} is ${a.rows}×${a.cols} but holds ${a.data?.length} values (need ${a.rows * a.cols})`);
  }
  assertFinite(name, a.data);
}
