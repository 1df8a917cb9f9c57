// Triangular solves with a lower-triangular factor L (n×n, row-major, leading dimension ldl;
// only entries i ≥ j are read), in place on the right-hand side(s):
//   trans 0: L X = B (forward substitution);  trans 1: Lᵀ X = B (back substitution).
//
// Operation order (the TS twins in src/backend/ts/trsm.ts repeat it, so results are bit-exact):
// - trsv, trans 0: x_i = (x_i − dot(L_i[0 .. i), x[0 .. i))) / L_ii, i ascending (blas1 `dot` order);
// - trsv, trans 1: for i descending: x_i = x_i / L_ii, then x_j = (−x_i)·L_ij + x_j for j < i
//   (blas1 `axpy`), so L is read along rows;
// - trsm (B n×nrhs, leading dimension ldb), per entry: t = B_ik; t = t − L_ij·X_jk over
//   j = 0 .. i−1 ascending (trans 0) or t = t − L_ji·X_jk over j = i+1 .. n−1 ascending
//   (trans 1); X_ik = t / L_ii. Rows are processed in dependency order; eight columns are
//   kept in registers at a time.
import { addr } from './address';
import { axpy4Lanes, axpyLanes, dotLanes, finishDotLanes } from './simd_loops';

/** x_i ← (x_i − s) / L_ii at byte pointers: `px` the vector, `row` row i of L. */
// @ts-ignore: decorator
@inline function divideOut(px: usize, row: usize, i: i32, s: f64): f64 {
  const pi = px + ((<usize>i) << 3);
  const xi = (load<f64>(pi) - s) / load<f64>(row + ((<usize>i) << 3));
  store<f64>(pi, xi);
  return xi;
}

/** x_j ← x_j + s·L_rj (one element of an `axpy` along row r of L). */
// @ts-ignore: decorator
@inline function axpyOne(px: usize, row: usize, j: i32, s: f64): void {
  const o = (<usize>j) << 3;
  store<f64>(px + o, load<f64>(px + o) + s * load<f64>(row + o));
}

/**
 * Forward substitution, rows i .. i+3 (i a multiple of 4): the four `dot` sums share every
 * load of x[0 .. i) and stream four rows of L at once (one stream is latency-bound, about
 * 6 GB/s here, well below what the memory gives to several); then each row finishes its own
 * sum in the `dot` order — the pair (i, i+1) for rows i+2 and i+3, the odd tail for rows i+1
 * and i+3 — once the x it needs is solved.
 */
function forwardRows4(i: i32, l: usize, ld: usize, px: usize): void {
  const p0 = l + (<usize>i) * ld;
  const p1 = p0 + ld;
  const p2 = p1 + ld;
  const p3 = p2 + ld;
  let s0 = f64x2.splat(0.0);
  let s1 = f64x2.splat(0.0);
  let s2 = f64x2.splat(0.0);
  let s3 = f64x2.splat(0.0);
  for (let q = 0; q < i; q += 2) {
    const o = (<usize>q) << 3;
    const xq = v128.load(px + o);
    s0 = f64x2.add(s0, f64x2.mul(v128.load(p0 + o), xq));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(p1 + o), xq));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(p2 + o), xq));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(p3 + o), xq));
  }
  divideOut(px, p0, i, finishDotLanes(s0, p0, px, i, i));
  divideOut(px, p1, i + 1, finishDotLanes(s1, p1, px, i, i + 1));
  const o = (<usize>i) << 3;
  const xq = v128.load(px + o);
  s2 = f64x2.add(s2, f64x2.mul(v128.load(p2 + o), xq));
  s3 = f64x2.add(s3, f64x2.mul(v128.load(p3 + o), xq));
  divideOut(px, p2, i + 2, finishDotLanes(s2, p2, px, i + 2, i + 2));
  divideOut(px, p3, i + 3, finishDotLanes(s3, p3, px, i + 2, i + 3));
}

/**
 * Back substitution, rows i−3 .. i (top down: i−3 is the first row of the group): the rows are
 * solved in descending order with the in-group `axpy` elements one by one, then x[0 .. i−3) is
 * updated by all four rows in one pass (`axpy4Lanes`, the rows' `axpy`s applied in the same
 * descending order to each element), so L is streamed four rows at a time.
 */
