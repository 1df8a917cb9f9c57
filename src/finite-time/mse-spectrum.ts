/**
 * The spectral form of the linearised MSE dynamics shared by `gradientDescentMse` and its
 * ensemble form (docs/finite-time.md). With the loss ½ Σᵢ (f(xᵢ) − yᵢ)² and the gradient flow
 * df/dt = −η Θ (f − y) on the training set (Θ the n×n tangent kernel plus diagReg·I),
 *   f_t(X) = y + e^{−ηΘt} (f₀(X) − y),
 *   f_t(x) = f₀(x) + Θ(x, X) Θ⁻¹ (I − e^{−ηΘt}) (y − f₀(X))       (Lee et al. 2019, §2.2),
 * evaluated through Θ = V diag(λ) Vᵀ (symmetricEigen): e^{−ηΘt} = V diag(e^{−ηλt}) Vᵀ and
 * Θ⁻¹(I − e^{−ηΘt}) = V diag(g_t(λ)) Vᵀ with g_t(λ) = ηt·(1 − e^{−ηλt})/(ηλt), which is
 * finite for λ = 0 (= ηt) and tends to 1/λ as t → ∞ (kernel regression).
 */
import type { BackendChoice } from '../backend/backend.js';
import { InvalidArgumentError } from '../errors.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import { matvec, matvecTransposed } from '../linalg/matvec.js';
import { symmetricEigen, type SymmetricEigen } from '../linalg/symmetric-eigen.js';
import { expDecrementRatio } from '../numeric/exp-decrement.js';
import { portableExp } from '../numeric/portable-exp.js';
import { assertKernelMatrix } from '../theory/kernel-matrix.js';

/** Options of the MSE dynamics (neural-tangents' `gradient_descent_mse` arguments). */
export interface MseDynamicsOptions {
  /**
   * η > 0 of df/dt = −ηΘ(f − y); must satisfy η < 2/λ_max(Θ + diagReg·I). Default 1/λ_max,
   * so the stiffest mode decays as e^{−t} and t counts steps of the largest comfortable size.
   */
  readonly learningRate?: number;
  /** Added to Θ's diagonal (absolute, default 0): Θ + diagReg·I is the kernel that trains. */
  readonly diagReg?: number;
  /** Backend of the eigendecomposition and the products (default 'auto'). */
  readonly backend?: BackendChoice;
}

/**
 * Eigenvalues below −NEGATIVE_EIGENVALUE_TOLERANCE·λ_max are rejected as "not positive
 * semi-definite"; those above it (round-off of a PSD kernel, ~n·ε·λ_max) are set to 0.
 */
export const NEGATIVE_EIGENVALUE_TOLERANCE = 1e-10;

/** Θ + diagReg·I in eigenform with the validated η and diagReg (internal to src/finite-time). */
export interface MseSpectrum {
  readonly n: number;
  readonly learningRate: number;
  readonly diagReg: number;
  readonly eigen: SymmetricEigen;
  /** The eigenvalues with round-off negatives set to 0. */
  readonly lambdas: Float64Array;
  readonly backend: BackendChoice | undefined;
}

/** Validates Θ (`name`), η, diagReg and builds the spectrum; the learning-rate bound is checked here. */
export function mseSpectrum(theta: Matrix, name: string, opts: MseDynamicsOptions): MseSpectrum {
  assertKernelMatrix(name, theta);
  const n = theta.rows;
  const diagReg = opts.diagReg ?? 0;
  if (opts.learningRate !== undefined && (typeof opts.learningRate !== 'number' || !Number.isFinite(opts.learningRate) || !(opts.learningRate > 0))) {
    throw new InvalidArgumentError(`learningRate must be a finite number > 0, got ${String(opts.learningRate)}`);
  }
  if (typeof diagReg !== 'number' || !Number.isFinite(diagReg) || diagReg < 0) {
    throw new InvalidArgumentError(`diagReg must be a finite number >= 0, got ${String(diagReg)}`);
  }
  const shifted = matrix(n, n, theta.data);
  for (let i = 0; i < n; i++) shifted.data[i * n + i] += diagReg;
  const eigen = symmetricEigen(shifted, { backend: opts.backend });
  const lambdaMax = eigen.values[n - 1];
  const lambdaMin = eigen.values[0];
  if (lambdaMin < -NEGATIVE_EIGENVALUE_TOLERANCE * Math.abs(lambdaMax)) {
    throw new InvalidArgumentError(
      `${name} + diagReg·I is not positive semi-definite (smallest eigenvalue ${lambdaMin}, largest ${lambdaMax}): ` +
        'the MSE dynamics would diverge; pass a tangent kernel (analyticNtk(x).H, empiricalNtk) or a larger diagReg',
    );
  }
  const learningRate = opts.learningRate ?? (lambdaMax > 0 ? 1 / lambdaMax : 1);
  if (learningRate * lambdaMax >= 2) {
    throw new InvalidArgumentError(
      `learningRate ${learningRate} is beyond the stable range of the MSE dynamics: gradient descent with step η on ` +
        `½Σ(f − y)² converges only for η < 2/λ_max(${name} + diagReg·I) = ${2 / lambdaMax}; pass a smaller learningRate`,
    );
  }
  const lambdas = eigen.values.map((l) => Math.max(l, 0));
  return { n, learningRate, diagReg, eigen, lambdas, backend: opts.backend };
}

/** Throws InvalidArgumentError unless t is a number ≥ 0 (Infinity allowed). */
export function assertTime(t: number): void {
  if (typeof t !== 'number' || Number.isNaN(t) || t < 0) {
    throw new InvalidArgumentError(`the time t must be a number >= 0 (Infinity for the end of training), got ${String(t)}`);
  }
}

/** e^{−ηλᵢt} for each eigenvalue (0 at t = ∞ for λᵢ > 0, 1 for λᵢ = 0). */
export function decayFactors(s: MseSpectrum, t: number): Float64Array {
  return s.lambdas.map((l) => (l === 0 ? 1 : t === Infinity ? 0 : portableExp(-s.learningRate * l * t)));
}

/**
 * g_t(λᵢ) = (1 − e^{−ηλᵢt})/λᵢ = ηt·expDecrementRatio(ηλᵢt); at t = ∞ it is 1/λᵢ, which needs
 * λ_min > 0 (else InvalidArgumentError: kernel regression with a singular Θ is undefined).
 */
export function gainFactors(s: MseSpectrum, t: number, name: string): Float64Array {
  if (t === Infinity) {
    if (!(s.lambdas[0] > 0)) {
      throw new InvalidArgumentError(
        `${name} + diagReg·I is singular (smallest eigenvalue ${s.eigen.values[0]}): the t = ∞ prediction is kernel ` +
          'regression and needs a positive-definite kernel; pass diagReg > 0 or a finite time',
      );
    }
    return s.lambdas.map((l) => 1 / l);
  }
  const eta = s.learningRate;
  return s.lambdas.map((l) => eta * t * expDecrementRatio(eta * l * t));
}

/** V diag(c) Vᵀ x. */
export function applySpectral(s: MseSpectrum, c: ArrayLike<number>, x: ArrayLike<number>): Float64Array {
  const opts = { backend: s.backend };
  const z = matvecTransposed(s.eigen.vectors, x, opts);
  for (let i = 0; i < s.n; i++) z[i] *= c[i];
  return matvec(s.eigen.vectors, z, opts);
}
