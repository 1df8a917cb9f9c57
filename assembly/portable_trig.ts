// Inverse sine and cosine built from IEEE-754 basic operations only (+ − × ÷ √ and bit
// masking), so that the TS twins (src/numeric/portable-trig.ts) give the same bits in every
// JavaScript engine (JS Math.acos differs by 1 ulp between Node and Chromium).
//
// Method: a port of musl's asin/acos (from FreeBSD msun e_asin.c / e_acos.c, Sun
// Microsystems 1993): asin x = x + x·R(x²) for |x| < 1/2, and for |x| ≥ 1/2 the identity
// asin x = π/2 − 2 asin √((1−|x|)/2) with the same rational R(z) = z·P(z)/Q(z), π/2 split
// into hi + lo parts. Accuracy: < 1 ulp. |x| > 1 or NaN gives NaN (callers clamp first).
// The operation order below is the contract the twin repeats (bit-exact).

import { PIO2_HI, PIO2_LO, clearLowWord, highWord, rational } from './trig_constants';

/** arcsin x for x ∈ [−1, 1] (musl asin); NaN outside. */
export function pasin(x: f64): f64 {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    const lx = <u32>reinterpret<u64>(x);
    if (((ix - 0x3ff00000) | lx) == 0) return x * PIO2_HI;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    if (ix < 0x3e500000 && ix >= 0x00100000) return x;
    return x + x * rational(x * x);
  }
  const z = (1.0 - abs<f64>(x)) * 0.5;
  const s = sqrt<f64>(z);
  const r = rational(z);
  let y: f64;
  if (ix >= 0x3fef3333) {
    y = PIO2_HI - (2.0 * (s + s * r) - PIO2_LO);
  } else {
    const f = clearLowWord(s);
    const c = (z - f * f) / (s + f);
    y = 0.5 * PIO2_HI - (2.0 * s * r - (PIO2_LO - 2.0 * c) - (0.5 * PIO2_HI - 2.0 * f));
  }
  return hx >> 31 ? -y : y;
}

/** arccos x for x ∈ [−1, 1] (musl acos); NaN outside. pacos(1) = 0, pacos(−1) = π exactly. */
export function pacos(x: f64): f64 {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    const lx = <u32>reinterpret<u64>(x);
    if (((ix - 0x3ff00000) | lx) == 0) return hx >> 31 ? 2.0 * PIO2_HI : 0.0;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    if (ix <= 0x3c600000) return PIO2_HI;
    return PIO2_HI - (x - (PIO2_LO - x * rational(x * x)));
  }
  if (hx >> 31) {
    const z = (1.0 + x) * 0.5;
    const s = sqrt<f64>(z);
    const w = rational(z) * s - PIO2_LO;
    return 2.0 * (PIO2_HI - (s + w));
  }
  const z = (1.0 - x) * 0.5;
  const s = sqrt<f64>(z);
  const df = clearLowWord(s);
  const c = (z - df * df) / (s + df);
  const w = rational(z) * s + c;
  return 2.0 * (df + w);
}
