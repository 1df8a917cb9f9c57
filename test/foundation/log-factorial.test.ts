/**
 * log n! and log-sum-exp (src/numeric/log-factorial.ts) against independent values: the f64
 * product n! for n ≤ 170, the recurrence log n! − log (n−1)! = log n across the switch from the
 * table to Stirling's series (n = 1024 → 1025) and beyond, and the direct log(e^a + e^b).
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { logAddExp, logFactorial } from '../../src/numeric/log-factorial.js';
import { TOL } from '../helpers.js';

describe('logFactorial', () => {
  it('equals log of the f64 product n! for n ≤ 170 (n·2^−53 relative error in the product)', () => {
    let product = 1;
    for (let n = 0; n <= 170; n++) {
      if (n > 0) product *= n;
      expect(Math.abs(logFactorial(n) - Math.log(product))).toBeLessThanOrEqual(TOL.roundoff);
    }
  });

  it('satisfies log n! − log (n−1)! = log n across the table/Stirling switch and far beyond', () => {
    for (const n of [1024, 1025, 1026, 5000, 1e6]) {
      const diff = logFactorial(n) - logFactorial(n - 1);
      // The table is a running sum of ≤ 1024 positive terms, within γ_1024·log 1024! of the exact
      // value (γ_k = k·u/(1 − k·u), Higham §4.2); Stirling's series is good to a few ulp. Both
      // values of the difference carry at most that error.
      const gamma = n - 1 <= 1024 ? (1024 * 2 ** -53) / (1 - 1024 * 2 ** -53) : 0;
      expect(Math.abs(diff - Math.log(n))).toBeLessThanOrEqual((2 * gamma + 8 * 2 ** -53) * logFactorial(n));
    }
  });

  it('rejects a negative or fractional n with a typed error', () => {
    expect(() => logFactorial(-1)).toThrow(InvalidArgumentError);
    expect(() => logFactorial(2.5)).toThrow(/integer/);
  });
});

describe('logAddExp', () => {
  it('equals log(e^a + e^b) where that does not overflow, and keeps going where it does', () => {
    for (const [a, b] of [[0, 0], [1, -2], [-30, 5], [700, 699]]) {
      expect(Math.abs(logAddExp(a, b) - Math.log(Math.exp(a) + Math.exp(b)))).toBeLessThanOrEqual(TOL.roundoff * Math.max(1, Math.abs(a), Math.abs(b)));
    }
    expect(Math.abs(logAddExp(1000, 1000) - (1000 + Math.LN2))).toBeLessThanOrEqual(TOL.roundoff * 1000);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(3, -Infinity)).toBe(3);
    expect(logAddExp(Infinity, 0)).toBe(Infinity);
  });
});
