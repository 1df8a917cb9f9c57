// Inverse sine and cosine built from IEEE-754 basic operations only (+ − × ÷ √ and bit
// masking), so that the TS twins (src/numeric/portable-trig.ts) give the same bits in every
// JavaScript engine (JS Math.acos differs by 1 ulp between Node and Chromium).
//
// Method: a port of musl's asin/acos (from FreeBSD msun e_asin.c / e_acos.c, Sun
// Microsystems 1993): asin x = x + x·R(x²) for |x| < 1/2, and for |x| ≥ 1/2 the identity
// asin x = π/2 − 2 asin √((1−|x|)/2) with the same rational R(z) = z·P(z)/Q(z), π/2 split
// into hi + lo parts. Accuracy: < 1 ulp. |x| > 1 or NaN gives NaN (callers clamp first).
// The operation order below is the contract the twin repeats (bit-exact).

const PIO2_HI: f64 = 1.5707963267948965580e+00; // 0x3FF921FB54442D18
const PIO2_LO: f64 = 6.12323399573676603587e-17; // 0x3C91A62633145C07
const PS0: f64 = 1.66666666666666657415e-01;
const PS1: f64 = -3.25565818622400915405e-01;
const PS2: f64 = 2.01212532134862925881e-01;
const PS3: f64 = -4.00555345006794114027e-02;
const PS4: f64 = 7.91534994289814532176e-04;
const PS5: f64 = 3.47933107596021167570e-05;
const QS1: f64 = -2.40339491173441421878e+00;
const QS2: f64 = 2.02094576023350569471e+00;
const QS3: f64 = -6.88283971605453293030e-01;
const QS4: f64 = 7.70381505559019352791e-02;

/** musl's rational approximation R(z) = z·P(z)/Q(z) of (asin √z − √z)/√z³ on [0, 1/4]. */
// @ts-ignore: decorator
@inline function rational(z: f64): f64 {
  const p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
  const q = 1.0 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
  return p / q;
}

/** The upper 32 bits of x's IEEE representation. */
// @ts-ignore: decorator
@inline function highWord(x: f64): u32 {
  return <u32>(reinterpret<u64>(x) >> 32);
}

/** x with the lower 32 bits of its representation cleared. */
// @ts-ignore: decorator
@inline function clearLowWord(x: f64): f64 {
  return reinterpret<f64>(reinterpret<u64>(x) & 0xffffffff00000000);
}

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
