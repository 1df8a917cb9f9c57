/**
 * Matrix product C = op(A) op(B) on the chosen backend (gemm kernel, assembly/gemm.ts), with
 * op(X) = X or Xᵀ (the transpose is never formed). Inputs are copied into the backend heap and
 * never mutated; the result is a fresh Matrix.
 */
import { getBackend } from '../backend/backend.js';
import { ShapeError } from '../errors.js';
import { assertMatrix, type Matrix } from './matrix.js';
import { assertFiniteResult, type LinalgOptions } from './options.js';

/** Options of `matmul`: transpose flags and the backend. */
export interface MatmulOptions extends LinalgOptions {
  /** Use Aᵀ in place of A. */
  readonly transposeA?: boolean;
  /** Use Bᵀ in place of B. */
  readonly transposeB?: boolean;
}

/** C = op(A) op(B); op(A) must be m×k and op(B) k×n; returns the m×n product. */
export function matmul(a: Matrix, b: Matrix, opts: MatmulOptions = {}): Matrix {
  assertMatrix('A', a);
  assertMatrix('B', b);
  const tA = opts.transposeA === true;
  const tB = opts.transposeB === true;
  const [m, k] = tA ? [a.cols, a.rows] : [a.rows, a.cols];
  const [k2, n] = tB ? [b.cols, b.rows] : [b.rows, b.cols];
  if (k !== k2) {
    throw new ShapeError(
      `matmul: op(A) is ${m}×${k} but op(B) is ${k2}×${n}; the inner dimensions must agree`,
    );
  }
  const { heap, kernels } = getBackend(opts.backend);
  const data = heap.scope((s) => {
    const pa = s.put(a.data);
    const pb = s.put(b.data);
    const pc = s.alloc(m * n);
    kernels.gemm(tA ? 1 : 0, tB ? 1 : 0, m, n, k, 1, pa, a.cols, pb, b.cols, 0, pc, n);
    return heap.read(pc, m * n);
  });
  assertFiniteResult('the product', data);
  return { rows: m, cols: n, data };
}
