import { describe, expect, it } from 'vitest';
import { exactPowerOfTwo } from '../../src/numeric/float-bits.js';
import { portableCosh, portableSinh } from '../../src/numeric/portable-hyperbolic.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { TOL } from '../helpers.js';
import { logUniformInputs, worstUlps } from './ulp.js';

describe('portableSinh / portableCosh', () => {
  const random = logUniformInputs(100_000, -10, 2.851, 17); // up to |x| ≈ 710, the overflow edge
  const edges = [1, 1 - 2 ** -53, 709.78, 709.79, 710.4, 710.47, 1e-300, 5e-324];

  it.each([
    ['sinh', portableSinh, Math.sinh],
    ['cosh', portableCosh, Math.cosh],
  ] as const)('%s is within 2 ulp of Math.%s on random inputs and near 1 and the overflow edge', (_, f, reference) => {
    for (const inputs of [random, edges, edges.map((x) => -x)]) {
      const { ulps, at } = worstUlps(f, reference, inputs);
      expect(ulps, `worst at x = ${at}`).toBeLessThanOrEqual(TOL.portableHyperbolicUlps);
    }
  });

  it('gives the exact special values', () => {
    expect(Object.is(portableSinh(0), 0)).toBe(true);
    expect(Object.is(portableSinh(-0), -0)).toBe(true);
    expect(portableCosh(-0)).toBe(1);
    expect(portableSinh(Infinity)).toBe(Infinity);
    expect(portableSinh(-Infinity)).toBe(-Infinity);
    expect(portableCosh(-Infinity)).toBe(Infinity);
    expect(portableSinh(711)).toBe(Infinity);
    expect(portableSinh(NaN)).toBeNaN();
    expect(portableCosh(NaN)).toBeNaN();
  });

  it('satisfies cosh² − sinh² = 1 for |x| ≤ 5 (identity)', () => {
    for (const x of logUniformInputs(2000, -4, 0.69, 19)) {
      const c = portableCosh(x);
      const s = portableSinh(x);
      expect(Math.abs((c - s) * (c + s) - 1)).toBeLessThanOrEqual(8 * 2 ** -52 * c * c);
    }
  });
});

describe('exactPowerOfTwo', () => {
  it('equals repeated doubling / halving of 1 for every k in [−1074, 1023], 0 and ∞ beyond', () => {
    let up = 1;
    for (let k = 0; k <= 1023; k++, up *= 2) expect(exactPowerOfTwo(k)).toBe(up);
    let down = 1;
    for (let k = 0; k >= -1074; k--, down /= 2) expect(exactPowerOfTwo(k)).toBe(down);
    expect(exactPowerOfTwo(1024)).toBe(Infinity);
    expect(exactPowerOfTwo(-1075)).toBe(0);
  });

  it('rejects a non-integer exponent with a typed error', () => {
    expect(() => exactPowerOfTwo(0.5)).toThrow(InvalidArgumentError);
    expect(() => exactPowerOfTwo(NaN)).toThrow(InvalidArgumentError);
  });
});