function backRows4(i: i32, l: usize, ld: usize, px: usize): void {
  const r3 = l + (<usize>i) * ld;
  const r2 = r3 - ld;
  const r1 = r2 - ld;
  const r0 = r1 - ld;
  const x3 = divideOut(px, r3, i, 0.0);
  axpyOne(px, r3, i - 1, -x3);
  axpyOne(px, r3, i - 2, -x3);
  axpyOne(px, r3, i - 3, -x3);
  const x2 = divideOut(px, r2, i - 1, 0.0);
  axpyOne(px, r2, i - 2, -x2);
  axpyOne(px, r2, i - 3, -x2);
  const x1 = divideOut(px, r1, i - 2, 0.0);
  axpyOne(px, r1, i - 3, -x1);
  const x0 = divideOut(px, r0, i - 3, 0.0);
  axpy4Lanes(i - 3, -x3, r3, -x2, r2, -x1, r1, -x0, r0, px);
}

/**
 * Solves L x = b (trans 0) or Lᵀ x = b (trans 1) in place in x (n), in the order of the file
 * header, four rows of L at a time (the per-element operations are those of the one-row loop).
 */
export function trsv(n: i32, l: u32, ldl: i32, x: u32, trans: i32): void {
  const pl = addr(l);
  const px = addr(x);
  const ld = (<usize>ldl) << 3;
  if (trans == 0) {
    let i = 0;
    for (; i + 4 <= n; i += 4) forwardRows4(i, pl, ld, px);
    for (; i < n; i++) {
      const row = pl + (<usize>i) * ld;
      divideOut(px, row, i, dotLanes(row, px, i));
    }
  } else {
    let i = n - 1;
    for (; i >= 3; i -= 4) backRows4(i, pl, ld, px);
    for (; i >= 0; i--) {
      const row = pl + (<usize>i) * ld;
      const xi = divideOut(px, row, i, 0.0);
      axpyLanes(i, -xi, row, px);
    }
  }
}

/**
 * Row i of X (columns [k0, k0 + width), width ≤ 8 in f64x2 pairs, then scalars) ←
 * (B_i − Σ_j L(i, j) X_j) / L_ii over the rows j in [j0, j1), where L(i, j) is at
 * l + i·li + j·lj (li, lj element strides: (ldl, 1) for L, (1, ldl) for Lᵀ).
 */
function solveRowChunk(
  i: i32, j0: i32, j1: i32, l: u32, li: i32, lj: i32, b: u32, ldb: i32, k0: i32, width: i32,
): void {
  const rowBytes = (<usize>ldb) << 3;
  const pbi = addr(b + <u32>(i * ldb + k0));
  const lii = load<f64>(addr(l + <u32>(i * li + i * lj)));
  const pl = addr(l + <u32>(i * li));
  const ljBytes = (<usize>lj) << 3;
  if (width == 8) {
    let t0 = v128.load(pbi);
    let t1 = v128.load(pbi, 16);
    let t2 = v128.load(pbi, 32);
    let t3 = v128.load(pbi, 48);
    for (let j = j0; j < j1; j++) {
      const c = v128.load64_splat(pl + (<usize>j) * ljBytes);
      const pbj = addr(b + <u32>k0) + (<usize>j) * rowBytes;
      t0 = f64x2.sub(t0, f64x2.mul(c, v128.load(pbj)));
      t1 = f64x2.sub(t1, f64x2.mul(c, v128.load(pbj, 16)));
      t2 = f64x2.sub(t2, f64x2.mul(c, v128.load(pbj, 32)));
      t3 = f64x2.sub(t3, f64x2.mul(c, v128.load(pbj, 48)));
    }
    const d = f64x2.splat(lii);
    v128.store(pbi, f64x2.div(t0, d));
    v128.store(pbi, f64x2.div(t1, d), 16);
    v128.store(pbi, f64x2.div(t2, d), 32);
    v128.store(pbi, f64x2.div(t3, d), 48);
    return;
  }
  for (let k = 0; k < width; k++) {
    const pik = pbi + ((<usize>k) << 3);
    let t = load<f64>(pik);
    for (let j = j0; j < j1; j++) {
      t -= load<f64>(pl + (<usize>j) * ljBytes) * load<f64>(addr(b + <u32>(k0 + k)) + (<usize>j) * rowBytes);
    }
    store<f64>(pik, t / lii);
  }
}

/** Solves L X = B (trans 0) or Lᵀ X = B (trans 1) in place in B (n×nrhs, leading dimension ldb). */
export function trsm(n: i32, nrhs: i32, l: u32, ldl: i32, b: u32, ldb: i32, trans: i32): void {
  for (let k0 = 0; k0 < nrhs; k0 += 8) {
    const width = min(8, nrhs - k0);
    if (trans == 0) {
      for (let i = 0; i < n; i++) solveRowChunk(i, 0, i, l, ldl, 1, b, ldb, k0, width);
    } else {
      for (let i = n - 1; i >= 0; i--) solveRowChunk(i, i + 1, n, l, 1, ldl, b, ldb, k0, width);
    }
  }
}
