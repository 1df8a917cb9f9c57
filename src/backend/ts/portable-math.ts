// Plain-TS twins of assembly/portable_math.ts: the same IEEE operations in the same order,
// hence the same bits in every JavaScript engine (no Math.log, whose last bit varies).

import { portableLog } from '../../numeric/portable-log.js';

/**
 * Natural logarithm of a positive finite x, bit-identical to the wasm `plog`.
 * Method: x = 2^k · r, r ∈ [√½, √2); log r = 2s Σ_{j≤11} s^{2j}/(2j+1), s = (r−1)/(r+1);
 * log x = k·ln2_hi + (k·ln2_lo + log r). About 2 ulp. NaN for x ≤ 0 or non-finite x.
 */
export function plog(_h: Float64Array, x: number): number {
  return portableLog(x);
}
