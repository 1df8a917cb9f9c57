/**
 * Heap-level accumulation of the empirical NTK (docs/theory.md#empirical-ntk, eq. 23) from stacked activations
 * already in a backend heap. The Gram matrices ΔΔᵀ and HhHhᵀ are never formed whole: they
 * are computed tile by tile (blocks of `tile` sequences, i.e. tile·L rows), so the scratch is
 * two (tile·L)² tiles whatever n is; each tile pair's L×L block sums go straight to the output.
 */
import type { Backend } from '../backend/backend.js';
import type { HeapStepActivations } from '../rnn/gradient.js';

/** Where one stacked activation set sits in the heap: n sequences, (n·L)×m row-major each. */
export type HeapActivations = HeapStepActivations;

/** Sizes shared by the sets of one kernel call. */
export interface KernelDims {
  readonly L: number;
  readonly m: number;
  /** Sequences per tile. */
  readonly tile: number;
}

const NO_TRANS = 0;
const TRANS = 1;

/**
 * Lower triangle of the full kernel, out(i, j) += (1/m) Σ_{l,l'} ⟨δ_l^i, δ_{l'}^j⟩⟨h_{l−1}^i, h_{l'−1}^j⟩
 * for j ≤ i (out is n×n with leading dimension n): SYRK on diagonal tiles, GEMM off them.
 */
export function accumulateFullLower(b: Backend, x: HeapActivations, dims: KernelDims, out: number): void {
  const { L, m, tile } = dims;
  const k = b.kernels;
  const n = x.n;
  const rows = Math.min(tile, n) * L;
  b.heap.scope((s) => {
    const gd = s.alloc(rows * rows);
    const gh = s.alloc(rows * rows);
    for (let i0 = 0; i0 < n; i0 += tile) {
      const ni = Math.min(tile, n - i0);
      const ri = ni * L;
      const di = x.delta + i0 * L * m;
      const hi = x.hPrev + i0 * L * m;
      k.syrk(ri, m, 1, di, m, 0, gd, ri);
      k.syrk(ri, m, 1, hi, m, 0, gh, ri);
      k.ntkBlockSum(ni, ni, L, gd, gh, ri, 1, 1 / m, out + i0 * n + i0, n);
      for (let j0 = 0; j0 < i0; j0 += tile) {
        const nj = Math.min(tile, n - j0);
        const rj = nj * L;
        k.gemm(NO_TRANS, TRANS, ri, rj, m, 1, di, m, x.delta + j0 * L * m, m, 0, gd, rj);
        k.gemm(NO_TRANS, TRANS, ri, rj, m, 1, hi, m, x.hPrev + j0 * L * m, m, 0, gh, rj);
        k.ntkBlockSum(ni, nj, L, gd, gh, rj, 0, 1 / m, out + i0 * n + j0, n);
      }
    }
  });
}

/** The full kernel between two sets: out(i, j) for test i, train j (out: nA×nB, leading dimension nB). */
export function accumulateFullCross(
  b: Backend, xa: HeapActivations, xb: HeapActivations, dims: KernelDims, out: number,
): void {
  const { L, m, tile } = dims;
  const k = b.kernels;
  const ra = Math.min(tile, xa.n) * L;
  const rb = Math.min(tile, xb.n) * L;
  b.heap.scope((s) => {
    const gd = s.alloc(ra * rb);
    const gh = s.alloc(ra * rb);
    for (let i0 = 0; i0 < xa.n; i0 += tile) {
      const ni = Math.min(tile, xa.n - i0);
      for (let j0 = 0; j0 < xb.n; j0 += tile) {
        const nj = Math.min(tile, xb.n - j0);
        const ri = ni * L;
        const rj = nj * L;
        k.gemm(NO_TRANS, TRANS, ri, rj, m, 1, xa.delta + i0 * L * m, m, xb.delta + j0 * L * m, m, 0, gd, rj);
        k.gemm(NO_TRANS, TRANS, ri, rj, m, 1, xa.hPrev + i0 * L * m, m, xb.hPrev + j0 * L * m, m, 0, gh, rj);
        k.ntkBlockSum(ni, nj, L, gd, gh, rj, 0, 1 / m, out + i0 * xb.n + j0, xb.n);
      }
    }
  });
}

/**
 * Lower triangle of the same-step kernel (l = l' only), out(i, j) += (1/m) Σ_l ⟨δ_l^i, δ_l^j⟩⟨h_{l−1}^i, h_{l−1}^j⟩:
 * per step one SYRK of the n×m slice (leading dimension L·m) per factor; O(n² L m).
 */
export function accumulateSameStepLower(b: Backend, x: HeapActivations, dims: KernelDims, out: number): void {
  const { L, m } = dims;
  const k = b.kernels;
  const n = x.n;
  b.heap.scope((s) => {
    const gd = s.alloc(n * n);
    const gh = s.alloc(n * n);
    for (let l = 0; l < L; l++) {
      k.syrk(n, m, 1, x.delta + l * m, L * m, 0, gd, n);
      k.syrk(n, m, 1, x.hPrev + l * m, L * m, 0, gh, n);
      k.ntkBlockSum(n, n, 1, gd, gh, n, 1, 1 / m, out, n);
    }
  });
}

/** The same-step kernel between two sets (out: nA×nB, leading dimension nB). */
export function accumulateSameStepCross(
  b: Backend, xa: HeapActivations, xb: HeapActivations, dims: KernelDims, out: number,
): void {
  const { L, m } = dims;
  const k = b.kernels;
  b.heap.scope((s) => {
    const gd = s.alloc(xa.n * xb.n);
    const gh = s.alloc(xa.n * xb.n);
    for (let l = 0; l < L; l++) {
      k.gemm(NO_TRANS, TRANS, xa.n, xb.n, m, 1, xa.delta + l * m, L * m, xb.delta + l * m, L * m, 0, gd, xb.n);
      k.gemm(NO_TRANS, TRANS, xa.n, xb.n, m, 1, xa.hPrev + l * m, L * m, xb.hPrev + l * m, L * m, 0, gh, xb.n);
      k.ntkBlockSum(xa.n, xb.n, 1, gd, gh, xb.n, 0, 1 / m, out, xb.n);
    }
  });
}
