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
  return gemvProduct(a, x, false, opts);
}

/** y = Aᵀ x for A m×n and x of length m; returns y of length n. */
export function matvecTransposed(a: Matrix, x: ArrayLike<number>, opts: LinalgOptions = {}): Float64Array {
  return gemvProduct(a, x, true, opts);
}

/** op(A) x through the gemv (op(A) = A) or gemvT (op(A) = Aᵀ) kernel, with the boundary checks. */
function gemvProduct(a: Matrix, x: ArrayLike<number>, transposed: boolean, opts: LinalgOptions): Float64Array {
  assertMatrix('A', a);
  const [inLength, outLength] = transposed ? [a.rows, a.cols] : [a.cols, a.rows];
  assertVector('x', x, inLength);
  const { heap, kernels } = getBackend(opts.backend);
  const y = heap.scope((s) => {
    const pa = s.put(a.data);
    const px = s.put(x);
    const py = s.alloc(outLength);
    const gemv = transposed ? kernels.gemvT : kernels.gemv;
    gemv(a.rows, a.cols, 1, pa, a.cols, px, 0, py);
    return heap.read(py, outLength);
  });
  assertFiniteResult(transposed ? 'Aᵀ·x' : 'A·x', y);
  return y;
}
