import { describe, expect, it } from 'vitest';
import { portableAtan } from '../../src/numeric/portable-atan.js';
import { portableLog1p } from '../../src/numeric/portable-log1p.js';
import { TOL } from '../helpers.js';
import { logUniformInputs, worstUlps } from './ulp.js';

/** The breakpoints of fdlibm's atan reduction (7/16, 11/16, 19/16, 39/16, 2^66) and their neighbours. */
const atanEdges = [7 / 16, 11 / 16, 19 / 16, 39 / 16, 2 ** 66, 2 ** -27].flatMap((b) => [b, b * (1 - 2 ** -52), b * (1 + 2 ** -52), -b]);

describe('portableAtan (fdlibm s_atan.c)', () => {
  it('is within 1 ulp of Math.atan on random inputs over 40 decades and at the breakpoints', () => {
    for (const inputs of [logUniformInputs(100_000, -20, 20, 3), atanEdges, [5e-324, 1e-310, 1.7e308]]) {
      const { ulps, at } = worstUlps(portableAtan, Math.atan, inputs);
      expect(ulps, `worst at x = ${at}`).toBeLessThanOrEqual(TOL.portableElementaryUlps);
    }
  });

  it('gives the exact special values', () => {
    expect(Object.is(portableAtan(0), 0)).toBe(true);
    expect(Object.is(portableAtan(-0), -0)).toBe(true);
    expect(portableAtan(Infinity)).toBe(Math.PI / 2);
    expect(portableAtan(-Infinity)).toBe(-Math.PI / 2);
    expect(portableAtan(1)).toBe(Math.PI / 4);
    expect(portableAtan(NaN)).toBeNaN();
  });

  it('satisfies atan x + atan(1/x) = π/2 for x > 0 (an identity, not Math.atan)', () => {
    for (const x of logUniformInputs(2000, -3, 3, 5).map(Math.abs)) {
      expect(Math.abs(portableAtan(x) + portableAtan(1 / x) - Math.PI / 2)).toBeLessThanOrEqual(4 * 2 ** -52);
    }
  });
});

describe('portableLog1p (fdlibm s_log1p.c)', () => {
  const aroundZero = logUniformInputs(50_000, -20, -0.01, 9).filter((x) => x > -1);
  const large = logUniformInputs(50_000, -1, 300, 11).map(Math.abs);
  const edges = [-1 + 2 ** -53, -0.2929, -0.29289, 0.41421, 0.4142136, 2 ** -29, -(2 ** -29), 2 ** -54, 2 ** 53, 2 ** 53 + 2, 1.7e308, 5e-324];

  it('is within 1 ulp of Math.log1p near 0, near −1, for large x and at the branch edges', () => {
    for (const inputs of [aroundZero, large, edges]) {
      const { ulps, at } = worstUlps(portableLog1p, Math.log1p, inputs);
      expect(ulps, `worst at x = ${at}`).toBeLessThanOrEqual(TOL.portableElementaryUlps);
    }
  });

  it('gives the exact special values', () => {
    expect(Object.is(portableLog1p(0), 0)).toBe(true);
    expect(Object.is(portableLog1p(-0), -0)).toBe(true);
    expect(portableLog1p(-1)).toBe(-Infinity);
    expect(portableLog1p(Infinity)).toBe(Infinity);
    for (const x of [-1.5, -Infinity, NaN]) expect(portableLog1p(x)).toBeNaN();
    expect(portableLog1p(1)).toBe(Math.LN2);
  });

  it('satisfies log1p(x) + log1p(−x/(1 + x)) = 0 up to rounding (an identity, not Math.log1p)', () => {
    for (const x of logUniformInputs(2000, -8, -0.5, 13)) {
      const a = portableLog1p(x);
      expect(Math.abs(a + portableLog1p(-x / (1 + x)))).toBeLessThanOrEqual(4 * 2 ** -52 * Math.abs(a) + 1e-300);
    }
  });
});
