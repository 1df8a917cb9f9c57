// arccos on both lanes of an f64x2, lane for lane the same bits as the scalar `pacos`
// (assembly/portable_trig.ts): when both lanes take the same branch of musl's acos, that
// branch runs as f64x2 operations in the scalar order (wasm SIMD has no fused multiply-add,
// so each lane rounds exactly as the scalar code); otherwise each lane goes through `pacos`.
// Used by the analytic-kernel loop (assembly/ntk.ts). Not re-exported by assembly/index.ts.
import { pacos } from './portable_trig';
import {
  PIO2_HI, PIO2_LO, PS0, PS1, PS2, PS3, PS4, PS5, QS1, QS2, QS3, QS4, highWord,
} from './trig_constants';

/** Branches of musl's acos that have a two-lane version (others: OTHER, scalar). */
const MIDDLE: i32 = 0; // 2^-57 < |x| < 1/2
const UPPER: i32 = 1; // 1/2 ≤ x < 1
const LOWER: i32 = 2; // −1 < x ≤ −1/2
const OTHER: i32 = 3; // |x| ≤ 2^-57, |x| ≥ 1, NaN

// @ts-ignore: decorator
@inline function branchOf(x: f64): i32 {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) return OTHER;
  if (ix < 0x3fe00000) return ix <= 0x3c600000 ? OTHER : MIDDLE;
  return hx >> 31 ? LOWER : UPPER;
}

/** musl's R(z) = z·P(z)/Q(z), lane-wise, in the scalar order. */
// @ts-ignore: decorator
@inline function rationalLanes(z: v128): v128 {
  let p = f64x2.add(f64x2.splat(PS4), f64x2.mul(z, f64x2.splat(PS5)));
  p = f64x2.add(f64x2.splat(PS3), f64x2.mul(z, p));
  p = f64x2.add(f64x2.splat(PS2), f64x2.mul(z, p));
  p = f64x2.add(f64x2.splat(PS1), f64x2.mul(z, p));
  p = f64x2.add(f64x2.splat(PS0), f64x2.mul(z, p));
  p = f64x2.mul(z, p);
  let q = f64x2.add(f64x2.splat(QS3), f64x2.mul(z, f64x2.splat(QS4)));
  q = f64x2.add(f64x2.splat(QS2), f64x2.mul(z, q));
  q = f64x2.add(f64x2.splat(QS1), f64x2.mul(z, q));
  q = f64x2.add(f64x2.splat(1.0), f64x2.mul(z, q));
  return f64x2.div(p, q);
}

/**
 * arccos of both lanes of x ∈ [−1, 1]², bit-identical to `pacos` on each lane.
 * Deliberately not @inline: inlined at pairQuad's two call sites it made H∞ about 60% slower
 * (n = 1000, L = 32: 240 → 390 ms). The compiler's AS112 warning about its v128 signature is
 * harmless: it is not a wasm export (index.ts does not re-export this file).
 */
export function pacosLanes(x: v128): v128 {
  const x0 = f64x2.extract_lane(x, 0);
  const x1 = f64x2.extract_lane(x, 1);
  const branch = branchOf(x0);
  if (branch != branchOf(x1) || branch == OTHER) {
    return f64x2.replace_lane(f64x2.splat(pacos(x0)), 1, pacos(x1));
  }
  const half = f64x2.splat(0.5);
  const two = f64x2.splat(2.0);
  const one = f64x2.splat(1.0);
  const hi = f64x2.splat(PIO2_HI);
  const lo = f64x2.splat(PIO2_LO);
  if (branch == MIDDLE) {
    // π/2 − (x − (lo − x·R(x²)))
    const r = rationalLanes(f64x2.mul(x, x));
    return f64x2.sub(hi, f64x2.sub(x, f64x2.sub(lo, f64x2.mul(x, r))));
  }
  if (branch == LOWER) {
    // z = (1 + x)/2, s = √z, w = R(z)·s − lo, 2(π/2 − (s + w))
    const z = f64x2.mul(f64x2.add(one, x), half);
    const s = f64x2.sqrt(z);
    const w = f64x2.sub(f64x2.mul(rationalLanes(z), s), lo);
    return f64x2.mul(two, f64x2.sub(hi, f64x2.add(s, w)));
  }
  // UPPER: z = (1 − x)/2, s = √z, df = s with its low word cleared, c = (z − df²)/(s + df),
  // w = R(z)·s + c, 2(df + w)
  const z = f64x2.mul(f64x2.sub(one, x), half);
  const s = f64x2.sqrt(z);
  const df = v128.and(s, i64x2.splat(0xffffffff00000000));
  const c = f64x2.div(f64x2.sub(z, f64x2.mul(df, df)), f64x2.add(s, df));
  const w = f64x2.add(f64x2.mul(rationalLanes(z), s), c);
  return f64x2.mul(two, f64x2.add(df, w));
}
