/**
 * λ_min of a symmetric positive-definite kernel matrix (docs/theory.md#complexity: the conditioning of H∞ that
 * the theorems' λ0 > 0 assumption is about), by inverse iteration on its Cholesky factor:
 * v ← H⁻¹v / ‖H⁻¹v‖ with H⁻¹v = R⁻ᵀ(R⁻¹v), two triangular solves per step, O(n²) each.
 *
 * Stopping rule and accuracy: with ‖v‖ = 1, w = H⁻¹v and μ = vᵀw, the residual r = ‖w − μv‖
 * guarantees an eigenvalue of H⁻¹ in [μ − r, μ + r] (the residual bound for symmetric matrices,
 * Parlett, The Symmetric Eigenvalue Problem, Thm. 4.5.1), hence an eigenvalue of H in
 * [1/(μ + r), 1/(μ − r)]. Iteration stops when r ≤ tolerance·μ, so the
 * estimate 1/μ is within a relative tolerance/(1 − tolerance) of an eigenvalue of H; started
 * from a generic vector, inverse iteration converges to the smallest one.
 */
import { getBackend, type BackendChoice } from '../backend/backend.js';
import { InvalidArgumentError } from '../errors.js';
import { choleskyInHeap } from '../linalg/cholesky.js';
import type { Matrix } from '../linalg/matrix.js';
import { assertInteger } from '../validate.js';
import { assertKernelMatrix } from './kernel-matrix.js';

/** Options of `smallestEigenvalue`. */
export interface SmallestEigenvalueOptions {
  /** Relative residual r/μ at which to stop (default 1e−10; must be in (0, 0.5)). */
  readonly tolerance?: number;
  /** Iteration cap (default 1000). */
  readonly maxIterations?: number;
  /** Allow the jitter of docs/theory.md#jitter for the factorisation; the shift is subtracted again (default false). */
  readonly jitter?: boolean;
  /** Backend that runs the kernels (default 'auto'). */
  readonly backend?: BackendChoice;
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
  /** Inverse-iteration steps taken. */
  readonly iterations: number;
  /** Whether r/μ ≤ tolerance was reached within maxIterations. */
  readonly converged: boolean;
  /** Diagonal shift used by the factorisation (0: none). */
  readonly jitter: number;
}

/** A generic deterministic start: v_i = frac((i + 1)·φ) − 1/2 (no structure H∞ could align with). */
function startVector(n: number): Float64Array {
  const phi = (1 + Math.sqrt(5)) / 2;
  return Float64Array.from({ length: n }, (_, i) => (((i + 1) * phi) % 1) - 0.5);
}

/**
 * λ_min(H) by inverse iteration on the Cholesky factor, with the stopping rule and accuracy
 * stated in the file header. Throws NotPositiveDefiniteError (pivot named) when H cannot be
 * factored, InvalidArgumentError on bad options; reports `converged: false` rather than
 * stopping silently when the iteration cap is hit.
 *
 * @example
 * ```ts
 * import { fromRows, smallestEigenvalue } from 'rnn-ntk';
 *
 * const { value, converged } = smallestEigenvalue(fromRows([[2, 1], [1, 2]]));
 * console.log(value, converged); // ≈ 1, true
 * ```
 */
export function smallestEigenvalue(h: Matrix, opts: SmallestEigenvalueOptions = {}): SmallestEigenvalue {
  assertKernelMatrix('H', h);
  const tolerance = opts.tolerance ?? 1e-10;
  if (typeof tolerance !== 'number' || !(tolerance > 0 && tolerance < 0.5)) {
    throw new InvalidArgumentError(`tolerance must be a number in (0, 0.5), got ${String(tolerance)}`);
  }
  const maxIterations = opts.maxIterations ?? 1000;
  assertInteger('maxIterations', maxIterations, 1);
  const n = h.rows;
  const b = getBackend(opts.backend);
  const k = b.kernels;
  return b.heap.scope((s) => {
    const factor = s.put(h.data);
    const { jitter } = choleskyInHeap(b, factor, n, { jitter: opts.jitter === true });
    const v = s.put(startVector(n));
    const w = s.alloc(n);
    k.scal(n, 1 / Math.sqrt(k.dot(n, v, v)), v);
    let mu = 0;
    let r = Infinity;
    let iterations = 0;
    while (iterations < maxIterations) {
      iterations++;
      const f = b.heap.f64;
      f.copyWithin(w, v, v + n);
      k.trsv(n, factor, n, w, 0);
      k.trsv(n, factor, n, w, 1);
      mu = k.dot(n, v, w);
      k.axpy(n, -mu, v, w); // w ← w − μv, the residual
      r = Math.sqrt(k.dot(n, w, w));
      k.axpy(n, mu, v, w); // back to H⁻¹v
      k.scal(n, 1 / Math.sqrt(k.dot(n, w, w)), w);
      f.copyWithin(v, w, w + n);
      if (r <= tolerance * mu) break;
    }
    return {
      value: 1 / mu - jitter,
      lower: 1 / (mu + r) - jitter,
      upper: r < mu ? 1 / (mu - r) - jitter : Infinity,
      relativeResidual: r / mu,
      iterations,
      converged: r <= tolerance * mu,
      jitter,
    };
  });
}
