/**
 * The largest eigenvalue of a symmetric positive-definite operator B (given as v ↦ Bv) by the
 * Lanczos iteration with full reorthogonalisation (Golub & Van Loan, Matrix Computations,
 * §10.1 and §10.3.1), certified by an explicit residual.
 *
 * Used with B = H⁻¹ applied through a Cholesky factor (shift-invert at 0) it gives λ_min(H)
 * = 1/μ_max(B). Unlike inverse iteration, whose error falls like (λ₁/λ₂)^k and stalls when the
 * smallest eigenvalues cluster, the Krylov space holds a polynomial that is ≈ 1 on a whole
 * cluster and small on the rest of the spectrum, so the residual ‖By − θy‖ of the Ritz pair
 * falls at a rate set by the gap between the cluster and the rest, not by the gaps inside it;
 * equal eigenvalues are the easiest case.
 *
 * Certificate: for the final unit Ritz vector y, w = By is computed again, μ = yᵀw and
 * r = ‖w − μy‖; an eigenvalue of B lies in [μ − r, μ + r] (Parlett, The Symmetric Eigenvalue
 * Problem, Thm. 4.5.1). The iteration stops when r ≤ tolerance·μ.
 */
import { tridiagonalEigen } from './tridiagonal-eigen.js';

/** Options of `largestEigenpair`. */
export interface LanczosOptions {
  /** Relative residual r/μ at which to stop. */
  readonly tolerance: number;
  /** Cap on the applications of B (each Lanczos step and each residual check is one). */
  readonly maxApplications: number;
  /** Called after each application of B with the count so far and the current residual estimate r/μ. */
  readonly onStep?: (applications: number, relativeResidual: number) => void;
}

/** The largest eigenvalue estimate of B and its residual certificate. */
export interface LargestEigenpair {
  /** μ = yᵀBy for the unit vector y certified. */
  readonly mu: number;
  /** r = ‖By − μy‖: an eigenvalue of B lies in [μ − r, μ + r]. */
  readonly residual: number;
  /** Applications of B used. */
  readonly applications: number;
  /** Whether r ≤ tolerance·μ was reached. */
  readonly converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** w ← w − Σ_i (q_iᵀw) q_i over the basis, twice ("twice is enough", Kahan–Parlett). */
function reorthogonalise(w: Float64Array, basis: readonly Float64Array[]): void {
  for (let pass = 0; pass < 2; pass++) {
    for (const q of basis) {
      const c = dot(q, w);
      for (let i = 0; i < w.length; i++) w[i] -= c * q[i];
    }
  }
}

/** μ = yᵀw and r = ‖w − μy‖ for a unit y and w = By. */
function rayleighResidual(y: Float64Array, w: Float64Array): { mu: number; residual: number } {
  const mu = dot(y, w);
  let r2 = 0;
  for (let i = 0; i < y.length; i++) {
    const t = w[i] - mu * y[i];
    r2 += t * t;
  }
  return { mu, residual: Math.sqrt(r2) };
}

/**
 * The largest eigenpair of the symmetric positive-definite B (`apply(v)` returns Bv as a new
 * array) from the start vector `start`, with the certificate of the file header.
 */
export function largestEigenpair(
  apply: (v: Float64Array) => Float64Array, start: Float64Array, opts: LanczosOptions,
): LargestEigenpair {
  const n = start.length;
  const { tolerance, maxApplications } = opts;
  const basis: Float64Array[] = [];
  const alphas: number[] = [];
  const betas: number[] = [];
  let q = start.map((v) => v / Math.sqrt(dot(start, start)));
  let applications = 0;
  let best = { mu: 0, residual: Infinity };
  const certify = (y: Float64Array, w: Float64Array) => {
    const pair = rayleighResidual(y, w);
    if (pair.residual * best.mu <= best.residual * pair.mu || best.residual === Infinity) best = pair;
    return pair.residual <= tolerance * pair.mu;
  };
  for (;;) {
    const w = apply(q);
    applications++;
    basis.push(q);
    const alpha = dot(q, w);
    alphas.push(alpha);
    if (basis.length === 1 && certify(q, w)) {
      opts.onStep?.(applications, best.residual / best.mu);
      break;
    }
    for (let i = 0; i < n; i++) w[i] -= alpha * q[i] + (basis.length > 1 ? betas[betas.length - 1] * basis[basis.length - 2][i] : 0);
    reorthogonalise(w, basis);
    const beta = Math.sqrt(dot(w, w));
    const k = basis.length;
    const last = tridiagonalEigen(alphas, betas, 'last');
    const theta = last.values[k - 1];
    const estimate = (beta * Math.abs(last.vectors[k - 1])) / theta;
    opts.onStep?.(applications, Math.min(estimate, best.residual / best.mu));
    const invariant = beta <= Number.EPSILON * theta || k === n;
    const lastChance = applications === maxApplications - 1;
    if ((estimate <= tolerance / 2 || invariant || lastChance) && applications < maxApplications) {
      const { vectors } = tridiagonalEigen(alphas, betas);
      const y = new Float64Array(n);
      for (let j = 0; j < k; j++) {
        const s = vectors[j * k + (k - 1)];
        for (let i = 0; i < n; i++) y[i] += s * basis[j][i];
      }
      const norm = Math.sqrt(dot(y, y));
      for (let i = 0; i < n; i++) y[i] /= norm;
      const by = apply(y);
      applications++;
      const certified = certify(y, by);
      opts.onStep?.(applications, best.residual / best.mu);
      if (certified) break;
    }
    if (invariant || applications >= maxApplications) break;
    betas.push(beta);
    q = w.map((v) => v / beta);
  }
  return { ...best, applications, converged: best.residual <= tolerance * best.mu };
}
