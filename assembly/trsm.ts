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
import { axpy, dot } from './blas1';

/** Solves L x = b (trans 0) or Lᵀ x = b (trans 1) in place in x (n). */
export function trsv(n: i32, l: u32, ldl: i32, x: u32, trans: i32): void {
  if (trans == 0) {
    for (let i = 0; i < n; i++) {
      const row = l + <u32>(i * ldl);
      const px = addr(x + <u32>i);
      store<f64>(px, (load<f64>(px) - dot(i, row, x)) / load<f64>(addr(row + <u32>i)));
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      const row = l + <u32>(i * ldl);
      const px = addr(x + <u32>i);
      const xi = load<f64>(px) / load<f64>(addr(row + <u32>i));
      store<f64>(px, xi);
      axpy(i, -xi, row, x);
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
