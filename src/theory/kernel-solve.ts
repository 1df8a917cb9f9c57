/**
 * The first half of every solve with a kernel matrix K (docs/theory.md#complexity): the Cholesky factorisation
 * K + shift·I = R Rᵀ in the backend heap (with the jitter policy of src/linalg/cholesky.ts when
 * allowed) and the forward substitution z = R⁻¹y. No inverse is ever formed: ỹᵀK⁻¹ỹ = ‖z‖²
 * (src/theory/complexity.ts) and α = K⁻¹ỹ = R⁻ᵀz (src/theory/kernel-regression.ts) finish
 * from here.
 */
import type { Backend } from '../backend/backend.js';
import { choleskyInHeap, type JitterUsed } from '../linalg/cholesky.js';
import type { Matrix } from '../linalg/matrix.js';

/** How to factor: a diagonal shift (a ridge λ ≥ 0) and whether the jitter retries (docs/theory.md#jitter) are allowed. */
export interface KernelFactorOptions {
  /** Added to every diagonal entry before factoring. */
  readonly shift: number;
  /** Allow the jitter retries when K + shift·I is not numerically positive definite. */
  readonly jitter: boolean;
}

/**
 * Factors the validated n×n kernel `k` (+ shift·I) in `b`'s heap and solves R z = y; then
 * `finish(factor, z)` runs on the heap offsets of R (lower triangle, leading dimension n) and
 * z, inside the heap scope, and its result is returned with the jitter used. Throws
 * NotPositiveDefiniteError (pivot named) when the factorisation fails.
 */
export function choleskyForwardSolve<T>(
  b: Backend,
  k: Matrix,
  y: ArrayLike<number>,
  opts: KernelFactorOptions,
  finish: (factor: number, z: number) => T,
): { readonly result: T; readonly used: JitterUsed } {
  const n = k.rows;
  return b.heap.scope((s) => {
    const factor = s.put(k.data);
    if (opts.shift !== 0) {
      const f = b.heap.f64;
      for (let i = 0; i < n; i++) f[factor + i * n + i] += opts.shift;
    }
    const used = choleskyInHeap(b, factor, n, { jitter: opts.jitter });
    const z = s.put(y);
    b.kernels.trsv(n, factor, n, z, 0);
    return { result: finish(factor, z), used };
  });
}
