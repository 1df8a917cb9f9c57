import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { portableCos, portableSin } from '../../src/numeric/portable-sincos.js';
import { TOL } from '../helpers.js';
import { logUniformInputs, worstUlps } from './ulp.js';

const LIMIT = 2 ** 20 * (Math.PI / 2);
const inRange = (xs: number[]) => xs.filter((x) => Math.abs(x) < LIMIT);
const random = inRange(logUniformInputs(100_000, -9, 6.2, 7));
/** Multiples kπ/2 (the hardest cancellation in the reduction) and their neighbours. */
const multiples = Array.from({ length: 2001 }, (_, i) => i - 1000).flatMap((k) => {
  const x = (k * Math.PI) / 2;
  return [x, x * (1 + 2 ** -52), x * (1 - 2 ** -52), k * 3.3e5 * Math.PI];
});

describe('portableSin / portableCos (fdlibm method, Cody–Waite reduction)', () => {
  it.each([
    ['sin', portableSin, Math.sin],
    ['cos', portableCos, Math.cos],
  ] as const)('%s is within 1 ulp of Math.%s on random, tiny and near-kπ/2 inputs', (_, f, reference) => {
    for (const inputs of [random, inRange(multiples), [1e-300, -5e-324, 2 ** -26, 0.785398, 0.7853982, 2.356, 1e6, -1.6e6]]) {
      const { ulps, at } = worstUlps(f, reference, inputs);
      expect(ulps, `worst at x = ${at}`).toBeLessThanOrEqual(TOL.portableElementaryUlps);
    }
  });

  it('gives the exact special values', () => {
    expect(Object.is(portableSin(0), 0)).toBe(true);
    expect(Object.is(portableSin(-0), -0)).toBe(true);
    expect(portableCos(0)).toBe(1);
    expect(portableCos(-0)).toBe(1);
    for (const x of [NaN, Infinity, -Infinity]) {
      expect(portableSin(x)).toBeNaN();
      expect(portableCos(x)).toBeNaN();
    }
  });

  it('satisfies sin² + cos² = 1 and sin(x + π/2) ≈ cos x (independent identities)', () => {
    for (const x of random.slice(0, 5000)) {
      const s = portableSin(x);
      const c = portableCos(x);
      expect(Math.abs(s * s + c * c - 1)).toBeLessThanOrEqual(4 * 2 ** -52);
    }
    // sin(π/2 − δ) = cos δ: at the nearest double to π/2 the error is the tiny δ = π/2 − fl(π/2)
    expect(portableSin(Math.PI / 2)).toBe(1);
    expect(portableCos(Math.PI / 2)).toBeCloseTo(6.123233995736766e-17, 30);
    expect(portableSin(Math.PI)).toBeCloseTo(1.2246467991473532e-16, 30);
  });

  it('refuses |x| ≥ 2^20·π/2 with a typed error instead of a wrong number', () => {
    for (const x of [LIMIT * 1.0001, 1e7, -1e300]) {
      expect(() => portableSin(x)).toThrow(InvalidArgumentError);
      expect(() => portableCos(x)).toThrow(/2\^20/);
    }
  });
});
