/**
 * Kernel (ridge) regression with a given kernel matrix: coefficients α = (K + λI)⁻¹ỹ by
 * Cholesky (λ ≥ 0; λ = 0 interpolates the training targets), predictions K(x, X)·α. The NTK
 * predictor (src/theory/predictor.ts) runs it with H∞ or the empirical NTK (claim 5 of docs/experiments.md).
 */
import { getBackend, type BackendChoice } from '../backend/backend.js';
import { InvalidArgumentError, NonFiniteError, ShapeError } from '../errors.js';
import type { JitterUsed } from '../linalg/cholesky.js';
import { assertMatrix, type Matrix } from '../linalg/matrix.js';
import { matvec } from '../linalg/matvec.js';
import { assertKernelMatrix, assertTargets } from './kernel-matrix.js';
import { choleskyForwardSolve } from './kernel-solve.js';

/** Options of `fitKernelRegression`. */
export interface KernelRegressionOptions {
  /** Ridge λ ≥ 0 added to the diagonal (default 0: interpolation). */
  readonly ridge?: number;
  /** Allow the jitter of docs/theory.md#jitter when K + λI is not numerically positive definite (default false). */
  readonly jitter?: boolean;
  /** Backend that runs the kernels (default 'auto'). */
  readonly backend?: BackendChoice;
}

/** A fitted kernel regression (immutable). */
export interface KernelRegression extends JitterUsed {
  /** Number of training points n. */
  readonly n: number;
  /** α = (K + ridge·I + jitter·I)⁻¹ ỹ. */
  readonly coefficients: Float64Array;
  /** The ridge λ ≥ 0 added to the diagonal. */
  readonly ridge: number;
}

/**
 * Fits α = (K + ridge·I)⁻¹ ỹ by Cholesky of K + ridge·I and two triangular solves. Throws
 * ShapeError / NonFiniteError / InvalidArgumentError on bad input and NotPositiveDefiniteError
 * (naming the pivot) when K + ridge·I cannot be factored.
 *
 * Docs: docs/theory.md#kernel-regression.
 *
 * @example
 * ```ts
 * import { fitKernelRegression, fromRows, predictKernelRegression } from 'rnn-ntk';
 *
 * const fit = fitKernelRegression(fromRows([[2, 1], [1, 2]]), [1, -1]);
 * console.log(fit.coefficients); // α = K⁻¹ỹ ≈ [1, −1]
 * console.log(predictKernelRegression(fit, fromRows([[1, 0]]))); // f(z) = K(z, x)·α ≈ [1]
 * ```
 */
export function fitKernelRegression(k: Matrix, targets: ArrayLike<number>, opts: KernelRegressionOptions = {}): KernelRegression {
  assertKernelMatrix('K', k);
  const n = k.rows;
  assertTargets('targets', targets, n);
  const ridge = opts.ridge ?? 0;
  if (typeof ridge !== 'number' || !Number.isFinite(ridge) || ridge < 0) {
    throw new InvalidArgumentError(`ridge must be a finite number >= 0, got ${String(ridge)}`);
  }
  const b = getBackend(opts.backend);
  const factorOptions = { shift: ridge, jitter: opts.jitter === true };
  const { result: coefficients, used } = choleskyForwardSolve(b, k, targets, factorOptions, (factor, z) => {
    b.kernels.trsv(n, factor, n, z, 1); // α = R⁻ᵀ z
    return b.heap.read(z, n);
  });
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(coefficients[i])) {
      throw new NonFiniteError(`kernel regression coefficients overflowed at ${i}: K is too close to singular; use a ridge > 0`, i, coefficients[i]);
    }
  }
  return Object.freeze({ n, coefficients, ridge, ...used });
}

/** Predictions K(x, X)·α for a test × train kernel (rows: new points, columns: the n training points). */
export function predictKernelRegression(fit: KernelRegression, cross: Matrix, opts: { backend?: BackendChoice } = {}): Float64Array {
  if (fit === null || typeof fit !== 'object' || !(fit.coefficients instanceof Float64Array)) {
    throw new InvalidArgumentError('fit must be the result of fitKernelRegression');
  }
  assertMatrix('test × train kernel', cross);
  if (cross.cols !== fit.n) {
    throw new ShapeError(`the test × train kernel must have ${fit.n} columns (one per training point), got ${cross.cols}`);
  }
  return matvec(cross, fit.coefficients, opts);
}
