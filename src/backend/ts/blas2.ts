// Plain-TS twins of assembly/blas2.ts. Same contract and operation order (bit-exact):
// `h` is the heap, every array argument an element offset, matrices row-major with a leading
// dimension. See the assembly file for the order each kernel follows.
import { axpy, dot } from './blas1.js';

/** y(m) ← α A x + β y (y not read when β = 0); per-row sum in the blas1 `dot` order. */
export function gemv(
  h: Float64Array, m: number, n: number, alpha: number, a: number, lda: number, x: number, beta: number, y: number,
): void {
  for (let i = 0; i < m; i++) {
    const s = dot(h, n, a + i * lda, x);
    h[y + i] = beta === 0 ? alpha * s : alpha * s + beta * h[y + i];
  }
}

/** y(n) ← α Aᵀ x + β y: y ← β y (0 when β = 0), then y_j = y_j + (α x_i) A_ij for i in order. */
export function gemvT(
  h: Float64Array, m: number, n: number, alpha: number, a: number, lda: number, x: number, beta: number, y: number,
): void {
  if (beta === 0) h.fill(0, y, y + n);
  else if (beta !== 1) for (let j = 0; j < n; j++) h[y + j] = beta * h[y + j];
  for (let i = 0; i < m; i++) axpy(h, n, alpha * h[x + i], a + i * lda, y);
}

/** A(m×n) ← A + α Σ_{r<k} u_r v_rᵀ (rows of U k×m and V k×n); A_ij = A_ij + (α u_ri) v_rj, r in order. */
export function rankUpdate(
  h: Float64Array, m: number, n: number, k: number, alpha: number,
  u: number, ldu: number, v: number, ldv: number, a: number, lda: number,
): void {
  for (let i = 0; i < m; i++) {
    const row = a + i * lda;
    for (let j = 0; j < n; j++) {
      let t = h[row + j];
      for (let r = 0; r < k; r++) t = t + alpha * h[u + r * ldu + i] * h[v + r * ldv + j];
      h[row + j] = t;
    }
  }
}
