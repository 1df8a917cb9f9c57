// Portable arctangent: the same bits in every JavaScript engine (Math.atan is not specified to
// the last bit), from IEEE-754 basic operations only.
import { highWord, lowWord } from './float-bits.js';

/** atan of the breakpoints 1/2, 1, 3/2, ∞ split hi + lo (fdlibm s_atan.c). */
const ATAN_HI = [4.63647609000806093515e-1, 7.85398163397448278999e-1, 9.82793723247329054082e-1, 1.57079632679489655800e0];
const ATAN_LO = [2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17, 6.12323399573676603587e-17];
/** Coefficients a_1 … a_11 of atan t ≈ t − t³(a_1 + t²(a_2 + …)) on [0, 7/16] (fdlibm s_atan.c). */
const AT = [
  3.33333333333329318027e-1, -1.99999999998764832476e-1, 1.42857142725034663711e-1, -1.11111104054623557880e-1,
  9.09088713343650656196e-2, -7.69187620504482999495e-2, 6.66107313738753120669e-2, -5.83357013379057348645e-2,
  4.97687799461593236017e-2, -3.65315727442169155270e-2, 1.62858201153657823623e-2,
];

/**
 * arctan x, bit-identical in every engine. Method (fdlibm/FreeBSD s_atan.c, as in musl): by |x|,
 * [0, 7/16): t − t³·P(t²);  [7/16, 11/16): atan ½ + atan((2t − 1)/(2 + t));  [11/16, 19/16):
 * atan 1 + atan((t − 1)/(t + 1));  [19/16, 39/16): atan 1.5 + atan((t − 1.5)/(1 + 1.5t));
 * beyond: π/2 + atan(−1/t); with the table atan(b) = hi + lo and P of degree 10 in t².
 * Accuracy < 1 ulp (fdlibm). atan(±0) = ±0, atan(±∞) = ±π/2, NaN for NaN.
 */
export function portableAtan(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const negative = hx >>> 31 === 1;
  if (ix >= 0x44100000) {
    // |x| ≥ 2^66: ±π/2 (or NaN)
    if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lowWord(x) !== 0)) return NaN;
    return negative ? -ATAN_HI[3] - ATAN_LO[3] : ATAN_HI[3] + ATAN_LO[3];
  }
  let id: number;
  let t = x;
  if (ix < 0x3fdc0000) {
    // |x| < 7/16
    if (ix < 0x3e400000) return x; // |x| < 2^−27: atan x = x to < 1 ulp (keeps −0)
    id = -1;
  } else {
    t = Math.abs(x);
    if (ix < 0x3ff30000) {
      if (ix < 0x3fe60000) {
        id = 0;
        t = (2 * t - 1) / (2 + t);
      } else {
        id = 1;
        t = (t - 1) / (t + 1);
      }
    } else if (ix < 0x40038000) {
      id = 2;
      t = (t - 1.5) / (1 + 1.5 * t);
    } else {
      id = 3;
      t = -1 / t;
    }
  }
  const z = t * t;
  const w = z * z;
  const s1 = z * (AT[0] + w * (AT[2] + w * (AT[4] + w * (AT[6] + w * (AT[8] + w * AT[10])))));
  const s2 = w * (AT[1] + w * (AT[3] + w * (AT[5] + w * (AT[7] + w * AT[9]))));
  if (id < 0) return t - t * (s1 + s2);
  const y = ATAN_HI[id] - ((t * (s1 + s2) - ATAN_LO[id]) - t);
  return negative ? -y : y;
}
