/**
 * Queries of a Cholesky factorisation A (+ jitter·I) = L Lᵀ: solving A x = b by forward then
 * back substitution, and log det A = 2 Σ log L_ii (docs/theory.md#complexity uses the factor for ỹᵀ(H∞)⁻¹ỹ).
 */
import { getBackend } from '../backend/backend.js';
import { cholLogDet } from '../backend/ts/potrf.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import type { CholeskyFactor } from './cholesky.js';
import type { Matrix } from './matrix.js';
import type { LinalgOptions } from './options.js';
import { solveWithLowerFactor, type RightHandSide } from './triangular.js';

/** Throws ShapeError unless `chol` has the shape of a CholeskyFactor (n and an n×n factor). */
function assertFactor(chol: CholeskyFactor): void {
  const f = chol?.factor;
  if (f === undefined || f.rows !== chol.n || f.cols !== chol.n || f.data?.length !== chol.n * chol.n) {
    throw new ShapeError('expected a CholeskyFactor returned by cholesky(A)');
  }
}

/**
 * x = (L Lᵀ)⁻¹ b: solves L y = b, then Lᵀ x = y. b is a vector (returns a Float64Array) or an
 * n×k Matrix of right-hand sides (returns an n×k Matrix). With jitter, this solves
 * (A + jitter·I) x = b — the matrix that was factored.
 */
export function choleskySolve(chol: CholeskyFactor, b: ArrayLike<number>, opts?: LinalgOptions): Float64Array;
export function choleskySolve(chol: CholeskyFactor, b: Matrix, opts?: LinalgOptions): Matrix;
export function choleskySolve(chol: CholeskyFactor, b: RightHandSide, opts: LinalgOptions = {}): Float64Array | Matrix {
  assertFactor(chol);
  return solveWithLowerFactor(getBackend(opts.backend), chol.factor.data, chol.n, b, [0, 1]);
}

/**
 * log det(L Lᵀ) = 2 Σ_i log L_ii, summed in index order with the portable log, so the value
 * is the same bits on every engine and backend: it runs the TS twin of the `cholLogDet` kernel
 * directly on the factor's data (bit-equal to the wasm kernel, and no copy into a heap).
 */
export function logDet(chol: CholeskyFactor): number {
  assertFactor(chol);
  const value = cholLogDet(chol.factor.data, chol.n, 0, chol.n);
  // finite iff every L_ii is a finite number > 0 (log of a positive finite double is finite)
  if (!Number.isFinite(value)) {
    throw new InvalidArgumentError(
      `logDet needs a factor whose diagonal entries are finite and > 0 (got log det = ${value}); use cholesky(A)`,
    );
  }
  return value;
}
