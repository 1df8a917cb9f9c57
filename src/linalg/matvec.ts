/**
 * Matrix–vector products y = A x and y = Aᵀ x (Aᵀ is never formed), on the chosen backend
 * (gemv / gemvT kernels, assembly/blas2.ts). Inputs are copied into the backend heap and never
 * mutated; the result is a fresh Float64Array.
 */
import { getBackend } from '../backend/backend.js';
import { assertMatrix, type Matrix } from './matrix.js';
import { assertFiniteResult, assertVector, type LinalgOptions } from './options.js';

/** y = A x for A m×n and x of length n; returns y of length m. */
export function matvec(a: Matrix, x: ArrayLike<number>, opts: LinalgOptions = {}): Float64Array {
  assertMatrix('A', a);
  assertVector('x', x, a.cols);
  const { heap, kernels } = getBackend(opts.backend);
  const y = heap.scope((s) => {
    const pa = s.put(a.data);
    const px = s.put(x);
    const py = s.alloc(a.rows);
    kernels.gemv(a.rows, a.cols, 1, pa, a.cols, px, 0, py);
    return heap.read(py, a.rows);
  });
  assertFiniteResult('A·x', y);
  return y;
}

/** y = Aᵀ x for A m×n and x of length m; returns y of length n. */
export function matvecTransposed(a: Matrix, x: ArrayLike<number>, opts: LinalgOptions = {}): Float64Array {
  assertMatrix('A', a);
  assertVector('x', x, a.rows);
  const { heap, kernels } = getBackend(opts.backend);
  const y = heap.scope((s) => {
    const pa = s.put(a.data);
    const px = s.put(x);
    const py = s.alloc(a.cols);
    kernels.gemvT(a.rows, a.cols, 1, pa, a.cols, px, 0, py);
    return heap.read(py, a.cols);
  });
  assertFiniteResult('Aᵀ·x', y);
  return y;
}
