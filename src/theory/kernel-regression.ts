/**
 * Kernel (ridge) regression with a given kernel matrix: coefficients α = (K + λI)⁻¹ỹ by
 * Cholesky (λ ≥ 0; λ = 0 interpolates the training targets), predictions K(x, X)·α. The NTK
 * predictor (src/theory/predictor.ts) runs it with H∞ or the empirical NTK (claim 5 of docs/experiments.md).
 */
import type { BackendChoice } from '../backend/backend.js';
import { InvalidArgumentError, NonFiniteError, ShapeError } from '../errors.js';
import type { JitterUsed } from '../linalg/cholesky.js';
import { HeapCholesky } from '../linalg/heap-cholesky.js';
import { assertMatrix, type Matrix } from '../linalg/matrix.js';
import { matvec } from '../linalg/matvec.js';
import { assertTargets } from './kernel-matrix.js';
import { factorKernel } from './kernel-factor.js';
import { assertOptions } from '../validate.js';

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
  /** min_p R_pp² / max_i (K + ridge·I)_ii: how far the factorisation stayed from the singularity threshold n·ε. */
  readonly smallestPivotRatio: number;
}

/**
 * Fits α = (K + ridge·I)⁻¹ ỹ by Cholesky of K + ridge·I and two triangular solves. `k` is the
 * kernel matrix (factored here) or a factor of K + ridge·I (reused; its shift is the ridge and
 * `opts.ridge`/`jitter` are not used). Throws ShapeError / NonFiniteError /
 * InvalidArgumentError on bad input and NotPositiveDefiniteError (naming the pivot) when
 * K + ridge·I cannot be factored (a pivot at or below n·ε·max diag counts as singular).
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
export function fitKernelRegression(k: Matrix | HeapCholesky, targets: ArrayLike<number>, opts: KernelRegressionOptions = {}): KernelRegression {
  assertOptions("fitKernelRegression's options", opts);
  if (k instanceof HeapCholesky) return fromFactor(k, targets);
  const ridge = resolveRidge(opts);
  if (k !== null && typeof k === 'object' && Number.isInteger(k.rows)) assertTargets('targets', targets, k.rows);
  const factor = factorKernel('K', k, { shift: ridge, jitter: opts.jitter === true, backend: opts.backend });
  try {
    return fromFactor(factor, targets);
  } finally {
    factor.dispose();
  }
}

/** The ridge of the options (default 0); InvalidArgumentError unless a finite number ≥ 0. */
export function resolveRidge(opts: KernelRegressionOptions): number {
  const ridge = opts.ridge ?? 0;
  if (typeof ridge !== 'number' || !Number.isFinite(ridge) || ridge < 0) {
    throw new InvalidArgumentError(`ridge must be a finite number >= 0, got ${String(ridge)}`);
  }
  return ridge;
}

/** α = R⁻ᵀR⁻¹ỹ from a live factor of K + ridge·I. */
function fromFactor(factor: HeapCholesky, targets: ArrayLike<number>): KernelRegression {
  const n = factor.n;
  assertTargets('targets', targets, n);
  const coefficients = factor.solve(targets);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(coefficients[i])) {
      throw new NonFiniteError(`kernel regression coefficients overflowed at ${i}: K is too close to singular; use a ridge > 0`, i, coefficients[i]);
    }
  }
  const { jitter, lambda, smallestPivotRatio } = factor;
  return Object.freeze({ n, coefficients, ridge: factor.shift, jitter, lambda, smallestPivotRatio });
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
