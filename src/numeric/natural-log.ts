// The natural logarithm with Math.log's special values, on top of portableLog.
import { portableLog } from './portable-log.js';

/**
 * ln x with IEEE special values: ln(±0) = −∞, ln(+∞) = +∞, NaN for x < 0 or NaN; otherwise
 * portableLog(x) (basic operations only, ~2 ulp, the same bits in every engine). For log-space
 * sums where a zero coefficient is log 0 = −∞ (portableLog itself returns NaN there).
 */
export function naturalLog(x: number): number {
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  return portableLog(x);
}
