// (1 − e^{−x})/x, accurate to a few ulp for every real x (no cancellation near 0), from the
// portable exponential only. It is the spectral function of Θ⁻¹(I − e^{−ηΘt}) in the
// finite-time MSE predictions (docs/finite-time.md).
import { portableExp } from './portable-exp.js';

/** Below this |x| the Taylor series is used: its terms fall by ≥ 4× from the second on, so about 15 terms reach ε. */
const SERIES_LIMIT = 0.5;

/**
 * (1 − e^{−x})/x, with the limit 1 at x = 0. For |x| ≤ ½ the series Σ_{k≥0} (−x)^k/(k+1)!
 * (alternating for x > 0, terms shrinking by a factor ≥ 4 after the first two), summed until a
 * term no longer changes the sum; otherwise 1 − e^{−x} loses at most a factor
 * 1/(1 − e^{−½}) ≈ 2.5 in relative accuracy, so the result is within a few ulp.
 * Overflows to +∞ only when e^{−x} does (x < −709.78).
 */
export function expDecrementRatio(x: number): number {
  if (Math.abs(x) > SERIES_LIMIT) return (1 - portableExp(-x)) / x;
  let term = 1;
  let sum = 1;
  for (let k = 1; ; k++) {
    term = (-x * term) / (k + 1);
    const next = sum + term;
    if (next === sum) return sum;
    sum = next;
  }
}
