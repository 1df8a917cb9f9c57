// log n! for integers n ≥ 0, without overflow.
import { assertInteger } from '../validate.js';
import { naturalLog } from './natural-log.js';
import { portableExp } from './portable-exp.js';
import { portableLog1p } from './portable-log1p.js';

const TABLE_SIZE = 1024;
const table = new Float64Array(TABLE_SIZE + 1);
for (let k = 1; k <= TABLE_SIZE; k++) table[k] = table[k - 1] + naturalLog(k);

/**
 * log(n!) for an integer n ≥ 0: a cumulative table of Σ_{k≤n} log k up to n = 1024, and
 * beyond it Stirling's series n·log n − n + ½·log(2πn) + 1/(12n) − 1/(360n³) + 1/(1260n⁵),
 * whose truncation error is below 1/(1680 n⁷) < 1e−23 there. Throws InvalidArgumentError
 * unless n is an integer ≥ 0.
 */
export function logFactorial(n: number): number {
  assertInteger('n (for log n!)', n, 0);
  if (n <= TABLE_SIZE) return table[n];
  const inv = 1 / n;
  const inv2 = inv * inv;
  return n * naturalLog(n) - n + 0.5 * naturalLog(2 * Math.PI * n) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

/** log(e^a + e^b) without overflow (−∞ is the neutral element). */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  if (m === Infinity) return Infinity;
  return m + portableLog1p(portableExp(-Math.abs(a - b)));
}
