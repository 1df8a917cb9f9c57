// BLAS level 2 on row-major f64 matrices with leading dimensions, and the rank-k update that
// applies the SGD step of docs/theory.md#gradient (W ← W − η Σ_l δ_l h_{l−1}ᵀ) without forming any m×m product.
//
// Operation order (the TS twins in src/backend/ts/blas2.ts repeat it, so results are bit-exact):
// - gemv: per row i, s_i = Σ_j A_ij x_j with two lanes (even j / odd j) over the largest even
//   prefix, s_i = lane0 + lane1, then the odd tail term; y_i = α s_i + β y_i
//   (y_i = α s_i when β = 0: y is then not read, as in reference BLAS).
//   Four rows share each load of x (register blocking); each row keeps its own order.
// - gemvT: y_j ← β y_j (0 when β = 0), then for i = 0, 1, … in order:
//   y_j = y_j + (α x_i) A_ij. Four rows are applied per load/store of y, in the same order.
// - rankUpdate: A_ij = A_ij + (α u_{r,i}) v_{r,j} for r = 0, 1, … in order, per element
//   (other kernels, e.g. the RNN's fused update, rely on this order).
import { addr } from './address';
import { axpy4Lanes, axpyLanes, dotLanes, finishDotLanes } from './simd_loops';

/** y_i ← α s + β y_i, or α s when β = 0. */
// @ts-ignore: decorator
@inline function storeScaled(py: usize, alpha: f64, s: f64, beta: f64): void {
  store<f64>(py, beta == 0.0 ? alpha * s : alpha * s + beta * load<f64>(py));
}

/** y(m) ← α A x + β y, A m×n row-major with leading dimension lda. */
export function gemv(m: i32, n: i32, alpha: f64, a: u32, lda: i32, x: u32, beta: f64, y: u32): void {
  const px = addr(x);
  const rowBytes = (<usize>lda) << 3;
  const even = n & ~1;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const p0 = addr(a) + (<usize>i) * rowBytes;
    const p1 = p0 + rowBytes;
    const p2 = p1 + rowBytes;
    const p3 = p2 + rowBytes;
    let c0 = f64x2.splat(0.0);
    let c1 = f64x2.splat(0.0);
    let c2 = f64x2.splat(0.0);
    let c3 = f64x2.splat(0.0);
    for (let j = 0; j < even; j += 2) {
      const o = (<usize>j) << 3;
      const xv = v128.load(px + o);
      c0 = f64x2.add(c0, f64x2.mul(v128.load(p0 + o), xv));
      c1 = f64x2.add(c1, f64x2.mul(v128.load(p1 + o), xv));
      c2 = f64x2.add(c2, f64x2.mul(v128.load(p2 + o), xv));
      c3 = f64x2.add(c3, f64x2.mul(v128.load(p3 + o), xv));
    }
    const py = addr(y) + ((<usize>i) << 3);
    storeScaled(py, alpha, finishDotLanes(c0, p0, px, even, n), beta);
    storeScaled(py + 8, alpha, finishDotLanes(c1, p1, px, even, n), beta);
    storeScaled(py + 16, alpha, finishDotLanes(c2, p2, px, even, n), beta);
    storeScaled(py + 24, alpha, finishDotLanes(c3, p3, px, even, n), beta);
  }
  for (; i < m; i++) {
    storeScaled(addr(y) + ((<usize>i) << 3), alpha, dotLanes(addr(a) + (<usize>i) * rowBytes, px, n), beta);
  }
}

/** y(n) ← α Aᵀ x + β y, A m×n row-major with leading dimension lda (Aᵀ is never formed). */
export function gemvT(m: i32, n: i32, alpha: f64, a: u32, lda: i32, x: u32, beta: f64, y: u32): void {
  const py = addr(y);
  const px = addr(x);
  const rowBytes = (<usize>lda) << 3;
  if (beta == 0.0) memory.fill(py, 0, (<usize>n) << 3);
  else if (beta != 1.0) {
    for (let j = 0; j < n; j++) {
      const o = (<usize>j) << 3;
      store<f64>(py + o, beta * load<f64>(py + o));
    }
  }
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const p0 = addr(a) + (<usize>i) * rowBytes;
    const p1 = p0 + rowBytes;
    const p2 = p1 + rowBytes;
    const p3 = p2 + rowBytes;
    const s0 = alpha * load<f64>(px + ((<usize>i) << 3));
    const s1 = alpha * load<f64>(px + ((<usize>i + 1) << 3));
    const s2 = alpha * load<f64>(px + ((<usize>i + 2) << 3));
    const s3 = alpha * load<f64>(px + ((<usize>i + 3) << 3));
    axpy4Lanes(n, s0, p0, s1, p1, s2, p2, s3, p3, py);
  }
  for (; i < m; i++) {
    axpyLanes(n, alpha * load<f64>(px + ((<usize>i) << 3)), addr(a) + (<usize>i) * rowBytes, py);
  }
}

