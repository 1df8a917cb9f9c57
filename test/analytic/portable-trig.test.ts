import { describe, expect, it } from 'vitest';
import { portableAcos, portableAsin } from '../../src/numeric/portable-trig.js';
import { Rng } from '../../src/random/rng.js';
import { BACKENDS } from '../helpers.js';

/** The spacing of doubles at |x| (one unit in the last place). */
function ulp(x: number): number {
  const a = Math.abs(x);
  if (a < 2 ** -1022) return 2 ** -1074;
  return 2 ** (Math.floor(Math.log2(a)) - 52);
}

// Inputs cover every branch of musl's asin/acos: |x| < 2^-57, < 2^-26, < 1/2, [1/2, 0.975),
// ≥ 0.975, the endpoints, and points one ulp inside ±1.
const rng = new Rng(17, 'ts');
const inputs = [
  ...Array.from(rng.uniform(3000), (u) => 2 * u - 1),
  ...Array.from(rng.uniform(500), (u) => (1 - 10 ** (-1 - 15 * u)) * (u < 0.5 ? 1 : -1)),
  ...Array.from(rng.uniform(200), (u) => (u - 0.5) * 1e-8),
  0, -0, 1e-300, -1e-300, 2 ** -60, 0.5, -0.5, 0.975, -0.975, 0.9749999, 1, -1, 1 - 2 ** -53, -1 + 2 ** -53,
];

describe('portable arcsin / arccos (musl port)', () => {
  it('are within 1 ulp of Math.asin / Math.acos', () => {
    for (const x of inputs) {
      const s = Math.asin(x);
      const c = Math.acos(x);
      expect(Math.abs(portableAsin(x) - s), `asin(${x})`).toBeLessThanOrEqual(ulp(s));
      expect(Math.abs(portableAcos(x) - c), `acos(${x})`).toBeLessThanOrEqual(ulp(c));
    }
  });

  it('hit the exact endpoint values and return NaN outside [−1, 1]', () => {
    expect(portableAcos(1)).toBe(0);
    expect(portableAcos(-1)).toBe(Math.PI);
    expect(portableAsin(1)).toBe(Math.PI / 2);
    expect(portableAsin(-1)).toBe(-Math.PI / 2);
    expect(Object.is(portableAsin(-0), -0)).toBe(true);
    for (const x of [1 + 2 ** -52, -1.5, NaN, Infinity]) {
      expect(Number.isNaN(portableAsin(x))).toBe(true);
      expect(Number.isNaN(portableAcos(x))).toBe(true);
    }
  });

  it('the wasm kernels pasin / pacos equal the TS twins bit for bit', () => {
    for (const b of BACKENDS) {
      for (const x of inputs) {
        if (!Object.is(b.kernels.pasin(x), portableAsin(x))) expect.fail(`${b.name} pasin(${x})`);
        if (!Object.is(b.kernels.pacos(x), portableAcos(x))) expect.fail(`${b.name} pacos(${x})`);
      }
    }
  });
});
