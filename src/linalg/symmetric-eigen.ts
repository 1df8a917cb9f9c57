/**
 * The symmetric eigendecomposition A = V diag(λ) Vᵀ (λ ascending, V orthogonal) on the
 * backend's kernels, in three steps (Golub & Van Loan, Matrix Computations, 4th ed., §8.3):
 *   1. `sytrd` (assembly/sytrd.ts): Householder reduction T = Qᵀ A Q, T tridiagonal;
 *   2. `orgtrT`: the explicit Qᵀ;
 *   3. `steqr` (assembly/steqr.ts): implicit QL with Wilkinson shifts on T (EISPACK tql2),
 *      its rotations applied to the rows of Qᵀ, which become the eigenvectors.
 * A is first multiplied by a power of two 2^−s so that max|A_ij| < 1 (exact, so no overflow in
 * the sums of squares), and the eigenvalues are multiplied back by 2^s (exact). The result is
 * the same bits on the wasm core and its TS twin, in every engine.
 *
 * Accuracy (backward stable, GVL §8.3.4): the computed pairs satisfy
 * ‖A V − V Λ‖_F ≤ c·n·ε·‖A‖_F and ‖VᵀV − I‖_F ≤ c·n·ε with a modest c; the tests assert c = 1
 * (test/linalg/symmetric-eigen.test.ts). Eigenvalues are accurate to about n·ε·‖A‖ in
 * absolute terms; eigenvectors of close eigenvalues are only determined up to a rotation
 * within their cluster.
 */
import { getBackend } from '../backend/backend.js';
import { ConvergenceError, InvalidArgumentError } from '../errors.js';
import { exactPowerOfTwo, highWord } from '../numeric/float-bits.js';
import { assertInteger } from '../validate.js';
import { assertMatrix, assertSquare, type Matrix } from './matrix.js';
import { assertFiniteResult, type LinalgOptions } from './options.js';

/** Default bound of the QL iteration: this many sweeps per eigenvalue, counted in total (LAPACK dsteqr's 30·n). */
export const EIGEN_SWEEPS_PER_EIGENVALUE = 30;

/** Default of `SymmetricEigenOptions.symmetryTolerance`. */
export const DEFAULT_SYMMETRY_TOLERANCE = 1e-12;

/** Options of `symmetricEigen`. */
export interface SymmetricEigenOptions extends LinalgOptions {
  /**
   * Largest accepted |A_ij − A_ji| relative to max|A_ij| (default 1e−12). Only the upper
   * triangle (j ≥ i) is used, so a larger tolerance means A's lower triangle is ignored.
   */
  readonly symmetryTolerance?: number;
  /** The QL iteration gives up (ConvergenceError) after this many sweeps times n in total (default 30). */
  readonly sweepsPerEigenvalue?: number;
}

/** A symmetric eigendecomposition A = V diag(values) Vᵀ (immutable record). */
export interface SymmetricEigen {
  /** Order of the matrix. */
  readonly n: number;
  /** The eigenvalues in ascending order. */
  readonly values: Float64Array;
  /** The orthonormal eigenvectors as the COLUMNS of an n×n matrix: column i belongs to values[i]. */
  readonly vectors: Matrix;
}

/** Throws InvalidArgumentError at the least symmetric pair when it exceeds tolerance·max|A_ij|. */
function assertSymmetric(a: Matrix, amax: number, tolerance: number): void {
  const n = a.rows;
  let worst = 0;
  let at = [0, 0];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gap = Math.abs(a.data[i * n + j] - a.data[j * n + i]);
      if (gap > worst) [worst, at] = [gap, [i, j]];
    }
  }
  if (worst > tolerance * amax) {
    const [i, j] = at;
    throw new InvalidArgumentError(
      `A must be symmetric: A[${i}][${j}] = ${a.data[i * n + j]} but A[${j}][${i}] = ${a.data[j * n + i]} ` +
        `(|difference| ${worst.toExponential(3)} > symmetryTolerance ${tolerance} × max|A| ${amax.toExponential(3)}); ` +
        'pass (A + Aᵀ)/2, or raise symmetryTolerance to use the upper triangle as it is',
    );
  }
}

/** The exponent s with 2^(s−1) ≤ x < 2^s for a finite x > 0 (subnormals: s = −1022). */
function binaryExponentAbove(x: number): number {
  return Math.max(((highWord(x) >>> 20) & 0x7ff) - 1022, -1022);
}

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors of the real symmetric matrix A.
 * A is not mutated. Throws ShapeError (not square), NonFiniteError (NaN/±Infinity),
 * InvalidArgumentError (A not symmetric within `symmetryTolerance`), and ConvergenceError when
 * the QL iteration has not isolated every eigenvalue after `sweepsPerEigenvalue`·n sweeps
 * (default 30·n, LAPACK's bound; random matrices of order 50 and 200 needed 2n–3n).
 */
export function symmetricEigen(a: Matrix, opts: SymmetricEigenOptions = {}): SymmetricEigen {
  assertMatrix('A', a);
  assertSquare('A', a);
  const tolerance = opts.symmetryTolerance ?? DEFAULT_SYMMETRY_TOLERANCE;
  if (typeof tolerance !== 'number' || !(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new InvalidArgumentError(`symmetryTolerance must be a finite number >= 0, got ${String(tolerance)}`);
  }
  const n = a.rows;
  let amax = 0;
  for (let i = 0; i < n * n; i++) amax = Math.max(amax, Math.abs(a.data[i]));
  assertSymmetric(a, amax, tolerance);
  const s = amax === 0 ? 0 : binaryExponentAbove(amax);
  const down = exactPowerOfTwo(-s);
  const b = getBackend(opts.backend);
  const perEigenvalue = opts.sweepsPerEigenvalue ?? EIGEN_SWEEPS_PER_EIGENVALUE;
  assertInteger('sweepsPerEigenvalue', perEigenvalue, 0);
  const maxSweeps = perEigenvalue * n;
  const { d, rows, failed } = b.heap.scope((sc) => {
    const pa = sc.put(a.data);
    const f = b.heap.f64;
    for (let i = 0; i < n * n; i++) f[pa + i] *= down;
    const [pd, pe, ptau, pw, pq] = [sc.alloc(n), sc.alloc(n), sc.alloc(n), sc.alloc(n), sc.alloc(n * n)];
    b.kernels.sytrd(n, pa, n, pd, pe, ptau, pw);
    b.kernels.orgtrT(n, pa, n, ptau, pq, n);
    const failed = b.kernels.steqr(n, pd, pe, pq, n, maxSweeps);
    return { d: b.heap.read(pd, n), rows: b.heap.read(pq, n * n), failed };
  });
  if (failed >= 0) {
    throw new ConvergenceError(
      `symmetricEigen: the implicit QL iteration did not isolate eigenvalue ${failed} of ${n} within ` +
        `${maxSweeps} sweeps (${perEigenvalue}·n); raise sweepsPerEigenvalue (default ${EIGEN_SWEEPS_PER_EIGENVALUE}), or check the entries of A`,
      maxSweeps,
    );
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[i] - d[j] || i - j);
  const values = Float64Array.from(order, (i) => d[i] / down); // exact: down is a power of two
  assertFiniteResult('an eigenvalue of A', values);
  const vectors = new Float64Array(n * n);
  order.forEach((src, col) => {
    for (let r = 0; r < n; r++) vectors[r * n + col] = rows[src * n + r];
  });
  return Object.freeze({ n, values, vectors: Object.freeze({ rows: n, cols: n, data: vectors }) });
}
