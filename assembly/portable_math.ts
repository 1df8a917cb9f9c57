// Transcendental functions built from IEEE-754 basic operations only (+ − × ÷ √ and exponent
// bit manipulation), so that the TS twins in src/backend/ts/portable-math.ts produce the same
// bits in every JavaScript engine. Each function states its method and accuracy.

const LN2_HI: f64 = 6.93147180369123816490e-01; // high bits of ln 2 (musl's split)
const LN2_LO: f64 = 1.90821492927058770002e-10; // ln 2 − LN2_HI
const SQRT2: f64 = 1.4142135623730951;

/**
 * Natural logarithm of a positive finite x.
 * Method: x = 2^k · r with r ∈ [√½, √2); log r = 2 atanh(s), s = (r − 1)/(r + 1), by the
 * series 2s Σ_{j=0..11} s^{2j}/(2j+1) (|s| ≤ 0.1716, truncation < 1e−19 relative);
 * log x = k·ln2_hi + (k·ln2_lo + log r). Accuracy: about 2 ulp. Non-positive or non-finite
 * input returns NaN (callers validate first).
 */
export function plog(x: f64): f64 {
  if (!(x > 0.0) || !isFinite(x)) return NaN;
  let k: i32 = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984.0; // 2^54: lift subnormals into the normal range
    k = -54;
  }
  const bits = reinterpret<u64>(x);
  k += <i32>((bits >> 52) & 0x7ff) - 1023;
  let r = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (r > SQRT2) {
    r *= 0.5;
    k += 1;
  }
  const s = (r - 1.0) / (r + 1.0);
  const z = s * s;
  let p = 1.0 / 23.0;
  p = 1.0 / 21.0 + z * p;
  p = 1.0 / 19.0 + z * p;
  p = 1.0 / 17.0 + z * p;
  p = 1.0 / 15.0 + z * p;
  p = 1.0 / 13.0 + z * p;
  p = 1.0 / 11.0 + z * p;
  p = 1.0 / 9.0 + z * p;
  p = 1.0 / 7.0 + z * p;
  p = 1.0 / 5.0 + z * p;
  p = 1.0 / 3.0 + z * p;
  p = 1.0 + z * p;
  const logr = 2.0 * s * p;
  const fk = <f64>k;
  return fk * LN2_HI + (fk * LN2_LO + logr);
}
