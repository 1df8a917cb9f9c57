// Blocked Cholesky factorisation A = L Lᵀ, lower, in place, row-major with leading dimension.
// Only entries i ≥ j are read or written; the strict upper triangle is untouched.
//
// Right-looking, block columns of NB: for k0 = 0, NB, 2NB, …
//   1. panel: for the rows i ≥ k0 and the columns j of [k0, k0 + nb), j ≤ i, in order of rows
//      then columns (Cholesky–Banachiewicz within the panel):
//        s = dot(L_i[k0 .. j), L_j[k0 .. j))   (blas1 `dot` order: even/odd lanes, then tail)
//        L_ij = (A_ij − s) / L_jj  for j < i;   pivot d_i = A_ii − s,  L_ii = √d_i;
//   2. trailing update A22 ← A22 − L21 L21ᵀ on the lower triangle (the gemm engine's order,
//      assembly/gemm_blocking.ts, with α = −1 and depth nb).
// The TS twin (src/backend/ts/potrf.ts) runs the same steps, so results are bit-exact.
// The steps are also exported one by one (potrfDiagonal, potrfPanelRows; the trailing update
// is syrk with β = 1, α = −1), so the threaded driver (src/parallel/) can split the panel rows
// and the trailing update over threads with the same bits.
// Rows below the diagonal block are processed four at a time and columns two at a time, sharing
// each load of L_j and of the rows; each dot keeps the `dot` order.
//
// Returns −1 on success, else the 0-based index p of the first pivot d_p that is not a finite
// number > 0; d_p (before the square root) is then stored in a[p, p] for the caller to report,
// and the rest of the matrix is unspecified.
import { addr } from './address';
import { dot } from './blas1';
import { gemmAccumulate } from './gemm_blocking';
import { plog } from './portable_math';
import { dotLanes, finishDotLanes } from './simd_loops';

/** Block-column width; must equal CHOLESKY_BLOCK in src/backend/blocked-accumulate.ts. */
const NB: i32 = 96;

/** L_ij ← (A_ij − s) / L_jj at byte pointers: `pij` the entry, `pjj` the diagonal of row j. */
// @ts-ignore: decorator
@inline function eliminate(pij: usize, s: f64, pjj: usize): void {
  store<f64>(pij, (load<f64>(pij) - s) / load<f64>(pjj));
}

/** Byte pointer of row i of the matrix at `a` at column k0. */
// @ts-ignore: decorator
@inline function rowAt(i: i32, k0: i32, a: u32, lda: i32): usize {
  return addr(a) + (<usize>i) * ((<usize>lda) << 3) + ((<usize>k0) << 3);
}

/**
 * Panel rows i .. i+3 (all below the diagonal block): columns k0 .. k0+nb, two columns c, c + 1
 * (c even) per pass, so each load of a row serves both dots and each load of L_c, L_{c+1} all
 * four rows. Column c's dot has no odd tail; column c + 1's has the tail q = c, added by
 * finishDotLanes after L_ic is stored — each dot keeps the blas1 `dot` order.
 */
function panelRows4(i: i32, k0: i32, nb: i32, a: u32, lda: i32): void {
  const ld = (<usize>lda) << 3;
  const p0 = rowAt(i, k0, a, lda);
  const p1 = p0 + ld;
  const p2 = p1 + ld;
  const p3 = p2 + ld;
  let c = 0;
  for (; c + 2 <= nb; c += 2) {
    const pj = rowAt(k0 + c, k0, a, lda);
    const pk = pj + ld;
    let s0 = f64x2.splat(0.0);
    let s1 = f64x2.splat(0.0);
    let s2 = f64x2.splat(0.0);
    let s3 = f64x2.splat(0.0);
    let t0 = f64x2.splat(0.0);
    let t1 = f64x2.splat(0.0);
    let t2 = f64x2.splat(0.0);
    let t3 = f64x2.splat(0.0);
    for (let q = 0; q < c; q += 2) {
      const o = (<usize>q) << 3;
      const lj = v128.load(pj + o);
      const lk = v128.load(pk + o);
      let x = v128.load(p0 + o);
      s0 = f64x2.add(s0, f64x2.mul(x, lj));
      t0 = f64x2.add(t0, f64x2.mul(x, lk));
      x = v128.load(p1 + o);
      s1 = f64x2.add(s1, f64x2.mul(x, lj));
      t1 = f64x2.add(t1, f64x2.mul(x, lk));
      x = v128.load(p2 + o);
      s2 = f64x2.add(s2, f64x2.mul(x, lj));
      t2 = f64x2.add(t2, f64x2.mul(x, lk));
      x = v128.load(p3 + o);
      s3 = f64x2.add(s3, f64x2.mul(x, lj));
      t3 = f64x2.add(t3, f64x2.mul(x, lk));
    }
    const oc = (<usize>c) << 3;
    eliminate(p0 + oc, finishDotLanes(s0, p0, pj, c, c), pj + oc);
    eliminate(p1 + oc, finishDotLanes(s1, p1, pj, c, c), pj + oc);
    eliminate(p2 + oc, finishDotLanes(s2, p2, pj, c, c), pj + oc);
    eliminate(p3 + oc, finishDotLanes(s3, p3, pj, c, c), pj + oc);
    const od = oc + 8;
    eliminate(p0 + od, finishDotLanes(t0, p0, pk, c, c + 1), pk + od);
    eliminate(p1 + od, finishDotLanes(t1, p1, pk, c, c + 1), pk + od);
    eliminate(p2 + od, finishDotLanes(t2, p2, pk, c, c + 1), pk + od);
    eliminate(p3 + od, finishDotLanes(t3, p3, pk, c, c + 1), pk + od);
  }
  if (c < nb) {
    // the last column of an odd-width panel (potrf itself only passes even widths), row by row
    const pj = rowAt(k0 + c, k0, a, lda);
    const oc = (<usize>c) << 3;
    for (let r: usize = 0; r < 4; r++) {
      const pr = p0 + r * ld;
      eliminate(pr + oc, dotLanes(pr, pj, c), pj + oc);
    }
  }
}

