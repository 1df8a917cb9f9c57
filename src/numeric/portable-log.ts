// Portable natural logarithm: the TS twin of assembly/portable_math.ts `plog`.

const LN2_HI = 6.9314718036912382e-1; // high bits of ln 2 (musl's split)
const LN2_LO = 1.9082149292705877e-10; // ln 2 − LN2_HI
const SQRT2 = 1.4142135623730951;

const scratch = new DataView(new ArrayBuffer(8));

/**
 * Natural logarithm of a positive finite x, from IEEE basic operations only, so it is the same
 * bits in every engine and equal to the wasm `plog` (assembly/portable_math.ts).
 * Method: x = 2^k · r, r ∈ [√½, √2); log r = 2s Σ_{j≤11} s^{2j}/(2j+1), s = (r−1)/(r+1);
 * log x = k·ln2_hi + (k·ln2_lo + log r). About 2 ulp. NaN for x ≤ 0 or non-finite x.
 */
export function portableLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return NaN;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54
    k = -54;
  }
  scratch.setFloat64(0, x, true);
  const hi = scratch.getUint32(4, true);
  k += ((hi >>> 20) & 0x7ff) - 1023;
  scratch.setUint32(4, (hi & 0x000fffff) | 0x3ff00000, true);
  let r = scratch.getFloat64(0, true);
  if (r > SQRT2) {
    r *= 0.5;
    k += 1;
  }
  const s = (r - 1) / (r + 1);
  const z = s * s;
  let p = 1 / 23;
  p = 1 / 21 + z * p;
  p = 1 / 19 + z * p;
  p = 1 / 17 + z * p;
  p = 1 / 15 + z * p;
  p = 1 / 13 + z * p;
  p = 1 / 11 + z * p;
  p = 1 / 9 + z * p;
  p = 1 / 7 + z * p;
  p = 1 / 5 + z * p;
  p = 1 / 3 + z * p;
  p = 1 + z * p;
  const logr = 2 * s * p;
  return k * LN2_HI + (k * LN2_LO + logr);
}