/** A_ij ← A_ij + (α u_{r,i}) v_{r,j} over r in order, for one row i and columns [j0, j1) (scalar path). */
function rankUpdateScalar(
  k: i32, alpha: f64, pui: usize, uRow: usize, pv: usize, vRow: usize, pa: usize, j0: i32, j1: i32,
): void {
  for (let j = j0; j < j1; j++) {
    const o = (<usize>j) << 3;
    let t = load<f64>(pa + o);
    for (let r = 0; r < k; r++) {
      t = t + alpha * load<f64>(pui + (<usize>r) * uRow) * load<f64>(pv + (<usize>r) * vRow + o);
    }
    store<f64>(pa + o, t);
  }
}

/**
 * A(m×n) ← A + α Σ_{r<k} u_r v_rᵀ, where u_r is row r of U (k×m, leading dimension ldu) and
 * v_r is row r of V (k×n, leading dimension ldv). A 4×4 block of A stays in registers across
 * r (four rows share each load of v_r); leftover rows and columns take the scalar path.
 */
export function rankUpdate(
  m: i32, n: i32, k: i32, alpha: f64, u: u32, ldu: i32, v: u32, ldv: i32, a: u32, lda: i32,
): void {
  const pu = addr(u);
  const pv = addr(v);
  const uRow = (<usize>ldu) << 3;
  const vRow = (<usize>ldv) << 3;
  const aRow = (<usize>lda) << 3;
  const n4 = n & ~3;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const pa = addr(a) + (<usize>i) * aRow;
    const pui = pu + ((<usize>i) << 3);
    for (let j = 0; j < n4; j += 4) {
      const o = (<usize>j) << 3;
      let a00 = v128.load(pa + o);
      let a01 = v128.load(pa + o, 16);
      let a10 = v128.load(pa + aRow + o);
      let a11 = v128.load(pa + aRow + o, 16);
      let a20 = v128.load(pa + 2 * aRow + o);
      let a21 = v128.load(pa + 2 * aRow + o, 16);
      let a30 = v128.load(pa + 3 * aRow + o);
      let a31 = v128.load(pa + 3 * aRow + o, 16);
      for (let r = 0; r < k; r++) {
        const pr = pui + (<usize>r) * uRow;
        const pvr = pv + (<usize>r) * vRow + o;
        const b0 = v128.load(pvr);
        const b1 = v128.load(pvr, 16);
        let c = f64x2.splat(alpha * load<f64>(pr));
        a00 = f64x2.add(a00, f64x2.mul(c, b0));
        a01 = f64x2.add(a01, f64x2.mul(c, b1));
        c = f64x2.splat(alpha * load<f64>(pr, 8));
        a10 = f64x2.add(a10, f64x2.mul(c, b0));
        a11 = f64x2.add(a11, f64x2.mul(c, b1));
        c = f64x2.splat(alpha * load<f64>(pr, 16));
        a20 = f64x2.add(a20, f64x2.mul(c, b0));
        a21 = f64x2.add(a21, f64x2.mul(c, b1));
        c = f64x2.splat(alpha * load<f64>(pr, 24));
        a30 = f64x2.add(a30, f64x2.mul(c, b0));
        a31 = f64x2.add(a31, f64x2.mul(c, b1));
      }
      v128.store(pa + o, a00);
      v128.store(pa + o, a01, 16);
      v128.store(pa + aRow + o, a10);
      v128.store(pa + aRow + o, a11, 16);
      v128.store(pa + 2 * aRow + o, a20);
      v128.store(pa + 2 * aRow + o, a21, 16);
      v128.store(pa + 3 * aRow + o, a30);
      v128.store(pa + 3 * aRow + o, a31, 16);
    }
    for (let q = 0; q < 4; q++) {
      rankUpdateScalar(k, alpha, pui + ((<usize>q) << 3), uRow, pv, vRow, pa + (<usize>q) * aRow, n4, n);
    }
  }
  for (; i < m; i++) {
    rankUpdateScalar(k, alpha, pu + ((<usize>i) << 3), uRow, pv, vRow, addr(a) + (<usize>i) * aRow, 0, n);
  }
}
