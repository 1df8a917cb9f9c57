// Portable log(1 + x): the same bits in every JavaScript engine (Math.log1p is not specified to
// the last bit), from IEEE-754 basic operations and exponent-bit manipulation only.
import { fromWords, highWord, lowWord } from './float-bits.js';

const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42FEE00000: k·LN2_HI is exact for |k| < 2000
const LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
const LP1 = 6.666666666666735130e-1; // Remez coefficients of fdlibm s_log1p.c (error ≤ 2^−58.45)
const LP2 = 3.999999999940941908e-1;
const LP3 = 2.857142874366239149e-1;
const LP4 = 2.222219843214978396e-1;
const LP5 = 1.818357216161805012e-1;
const LP6 = 1.531383769920937332e-1;
const LP7 = 1.479819860511658591e-1;

/**
 * log(1 + x), bit-identical in every engine. Method (fdlibm/FreeBSD s_log1p.c, as in musl):
 * 1 + x = 2^k·(1 + f) with √2/2 < 1 + f < √2, plus the rounding correction c ≈ ((1+x) − u)/u
 * of u = fl(1 + x) when k ≠ 0; s = f/(2 + f), log(1+f) = f − (f²/2 − s(f²/2 + R(s²))) with R a
 * degree-14 Remez polynomial; the result is k·ln2_hi + (… + k·ln2_lo + c). Accuracy: < 1 ulp
 * (fdlibm's error analysis). log1p(−1) = −∞, NaN for x < −1 or NaN, log1p(+∞) = +∞, log1p(±0) = ±0.
 */
export function portableLog1p(x: number): number {
  const hx = highWord(x);
  const negative = hx >>> 31 === 1;
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (negative || hx < 0x3fda827a) {
    // 1 + x < √2
    if (negative && ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN; // x ≤ −1 (or −∞, −NaN)
    if (ax < 0x3e200000) {
      // |x| < 2^−29: log1p x = x − x²/2 to < 1 ulp
      if (ax < 0x3c900000) return x;
      return x - x * x * 0.5;
    }
    if (!negative || hx <= 0xbfd2bec4) {
      // √2/2 ≤ 1 + x < √2: no reduction, f = x exactly
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (ax >= 0x7ff00000) return x + x; // +∞ or NaN
  if (k !== 0) {
    let u: number;
    if (negative || hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >>> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // (1 + x) − u, exactly
      c /= u;
    } else {
      u = x; // x ≥ 2^53: 1 + x rounds to x and log1p x = log x
      hu = highWord(u);
      k = (hu >>> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = fromWords(hu | 0x3ff00000, lowWord(u)); // u scaled into [1, √2)
    } else {
      k += 1;
      u = fromWords(hu | 0x3fe00000, lowWord(u)); // u/2 in [√2/2, 1)
      hu = (0x00100000 - hu) >>> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^−20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + (c + k * LN2_LO);
    const r = hfsq * (1 - 0.66666666666666666 * f);
    return k === 0 ? f - r : k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + r));
  return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
}
