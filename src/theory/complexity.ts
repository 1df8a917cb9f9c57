/**
 * The data-dependent complexity of Theorems 2–4 (docs/theory.md#complexity): ỹᵀ(H∞)⁻¹ỹ with ỹ the target values
 * F*(x_i) (or the labels), computed by Cholesky H∞ = R Rᵀ, z = R⁻¹ỹ, value ‖z‖² — never by
 * forming an inverse. The jitter policy of docs/theory.md#jitter (src/linalg/cholesky.ts) applies: off unless
 * asked; when used, the λ is reported and the value is that of H∞ + λ·mean(diag H∞)·I.
 */
import { getBackend, type BackendChoice } from '../backend/backend.js';
import type { Sequences } from '../data/sequences.js';
import { NonFiniteError } from '../errors.js';
import { analyticNtk } from '../kernels/analytic.js';
import type { JitterUsed } from '../linalg/cholesky.js';
import type { Matrix } from '../linalg/matrix.js';
import type { InitScheme } from '../model/variances.js';
import { assertKernelMatrix, assertTargets } from './kernel-matrix.js';
import { choleskyForwardSolve } from './kernel-solve.js';

/** Options of the complexity functions. */
export interface ComplexityOptions {
  /** Allow the jitter retries of docs/theory.md#jitter when H is not numerically positive definite (default false). */
  readonly jitter?: boolean;
  /** Backend that runs the factorisation (default 'auto'). */
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
  /** Says whether jitter was used, so no value is read as that of H when it is not. */
  readonly note: string;
}

/**
 * ỹᵀ H⁻¹ ỹ for a symmetric positive-definite kernel matrix H (docs/theory.md#complexity): Cholesky H = R Rᵀ,
 * z = R⁻¹ ỹ (one triangular solve), value ‖z‖². Throws ShapeError / NonFiniteError /
 * InvalidArgumentError on bad input and NotPositiveDefiniteError (naming the pivot) when H is
 * not numerically positive definite and jitter is not allowed (or does not help).
 *
 * @example
 * ```ts
 * import { fromRows, kernelComplexity } from 'rnn-ntk';
 *
 * const H = fromRows([[2, 1], [1, 2]]);
 * console.log(kernelComplexity(H, [1, -1]).value); // yᵀH⁻¹y = 2
 * ```
 */
export function kernelComplexity(h: Matrix, ytilde: ArrayLike<number>, opts: ComplexityOptions = {}): KernelComplexity {
  assertKernelMatrix('H', h);
  const n = h.rows;
  assertTargets('ytilde', ytilde, n);
  const b = getBackend(opts.backend);
  const { result: value, used } = choleskyForwardSolve(b, h, ytilde, { shift: 0, jitter: opts.jitter === true }, (_, z) =>
    b.kernels.dot(n, z, z),
  );
  if (!Number.isFinite(value)) {
    throw new NonFiniteError(`ỹᵀH⁻¹ỹ overflowed (${value}): H is too close to singular for f64; allow jitter or rescale`, 0, value);
  }
  return {
    value,
    sqrt: Math.sqrt(value),
    n,
    ...used,
    note:
      used.lambda === 0
        ? 'exact Cholesky of H (no jitter)'
        : `H was not numerically positive definite: value is for H + ${used.jitter}·I (λ = ${used.lambda} times mean(diag H))`,
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
 * ỹᵀ(H∞)⁻¹ỹ with H∞ the analytic kernel (docs/theory.md#tangent-kernel) of the sequences `x` (docs/theory.md#complexity).
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
export function ntkComplexity(x: Sequences, ytilde: ArrayLike<number>, opts: NtkComplexityOptions = {}): KernelComplexity {
  const { H } = analyticNtk(x, { init: opts.init, m: opts.m, backend: opts.backend });
  return kernelComplexity(H, ytilde, opts);
}
