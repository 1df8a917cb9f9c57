// Plain-TS twins of assembly/sytrd.ts: Householder tridiagonalisation of a symmetric matrix
// (upper triangle of row-major storage) and the explicit Qᵀ, in the same operation order
// (blas1 `dot` order for every sum, element-wise loops elsewhere), so results are bit-exact.
import { axpy, dot, scal } from './blas1.js';

/** Applies H = I − τ v vᵀ on both sides of the trailing m×m block at `b` (upper triangle), work (m) scratch. */
function reflectTrailing(h: Float64Array, m: number, tau: number, v: number, b: number, ld: number, work: number): void {
  h.fill(0, work, work + m);
  for (let r = 0; r < m; r++) {
    const row = b + r * ld + r;
    h[work + r] = h[work + r] + dot(h, m - r, row, v + r);
    axpy(h, m - r - 1, h[v + r], row + 1, work + r + 1);
  }
  scal(h, m, tau, work);
  axpy(h, m, -0.5 * tau * dot(h, m, work, v), v, work);
  for (let r = 0; r < m; r++) {
    const row = b + r * ld + r;
    const vr = h[v + r];
    const wr = h[work + r];
    for (let j = 0; j < m - r; j++) h[row + j] = (h[row + j] - vr * h[work + r + j]) - wr * h[v + r + j];
  }
}

/**
 * Reduces the symmetric n×n A (only entries j ≥ i read and overwritten) to tridiagonal form
 * T = Qᵀ A Q: diagonal into d (n), off-diagonal into e (n, e_{n−1} = 0), the reflectors
 * v_k (with v_k0 = 1) over A[k, k+1..] and their scalars into tau (n − 1). work: n scratch.
 */
export function sytrd(h: Float64Array, n: number, a: number, lda: number, d: number, e: number, tau: number, work: number): void {
  for (let k = 0; k < n; k++) {
    const akk = a + k * lda + k;
    h[d + k] = h[akk];
    if (k === n - 1) {
      h[e + k] = 0;
      break;
    }
    const m = n - k - 1;
    const x = akk + 1;
    const alpha = h[x];
    const sigma = dot(h, m - 1, x + 1, x + 1);
    if (sigma === 0) {
      h[tau + k] = 0;
      h[e + k] = alpha;
      continue;
    }
    const r = Math.sqrt(alpha * alpha + sigma);
    const beta = alpha < 0 ? r : -r;
    const t = (beta - alpha) / beta;
    scal(h, m - 1, 1 / (alpha - beta), x + 1);
    h[x] = 1;
    h[tau + k] = t;
    h[e + k] = beta;
    reflectTrailing(h, m, t, x, akk + lda + 1, lda, work);
  }
}

/** Writes Qᵀ = H_{n−2} ⋯ H_0 of a finished `sytrd` into the n×n q (row i of q is column i of Q). */
export function orgtrT(h: Float64Array, n: number, a: number, lda: number, tau: number, q: number, ldq: number): void {
  for (let i = 0; i < n; i++) {
    h.fill(0, q + i * ldq, q + i * ldq + n);
    h[q + i * ldq + i] = 1;
  }
  for (let k = n - 2; k >= 0; k--) {
    const t = h[tau + k];
    if (t === 0) continue;
    const m = n - k - 1;
    const v = a + k * lda + k + 1;
    for (let i = k + 1; i < n; i++) {
      const row = q + i * ldq + k + 1;
      axpy(h, m, -t * dot(h, m, row, v), v, row);
    }
  }
}
