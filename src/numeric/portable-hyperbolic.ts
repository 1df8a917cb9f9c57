// Portable hyperbolic sine and cosine: the same bits in every JavaScript engine (Math.sinh and
// Math.cosh are not specified to the last bit), from IEEE-754 basic operations and portableExp.
import { fromWords } from './float-bits.js';
import { portableExp } from './portable-exp.js';

/** Above this |x|, e^|x| overflows (ln of the largest double). */
const EXP_OVERFLOW = 709.782712893383973096;
/** k·ln 2 for k = 2043 (musl __expo2.c, 0x40962066151ADD8B): e^x = e^{x − k ln2}·2^{k−1}·2 for large x. */
const K_LN2 = 1416.0996898839683;
/** 2^{(k−1)/2} = 2^1021 for k = 2043 (its square 2^2042 would overflow, so it is applied twice). */
const HALF_SCALE = fromWords((0x3ff + 1021) << 20, 0);

/** Σ_{j=0}^{8} z^j/(2j+3)!: sinh x = x + x³·oddSeries(x²) to < ½ ulp for |x| < 1 (next term x^19/19! < 1e−17·x). */
function oddSeries(z: number): number {
  let p = 1 / 355687428096000; // 1/17!
  p = 1 / 1307674368000 + z * p; // 1/15!
  p = 1 / 6227020800 + z * p; // 1/13!
  p = 1 / 39916800 + z * p; // 1/11!
  p = 1 / 362880 + z * p; // 1/9!
  p = 1 / 5040 + z * p;
  p = 1 / 120 + z * p;
  return 1 / 6 + z * p;
}

/** Σ_{j=0}^{8} z^j/(2j+2)!: cosh x = 1 + x²·evenSeries(x²) to < ½ ulp for |x| < 1 (next term x^20/20! < 5e−19). */
function evenSeries(z: number): number {
  let p = 1 / 6402373705728000; // 1/18!
  p = 1 / 20922789888000 + z * p; // 1/16!
  p = 1 / 87178291200 + z * p; // 1/14!
  p = 1 / 479001600 + z * p; // 1/12!
  p = 1 / 3628800 + z * p; // 1/10!
  p = 1 / 40320 + z * p;
  p = 1 / 720 + z * p;
  p = 1 / 24 + z * p;
  return 1 / 2 + z * p;
}

/** e^a/2 for a ≥ 0 near the overflow threshold: e^{a − k ln2}·2^1021·2^1021 (musl __expo2.c). */
function halfExpLarge(a: number): number {
  return portableExp(a - K_LN2) * HALF_SCALE * HALF_SCALE;
}

/**
 * sinh x, bit-identical in every engine. Method: |x| < 1 by the Taylor series
 * x + x³ Σ_j x^{2j}/(2j+3)! (through x^17/17!); 1 ≤ |x| ≤ ln(max double) as
 * (e^|x| − 1/e^|x|)/2 with portableExp; beyond, e^|x|/2 scaled as in musl's __expo2.
 * Accuracy ≤ 2 ulp (measured against Math.sinh in test/numeric). sinh(±0) = ±0, sinh(±∞) = ±∞.
 */
export function portableSinh(x: number): number {
  const a = Math.abs(x);
  if (!(a >= 1)) return a === 0 || Number.isNaN(x) ? x : x + x * (x * x) * oddSeries(x * x);
  const y = a <= EXP_OVERFLOW ? 0.5 * (portableExp(a) - 1 / portableExp(a)) : halfExpLarge(a);
  return x < 0 ? -y : y;
}

/**
 * cosh x, bit-identical in every engine. Method: |x| < 1 by the Taylor series
 * 1 + x² Σ_j x^{2j}/(2j+2)! (through x^18/18!); 1 ≤ |x| ≤ ln(max double) as
 * (e^|x| + 1/e^|x|)/2 with portableExp; beyond, e^|x|/2 scaled as in musl's __expo2.
 * Accuracy ≤ 2 ulp (measured against Math.cosh in test/numeric). cosh(±∞) = +∞, NaN for NaN.
 */
export function portableCosh(x: number): number {
  const a = Math.abs(x);
  if (Number.isNaN(x)) return x;
  if (a < 1) return 1 + a * a * evenSeries(a * a);
  if (a <= EXP_OVERFLOW) {
    const e = portableExp(a);
    return 0.5 * (e + 1 / e);
  }
  return halfExpLarge(a);
}
