// Plain-TS twins of assembly/trsm.ts: same contract and operation order (bit-exact).
import { axpy, dot } from './blas1.js';

/** Solves L x = b (trans 0: forward, `dot` order) or Lᵀ x = b (trans 1: back, `axpy` along rows of L) in place. */
export function trsv(h: Float64Array, n: number, l: number, ldl: number, x: number, trans: number): void {
  if (trans === 0) {
    for (let i = 0; i < n; i++) {
      const row = l + i * ldl;
      h[x + i] = (h[x + i] - dot(h, i, row, x)) / h[row + i];
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      const row = l + i * ldl;
      const xi = h[x + i] / h[row + i];
      h[x + i] = xi;
      axpy(h, i, -xi, row, x);
    }
  }
}

/**
 * Solves L X = B (trans 0) or Lᵀ X = B (trans 1) in place in B (n×nrhs, leading dimension ldb):
 * X_ik = (B_ik − Σ_j L(i, j) X_jk) / L_ii, j ascending, L(i, j) = L_ij (trans 0) or L_ji (trans 1).
 */
export function trsm(
  h: Float64Array, n: number, nrhs: number, l: number, ldl: number, b: number, ldb: number, trans: number,
): void {
  const [li, lj] = trans === 0 ? [ldl, 1] : [1, ldl];
  for (let step = 0; step < n; step++) {
    const i = trans === 0 ? step : n - 1 - step;
    const [j0, j1] = trans === 0 ? [0, i] : [i + 1, n];
    const lii = h[l + i * li + i * lj];
    for (let k = 0; k < nrhs; k++) {
      let t = h[b + i * ldb + k];
      for (let j = j0; j < j1; j++) t = t - h[l + i * li + j * lj] * h[b + j * ldb + k];
      h[b + i * ldb + k] = t / lii;
    }
  }
}
