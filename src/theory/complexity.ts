/**
 * The data-dependent complexity of Theorems 2–4 (docs/theory.md#complexity): ỹᵀ(H∞)⁻¹ỹ with ỹ the target values
 * F*(x_i) (or the labels), computed by Cholesky H∞ = R Rᵀ, z = R⁻¹ỹ, value ‖z‖² — never by
 * forming an inverse. The jitter policy of docs/theory.md#jitter (src/linalg/cholesky.ts) applies: off unless
 * asked; when used, the λ is reported and the value is that of H∞ + λ·mean(diag H∞)·I.
 */
import type { BackendChoice } from '../backend/backend.js';
import { asSequenceBatch, type Sequences } from '../data/sequences.js';
import { InvalidArgumentError, NonFiniteError } from '../errors.js';
import type { JitterUsed } from '../linalg/cholesky.js';
import { HeapCholesky } from '../linalg/heap-cholesky.js';
import type { Matrix } from '../linalg/matrix.js';
import type { InitScheme } from '../model/variances.js';
import { assertTargets } from './kernel-matrix.js';
import { factorKernel } from './kernel-factor.js';
import { factorAnalyticNtk } from './ntk-factor.js';
import { assertOptions } from '../validate.js';

/** Options of the complexity functions. */
export interface ComplexityOptions {
  /** Allow the jitter retries of docs/theory.md#jitter when H is not numerically positive definite (default false; a factor carries its own). */
  readonly jitter?: boolean;
  /** Backend that runs the factorisation (default 'auto'; a factor carries its own). */
  readonly backend?: BackendChoice;
}

/** ỹᵀH⁻¹ỹ and how it was obtained. */
export interface KernelComplexity extends JitterUsed {
  /** ỹᵀ H⁻¹ ỹ = ‖R⁻¹ỹ‖² (of H + jitter·I when jitter was used). */
  readonly value: number;
  /** √(ỹᵀ H⁻¹ ỹ), the RKHS norm of the interpolant of ỹ. */
  readonly sqrt: number;
  /** Number of sequences n. */
  readonly n: number;
  /** min_p R_pp² / max_i H_ii: how far the factorisation stayed from the singularity threshold n·ε. */
  readonly smallestPivotRatio: number;
  /**
   * An estimate of the condition number κ₁(H) (of H + jitter·I; Hager's estimator, see
   * HeapCholesky.conditionEstimate): the value may lose about log10(κ₁) of its 16 digits.
   */
  readonly conditionEstimate: number;
  /** Says whether jitter was used, so no value is read as that of H when it is not. */
  readonly note: string;
}

/**
 * ỹᵀ H⁻¹ ỹ for a symmetric positive-definite kernel matrix H (docs/theory.md#complexity): Cholesky H = R Rᵀ,
 * z = R⁻¹ ỹ (one triangular solve), value ‖z‖². `h` is the matrix (factored here) or its
 * factor (reused, e.g. shared with `smallestEigenvalue`). Throws ShapeError / NonFiniteError /
 * InvalidArgumentError on bad input and NotPositiveDefiniteError (naming the pivot) when H is
 * not numerically positive definite — a pivot at or below n·ε·max diag counts as singular —
 * and jitter is not allowed (or does not help).
 *
 * @example
 * ```ts
 * import { fromRows, kernelComplexity } from 'rnn-ntk';
 *
 * const H = fromRows([[2, 1], [1, 2]]);
 * console.log(kernelComplexity(H, [1, -1]).value); // yᵀH⁻¹y = 2
 * ```
 */
export function kernelComplexity(h: Matrix | HeapCholesky, ytilde: ArrayLike<number>, opts: ComplexityOptions = {}): KernelComplexity {
  assertOptions("kernelComplexity's options", opts);
  if (h instanceof HeapCholesky) return fromFactor(h, ytilde);
  const factor = factorKernel('H', h, { jitter: opts.jitter === true, backend: opts.backend });
  try {
    return fromFactor(factor, ytilde);
  } finally {
    factor.dispose();
  }
}

/** The complexity from a live factor. */
function fromFactor(factor: HeapCholesky, ytilde: ArrayLike<number>): KernelComplexity {
  if (factor.shift !== 0) {
    throw new InvalidArgumentError(`the complexity needs a factor of H itself, not of H + ${factor.shift}·I (a ridge)`);
  }
  const n = factor.n;
  assertTargets('ytilde', ytilde, n);
  const value = factor.quadraticForm(ytilde);
  if (!Number.isFinite(value)) {
    throw new NonFiniteError(`ỹᵀH⁻¹ỹ overflowed (${value}): H is too close to singular for f64; allow jitter or rescale`, 0, value);
  }
  const { jitter, lambda } = factor;
  return {
    value,
    sqrt: Math.sqrt(value),
    n,
    jitter,
    lambda,
    smallestPivotRatio: factor.smallestPivotRatio,
    conditionEstimate: factor.conditionEstimate(),
    note:
      lambda === 0
        ? 'exact Cholesky of H (no jitter)'
        : `H was not numerically positive definite: value is for H + ${jitter}·I (λ = ${lambda} times mean(diag H))`,
  };
}

/** Options of `ntkComplexity`: the kernel's variances plus the complexity options. */
export interface NtkComplexityOptions extends ComplexityOptions {
  /** Initialisation scheme of H∞ (docs/theory.md#initialisation; default 'paper'), as `createRnn`'s `init`. */
  readonly init?: InitScheme;
  /** Network width m, needed only by 'algorithm1' (vB = 1/m). */
  readonly m?: number;
}

/**
 * ỹᵀ(H∞)⁻¹ỹ with H∞ the analytic kernel (docs/theory.md#tangent-kernel) of the sequences `x` (docs/theory.md#complexity). H∞ is
 * computed in the heap and factored where it lies (no n×n copy); the memory is checked first
 * (WasmMemoryError naming the largest n that fits). A precomputed kernel — the Matrix H∞ or
 * its factor (`factorAnalyticNtk`) — may be passed instead of `x`.
 *
 * ỹᵀ(H∞)⁻¹ỹ = ‖R⁻¹ỹ‖² with H∞ = RRᵀ (Theorems 2–4; docs/theory.md#complexity).
 *
 * @example
 * ```ts
 * import { ntkComplexity } from 'rnn-ntk';
 *
 * const x = [
 *   [[1, 0], [0.5, -1], [2, 1]],
 *   [[0, 1], [1, 1], [-1, 0.5]],
 *   [[1, 1], [-0.5, 2], [0, -1.5]],
 * ];
 * console.log(ntkComplexity(x, [1, -1, 1]).value); // 6.439070730327959 (docs/theory.md#worked-example)
 * ```
 */
export function ntkComplexity(
  sequences: Sequences | Matrix | HeapCholesky, ytilde: ArrayLike<number>, opts: NtkComplexityOptions = {},
): KernelComplexity {
  assertOptions("ntkComplexity's options", opts);
  if (sequences instanceof HeapCholesky || isMatrix(sequences)) return kernelComplexity(sequences, ytilde, opts);
  const x = asSequenceBatch(sequences);
  if (Number.isInteger(x?.n) && x.n > 0) assertTargets('ytilde', ytilde, x.n); // before the O(n³) work
  const factor = factorAnalyticNtk(x, opts);
  try {
    return fromFactor(factor, ytilde);
  } finally {
    factor.dispose();
  }
}

/** A Matrix record (rows, cols, data) as opposed to a SequenceBatch (n, L, d, data). */
function isMatrix(x: Sequences | Matrix): x is Matrix {
  return typeof x === 'object' && x !== null && 'rows' in x && 'cols' in x;
}
