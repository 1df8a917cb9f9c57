/**
 * The first step of every solve with a kernel matrix K (docs/theory.md#complexity): validate K and factor
 * K + shift·I = R Rᵀ once, in the backend heap, with the jitter policy of
 * src/linalg/cholesky.ts when allowed. The factor (src/linalg/heap-cholesky.ts) then answers
 * ỹᵀK⁻¹ỹ = ‖R⁻¹ỹ‖² (complexity), α = K⁻¹ỹ (kernel regression) and λ_min (Lanczos) — no
 * inverse is ever formed and no second factorisation is needed.
 */
import type { BackendChoice } from '../backend/backend.js';
import { HeapCholesky } from '../linalg/heap-cholesky.js';
import type { Matrix } from '../linalg/matrix.js';
import { assertKernelMatrix } from './kernel-matrix.js';

/** How to factor a kernel matrix. */
export interface KernelFactorOptions {
  /** Added to every diagonal entry before factoring (a ridge λ ≥ 0; default 0). */
  readonly shift?: number;
  /** Allow the jitter retries when K + shift·I is not numerically positive definite (default false). */
  readonly jitter?: boolean;
  /** Backend that runs the factorisation (default 'auto'). */
  readonly backend?: BackendChoice;
}

/**
 * Validates the kernel matrix `k` (square, finite, symmetric; named `name` in errors) and
 * returns its factor in the heap; the caller disposes it. Throws NotPositiveDefiniteError
 * (pivot named) when the factorisation fails.
 */
export function factorKernel(name: string, k: Matrix, opts: KernelFactorOptions = {}): HeapCholesky {
  assertKernelMatrix(name, k);
  return HeapCholesky.of(k, opts);
}
