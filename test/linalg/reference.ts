/**
 * Naive references for the linear-algebra tests: textbook loops on plain arrays, written
 * independently of the kernels (no blocking, no lanes), so they are an oracle, not a twin.
 * Matrices are row-major with an explicit leading dimension, as the kernels take them.
 */
import { Rng } from '../../src/random/rng.js';

/** op(X)_{ij} for a row-major X with leading dimension ld, transposed when `trans`. */
function at(x: ArrayLike<number>, ld: number, trans: boolean, i: number, j: number): number {
  return trans ? x[j * ld + i] : x[i * ld + j];
}

/** C(m×n) = α op(A) op(B) + β C (C not read when β = 0), as a fresh array with leading dimension n. */
export function naiveGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  a: ArrayLike<number>, lda: number, b: ArrayLike<number>, ldb: number,
  beta: number, c: ArrayLike<number>, ldc: number,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += at(a, lda, transA, i, p) * at(b, ldb, transB, p, j);
      out[i * n + j] = alpha * s + (beta === 0 ? 0 : beta * c[i * ldc + j]);
    }
  }
  return out;
}

/** A random well-conditioned SPD n×n matrix: G Gᵀ / n + I (eigenvalues in [1, ~5]). */
export function randomSpd(rng: Rng, n: number): Float64Array {
  const g = rng.normal(n * n);
  const a = naiveGemm(false, true, n, n, n, 1 / Math.max(1, n), g, n, g, n, 0, [], 0);
  for (let i = 0; i < n; i++) a[i * n + i] += 1;
  return a;
}

/** A padded copy: rows×cols values placed in rows of length ld, the padding filled with `pad`. */
export function padded(x: ArrayLike<number>, rows: number, cols: number, ld: number, pad = NaN): Float64Array {
  const out = new Float64Array(Math.max(0, rows * ld)).fill(pad);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * ld + j] = x[i * cols + j];
  return out;
}

/** The rows×cols values of a padded array with leading dimension ld, densely packed. */
export function unpadded(x: ArrayLike<number>, rows: number, cols: number, ld: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = x[i * ld + j];
  return out;
}

/**
 * Textbook unblocked Cholesky (column by column) of a dense n×n SPD matrix: the lower factor,
 * or the first pivot p whose value d_p = A_pp − Σ_{q<p} L_pq² is not a finite number > 0.
 */
export function naiveCholesky(a: ArrayLike<number>, n: number): { l: Float64Array; pivot: number; value: number } {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let q = 0; q < j; q++) d -= l[j * n + q] * l[j * n + q];
    if (!(d > 0) || !Number.isFinite(d)) return { l, pivot: j, value: d };
    l[j * n + j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let q = 0; q < j; q++) s -= l[i * n + q] * l[j * n + q];
      l[i * n + j] = s / l[j * n + j];
    }
  }
  return { l, pivot: -1, value: NaN };
}

/** Frobenius norm of x − y over ‖y‖_F (0 when both are empty). */
export function relFrobenius(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    num += (x[i] - y[i]) ** 2;
    den += y[i] ** 2;
  }
  return den === 0 ? Math.sqrt(num) : Math.sqrt(num / den);
}

/** log |det A| by Gaussian elimination with partial pivoting (an oracle independent of Cholesky). */
export function logAbsDetLu(a: ArrayLike<number>, n: number): number {
  const m = Float64Array.from(a);
  let s = 0;
  for (let j = 0; j < n; j++) {
    let p = j;
    for (let i = j + 1; i < n; i++) if (Math.abs(m[i * n + j]) > Math.abs(m[p * n + j])) p = i;
    if (p !== j) for (let c = 0; c < n; c++) [m[j * n + c], m[p * n + c]] = [m[p * n + c], m[j * n + c]];
    s += Math.log(Math.abs(m[j * n + j]));
    for (let i = j + 1; i < n; i++) {
      const f = m[i * n + j] / m[j * n + j];
      for (let c = j; c < n; c++) m[i * n + c] -= f * m[j * n + c];
    }
  }
  return s;
}
