/**
 * λ_min of a symmetric positive-definite kernel matrix (docs/theory.md#complexity: the conditioning of H∞ that
 * the theorems' λ0 > 0 assumption is about), by the Lanczos iteration with full
 * reorthogonalisation on H⁻¹ applied through the Cholesky factor (shift-invert at 0,
 * src/linalg/lanczos.ts): each step is one H⁻¹v = R⁻ᵀ(R⁻¹v), two triangular solves, O(n²).
 * Its step count depends on how the smallest eigenvalues stand apart from the rest of the
 * spectrum, not on the gaps among them (clustered or repeated small eigenvalues, as H∞ has,
 * made the former plain inverse iteration take hundreds of steps).
 *
 * Stopping rule and accuracy (unchanged): with the final unit vector v, w = H⁻¹v and μ = vᵀw,
 * the residual r = ‖w − μv‖ guarantees an eigenvalue of H⁻¹ in [μ − r, μ + r] (the residual
 * bound for symmetric matrices, Parlett, The Symmetric Eigenvalue Problem, Thm. 4.5.1), hence
 * an eigenvalue of H in [1/(μ + r), 1/(μ − r)]. Iteration stops when r ≤ tolerance·μ, so the
 * estimate 1/μ is within a relative tolerance/(1 − tolerance) of an eigenvalue of H; started
 * from a generic vector, the Krylov space converges to the smallest one.
 *
 * Given a factor (src/linalg/heap-cholesky.ts) it reuses it: no second factorisation.
 */
import type { BackendChoice } from '../backend/backend.js';
import { InvalidArgumentError } from '../errors.js';
import { HeapCholesky } from '../linalg/heap-cholesky.js';
import { largestEigenpair } from '../linalg/lanczos.js';
import type { Matrix } from '../linalg/matrix.js';
import { assertOptions, assertInteger } from '../validate.js';
import { factorKernel } from './kernel-factor.js';
/** Options of `smallestEigenvalue`. */
export interface SmallestEigenvalueOptions {
  /** Relative residual r/μ at which to stop (default 1e−10; must be in (0, 0.5)). */
  readonly tolerance?: number;
  /** Cap on the applications of H⁻¹ (Lanczos steps plus residual checks; default 1000). */
  readonly maxIterations?: number;
  /** Allow the jitter of docs/theory.md#jitter for the factorisation; the shift is subtracted again (default false; ignored for a factor, which carries its own). */
  readonly jitter?: boolean;
  /** Backend that runs the kernels (default 'auto'; ignored for a factor). */
  readonly backend?: BackendChoice;
  /** Called after each application of H⁻¹ with the count so far and the current relative residual estimate. */
  readonly onStep?: (iterations: number, relativeResidual: number) => void;
}

/** The estimate and its certificate. */
export interface SmallestEigenvalue {
  /** Estimated λ_min(H) = 1/μ − jitter. */
  readonly value: number;
  /** An eigenvalue of H lies in [lower, upper] (from the residual bound). */
  readonly lower: number;
  /** Upper end of that interval (∞ if r ≥ μ). */
  readonly upper: number;
  /** Final relative residual r/μ. */
  readonly relativeResidual: number;
  /** Applications of H⁻¹ (two triangular solves each): Lanczos steps plus residual checks. */
  readonly iterations: number;
  /** Whether r/μ ≤ tolerance was reached within maxIterations. */
  readonly converged: boolean;
  /** Diagonal shift used by the factorisation (0: none). */
  readonly jitter: number;
  /** min_p L_pp² / max_i H_ii of the factorisation (see CholeskyFactor.smallestPivotRatio). */
  readonly smallestPivotRatio: number;
}

/** A generic deterministic start: v_i = frac((i + 1)·φ) − 1/2 (no structure H∞ could align with). */
function startVector(n: number): Float64Array {
  const phi = (1 + Math.sqrt(5)) / 2;
  return Float64Array.from({ length: n }, (_, i) => (((i + 1) * phi) % 1) - 0.5);
}

/**
 * λ_min(H) by shift-invert Lanczos through the Cholesky factor, with the stopping rule and
 * accuracy stated in the file header. `h` is a kernel matrix (factored here) or a factor of
 * one (reused; its shift and jitter are subtracted again). Throws NotPositiveDefiniteError
 * (pivot named) when H cannot be factored, InvalidArgumentError on bad options; reports
 * `converged: false` rather than stopping silently when the cap is hit.
 *
 * @example
 * ```ts
 * import { fromRows, smallestEigenvalue } from 'rnn-ntk';
 *
 * const { value, converged } = smallestEigenvalue(fromRows([[2, 1], [1, 2]]));
 * console.log(value, converged); // ≈ 1, true
 * ```
 */
export function smallestEigenvalue(h: Matrix | HeapCholesky, opts: SmallestEigenvalueOptions = {}): SmallestEigenvalue {
  assertOptions("smallestEigenvalue's options", opts);
  const tolerance = opts.tolerance ?? 1e-10;
  if (typeof tolerance !== 'number' || !(tolerance > 0 && tolerance < 0.5)) {
    throw new InvalidArgumentError(`tolerance must be a number in (0, 0.5), got ${String(tolerance)}`);
  }
  const maxIterations = opts.maxIterations ?? 1000;
  assertInteger('maxIterations', maxIterations, 1);
  if (h instanceof HeapCholesky) return fromFactor(h, tolerance, maxIterations, opts.onStep);
  const factor = factorKernel('H', h, { jitter: opts.jitter === true, backend: opts.backend });
  try {
    return fromFactor(factor, tolerance, maxIterations, opts.onStep);
  } finally {
    factor.dispose();
  }
}

/** The Lanczos run on a live factor, mapped back to H's spectrum. */
function fromFactor(
  factor: HeapCholesky, tolerance: number, maxIterations: number, onStep: SmallestEigenvalueOptions['onStep'],
): SmallestEigenvalue {
  const pair = largestEigenpair((v) => factor.solve(v), startVector(factor.n), {
    tolerance,
    maxApplications: maxIterations,
    onStep,
  });
  const { mu, residual: r } = pair;
  const added = factor.jitter + factor.shift;
  return {
    value: 1 / mu - added,
    lower: 1 / (mu + r) - added,
    upper: r < mu ? 1 / (mu - r) - added : Infinity,
    relativeResidual: r / mu,
    iterations: pair.applications,
    converged: pair.converged,
    jitter: factor.jitter,
    smallestPivotRatio: factor.smallestPivotRatio,
  };
}
