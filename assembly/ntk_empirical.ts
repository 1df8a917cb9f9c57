// Empirical NTK (docs/theory.md#empirical-ntk, eq. 23): the sum of the L×L blocks of a Hadamard product of two
// Gram tiles. With Gd = Δ_I Δ_Jᵀ and Gh = Hh_I Hh_Jᵀ (rows i·L + (l−1) of the stacked δ_l and
// h_{l−1}), out(i, j) += α Σ_{a,b<L} Gd(iL+a, jL+b) · Gh(iL+a, jL+b).
//
// Layout: gd and gh are row-major with the same leading dimension ldg; out is row-major with
// leading dimension ldo. `lower` = 1 marks a diagonal tile (I = J) whose Gram tiles hold only
// their lower triangle (as SYRK leaves them): then only out(i, j) with j ≤ i is updated, and
// block (i, i) is read from its lower triangle using the symmetry of both Grams.
//
// Operation order (the TS twin in src/backend/ts/ntk-empirical.ts repeats it: bit-exact):
// - an off-diagonal block: two lanes s0, s1 accumulate the even and odd columns b of the
//   largest even prefix of each row a (rows in order), a scalar t accumulates the odd last
//   column; sum = (s0 + s1) + t;
// - a diagonal block of a lower tile: for a in order, off += Σ_{b<a} (in order) and
//   diag += the (a, a) term; sum = 2·off + diag;
// - out(i, j) ← out(i, j) + α · sum.
import { addr } from './address';

/** Σ_{a,b<L} gd·gh over one off-diagonal L×L block starting at element offsets pd, ph. */
// @ts-ignore: decorator
@inline function blockSum(L: i32, pd: usize, ph: usize, rowBytes: usize): f64 {
  let acc = f64x2.splat(0.0);
  let t: f64 = 0.0;
  const even = L & ~1;
  for (let a = 0; a < L; a++) {
    const rd = pd + <usize>a * rowBytes;
    const rh = ph + <usize>a * rowBytes;
    for (let b = 0; b < even; b += 2) {
      const o = (<usize>b) << 3;
      acc = f64x2.add(acc, f64x2.mul(v128.load(rd + o), v128.load(rh + o)));
    }
    if (L & 1) {
      const o = (<usize>even) << 3;
      t += load<f64>(rd + o) * load<f64>(rh + o);
    }
  }
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1) + t;
}

/** Σ_{a,b<L} gd·gh over a diagonal block of which only the lower triangle is stored. */
// @ts-ignore: decorator
@inline function lowerBlockSum(L: i32, pd: usize, ph: usize, rowBytes: usize): f64 {
  let off: f64 = 0.0;
  let diag: f64 = 0.0;
  for (let a = 0; a < L; a++) {
    const rd = pd + <usize>a * rowBytes;
    const rh = ph + <usize>a * rowBytes;
    for (let b = 0; b < a; b++) {
      const o = (<usize>b) << 3;
      off += load<f64>(rd + o) * load<f64>(rh + o);
    }
    const o = (<usize>a) << 3;
    diag += load<f64>(rd + o) * load<f64>(rh + o);
  }
  return 2.0 * off + diag;
}

/**
 * out(i, j) += α Σ_{a,b<L} gd(iL+a, jL+b)·gh(iL+a, jL+b) for i < ni, j < nj
 * (j ≤ i only, reading lower triangles, when `lower` = 1; then ni must equal nj).
 */
export function ntkBlockSum(
  ni: i32, nj: i32, L: i32, gd: u32, gh: u32, ldg: i32, lower: i32, alpha: f64, out: u32, ldo: i32,
): void {
  const rowBytes = (<usize>ldg) << 3;
  for (let i = 0; i < ni; i++) {
    const jEnd = lower ? i + 1 : nj;
    const po = addr(out) + ((<usize>i * <usize>ldo) << 3);
    for (let j = 0; j < jEnd; j++) {
      const e = <usize>(i * L) * <usize>ldg + <usize>(j * L);
      const pd = addr(gd) + (e << 3);
      const ph = addr(gh) + (e << 3);
      const sum = lower && i == j ? lowerBlockSum(L, pd, ph, rowBytes) : blockSum(L, pd, ph, rowBytes);
      const p = po + ((<usize>j) << 3);
      store<f64>(p, load<f64>(p) + alpha * sum);
    }
  }
}
