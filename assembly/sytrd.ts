// Householder reduction of a symmetric matrix to tridiagonal form, A = Q T Qᵀ, and the
// explicit Qᵀ (LAPACK dsytd2 with uplo 'L' in column-major, which is the UPPER triangle of our
// row-major storage, so every reflector and every update runs along contiguous rows).
//
// sytrd(n, a, lda, d, e, tau, work): only entries j ≥ i of A are read and overwritten. For
// k = 0 .. n−2, with the trailing block B = A[k+1.., k+1..] and x = A[k, k+1..] (m = n−k−1):
//   d_k = A_kk;  α = x_0,  σ = dot(x_1.., x_1..);
//   σ = 0: τ_k = 0, e_k = α (no reflection);
//   else   β = −sign(α)·√(α² + σ) (sign(±0) = +), τ_k = (β − α)/β, v = (1, x_1../(α − β)),
//          e_k = β, v stored over x (v_0 = 1 explicitly);
//          p = B v in one pass over the rows r of B's upper triangle, r ascending:
//            work_r = work_r + dot(B_r[r..], v[r..]),  work[r+1..] += v_r · B_r[r+1..];
//          p = τ·work;  w = p + (−½ τ dot(p, v))·v;
//          B_rj = (B_rj − v_r w_j) − w_r v_j  for j ≥ r (the symmetric rank-2 update).
//   d_{n−1} = A_{n−1,n−1}, e_{n−1} = 0. Then T = tridiag(e, d, e) = Qᵀ A Q with
//   Q = H_0 H_1 ⋯ H_{n−2}, H_k = I − τ_k v_k v_kᵀ (v_k living in coordinates k+1 .. n−1).
// orgtrT(n, a, lda, tau, q, ldq): Qᵀ = H_{n−2} ⋯ H_0 into q (row-major n×n): q = I, then for
//   k = n−2 down to 0 with τ_k ≠ 0, each row i ≥ k+1: s = dot(q_i[k+1..], v_k),
//   q_i[k+1..] += (−τ_k s)·v_k. Row i of q is column i of Q.
// Dots use the blas1 two-lane order; every other loop is element-wise (one rounding per
// operation, no fused multiply-add), so the TS twin (src/backend/ts/sytrd.ts) is bit-exact.
// Sums of squares are not scaled: the caller scales A by a power of two to max|A_ij| ≤ 1.
import { addr } from './address';
import { scal } from './blas1';
import { axpyLanes, dotLanes } from './simd_loops';

/** y(n) ← (y − s·v) − t·w element by element (byte pointers v, w, y): one row of the rank-2 update. */
// @ts-ignore: decorator
@inline function rank2Row(n: i32, s: f64, w: usize, t: f64, v: usize, y: usize): void {
  const sv = f64x2.splat(s);
  const tv = f64x2.splat(t);
  const even = n & ~1;
  for (let i = 0; i < even; i += 2) {
    const o = (<usize>i) << 3;
    const a = f64x2.sub(v128.load(y + o), f64x2.mul(sv, v128.load(w + o)));
    v128.store(y + o, f64x2.sub(a, f64x2.mul(tv, v128.load(v + o))));
  }
  if (n & 1) {
    const o = (<usize>even) << 3;
    store<f64>(y + o, (load<f64>(y + o) - s * load<f64>(w + o)) - t * load<f64>(v + o));
  }
}

/** Applies H = I − τ v vᵀ on both sides of the trailing block B (m×m, upper, byte pointer b) with work (m). */
function reflectTrailing(m: i32, tau: f64, v: usize, b: usize, ld: usize, workOff: u32): void {
  const work = addr(workOff);
  memory.fill(work, 0, (<usize>m) << 3);
  for (let r = 0; r < m; r++) {
    const row = b + (<usize>r) * ld + ((<usize>r) << 3);
    const o = (<usize>r) << 3;
    store<f64>(work + o, load<f64>(work + o) + dotLanes(row, v + o, m - r));
    axpyLanes(m - r - 1, load<f64>(v + o), row + 8, work + o + 8);
  }
  scal(m, tau, workOff);
  axpyLanes(m, -0.5 * tau * dotLanes(work, v, m), v, work);
  for (let r = 0; r < m; r++) {
    const row = b + (<usize>r) * ld + ((<usize>r) << 3);
    const o = (<usize>r) << 3;
    rank2Row(m - r, load<f64>(v + o), work + o, load<f64>(work + o), v + o, row);
  }
}

/** Tridiagonalises the symmetric n×n A (upper triangle of row-major storage) in place; see the header. */
export function sytrd(n: i32, a: u32, lda: i32, d: u32, e: u32, tau: u32, work: u32): void {
  const ld = (<usize>lda) << 3;
  for (let k = 0; k < n; k++) {
    const akk = addr(a) + (<usize>k) * ld + ((<usize>k) << 3);
    store<f64>(addr(d + <u32>k), load<f64>(akk));
    if (k == n - 1) {
      store<f64>(addr(e + <u32>k), 0.0);
      break;
    }
    const m = n - k - 1;
    const x = akk + 8;
    const alpha = load<f64>(x);
    const sigma = dotLanes(x + 8, x + 8, m - 1);
    if (sigma == 0.0) {
      store<f64>(addr(tau + <u32>k), 0.0);
      store<f64>(addr(e + <u32>k), alpha);
      continue;
    }
    const r = sqrt<f64>(alpha * alpha + sigma);
    const beta = alpha < 0.0 ? r : -r;
    const t = (beta - alpha) / beta;
    scal(m - 1, 1.0 / (alpha - beta), a + <u32>(k * lda + k + 2));
    store<f64>(x, 1.0);
    store<f64>(addr(tau + <u32>k), t);
    store<f64>(addr(e + <u32>k), beta);
    reflectTrailing(m, t, x, akk + ld + 8, ld, work);
  }
}

/** Writes Qᵀ of a finished `sytrd` (reflectors in a, scalars in tau) into the n×n q; see the header. */
export function orgtrT(n: i32, a: u32, lda: i32, tau: u32, q: u32, ldq: i32): void {
  const ldqb = (<usize>ldq) << 3;
  for (let i = 0; i < n; i++) {
    const row = addr(q) + (<usize>i) * ldqb;
    memory.fill(row, 0, (<usize>n) << 3);
    store<f64>(row + ((<usize>i) << 3), 1.0);
  }
  for (let k = n - 2; k >= 0; k--) {
    const t = load<f64>(addr(tau + <u32>k));
    if (t == 0.0) continue;
    const m = n - k - 1;
    const v = addr(a + <u32>(k * lda + k + 1));
    for (let i = k + 1; i < n; i++) {
      const row = addr(q) + (<usize>i) * ldqb + ((<usize>(k + 1)) << 3);
      axpyLanes(m, -t * dotLanes(row, v, m), v, row);
    }
  }
}