/**
 * Diagonal block of block column [k0, k0 + nb): rows k0 .. k0+nb−1, row by row, with their
 * pivots. Returns −1, or the global index of the failing pivot.
 */
export function potrfDiagonal(k0: i32, nb: i32, a: u32, lda: i32): i32 {
  for (let r = 0; r < nb; r++) {
    const i = k0 + r;
    const rowI = a + <u32>(i * lda + k0);
    for (let c = 0; c < r; c++) {
      const rowJ = a + <u32>((k0 + c) * lda + k0);
      const s = dot(c, rowI, rowJ);
      eliminate(addr(rowI + <u32>c), s, addr(rowJ + <u32>c));
    }
    const pii = addr(rowI + <u32>r);
    const d = load<f64>(pii) - dot(r, rowI, rowI);
    if (!(d > 0.0) || !isFinite<f64>(d)) {
      store<f64>(pii, d);
      return i;
    }
    store<f64>(pii, sqrt<f64>(d));
  }
  return -1;
}

/**
 * Panel rows i0 .. i1−1 (all below the diagonal block, which potrfDiagonal has factored):
 * columns k0 .. k0+nb. Every row is independent of the others (same bits whatever the split).
 */
export function potrfPanelRows(i0: i32, i1: i32, k0: i32, nb: i32, a: u32, lda: i32): void {
  let i = i0;
  for (; i + 4 <= i1; i += 4) panelRows4(i, k0, nb, a, lda);
  for (; i < i1; i++) {
    const rowI = a + <u32>(i * lda + k0);
    for (let c = 0; c < nb; c++) {
      const rowJ = a + <u32>((k0 + c) * lda + k0);
      eliminate(addr(rowI + <u32>c), dot(c, rowI, rowJ), addr(rowJ + <u32>c));
    }
  }
}

/** In-place lower Cholesky of the n×n matrix at `a` (leading dimension lda); −1 or the failing pivot. */
export function potrf(n: i32, a: u32, lda: i32): i32 {
  for (let k0 = 0; k0 < n; k0 += NB) {
    const nb = min(NB, n - k0);
    const p = potrfDiagonal(k0, nb, a, lda);
    if (p >= 0) return p;
    potrfPanelRows(k0 + nb, n, k0, nb, a, lda);
    const rest = n - k0 - nb;
    if (rest > 0) {
      const l21 = a + <u32>((k0 + nb) * lda + k0);
      const a22 = a + <u32>((k0 + nb) * lda + k0 + nb);
      gemmAccumulate(false, true, rest, rest, nb, -1.0, l21, lda, l21, lda, a22, lda, true);
    }
  }
  return -1;
}

/**
 * log det(L Lᵀ) = 2 Σ_i log L_ii for a Cholesky factor (diagonal assumed > 0), summed in order
 * i = 0, 1, … with the portable `plog`, so every engine and both backends give the same bits.
 */
export function cholLogDet(n: i32, l: u32, ldl: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < n; i++) s += plog(load<f64>(addr(l + <u32>(i * ldl + i))));
  return 2.0 * s;
}
