// Portable exponential: the same bits in every JavaScript engine (JS Math.exp is not specified
// to the last bit and differs between engines), built from IEEE-754 basic operations only.
// It feeds ℓ'(y f) into the SGD update, so training is bit-reproducible everywhere.

const LN2_HI = 6.93147180369123816490e-1; // ln 2 split as in fdlibm/musl: k·LN2_HI is exact
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e0;
const P1 = 1.66666666666666019037e-1; // Remez coefficients of fdlibm's e_exp.c
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const OVERFLOW = 709.782712893383973096; // above: e^x > largest double
const UNDERFLOW = -745.13321910194110842; // below: e^x < half the smallest subnormal

const scratch = new DataView(new ArrayBuffer(8));

/** 2^k for an integer k in [−1022, 1023], built from its exponent bits. */
function powerOfTwo(k: number): number {
  scratch.setUint32(0, 0, true);
  scratch.setUint32(4, (k + 1023) << 20, true);
  return scratch.getFloat64(0, true);
}

/** y · 2^k without double rounding (musl's scalbn). */
function scaleByPowerOfTwo(y: number, k: number): number {
  if (k > 1023) {
    y *= powerOfTwo(1023);
    k -= 1023;
    if (k > 1023) {
      y *= powerOfTwo(1023);
      k -= 1023;
      if (k > 1023) k = 1023;
    }
  } else if (k < -1022) {
    // 2^−1022 · 2^53: scale while the result stays normal, round only at the final product
    y *= powerOfTwo(-1022) * powerOfTwo(53);
    k += 1022 - 53;
    if (k < -1022) {
      y *= powerOfTwo(-1022) * powerOfTwo(53);
      k += 1022 - 53;
      if (k < -1022) k = -1022;
    }
  }
  return y * powerOfTwo(k);
}

/**
 * e^x, bit-identical in every engine. Method (fdlibm/musl e_exp.c): k = ⌊x/ln2 + ½⌋,
 * r = (x − k·ln2_hi) − k·ln2_lo with |r| ≤ ½ ln 2, e^r = 1 + r + r·c/(2 − c) with
 * c = r − r²(P1 + r²(P2 + … + r²P5)) (Remez, error < 2^−59), then e^x = 2^k e^r.
 * Accuracy: under 1 ulp. exp(NaN) = NaN, exp(+∞) = +∞, exp(−∞) = 0.
 */
export function portableExp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > OVERFLOW) return Infinity;
  if (x < UNDERFLOW) return 0;
  if (Math.abs(x) < 3.725290298461914e-9) return 1 + x; // |x| < 2^−28: e^x = 1 + x to 1 ulp
  const k = Math.floor(INV_LN2 * x + 0.5);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const rr = r * r;
  const c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
  const y = 1 + ((r * c) / (2 - c) - lo + hi);
  return scaleByPowerOfTwo(y, k);
}
