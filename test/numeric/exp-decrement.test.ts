/** expDecrementRatio(x) = (1 − e^{−x})/x against −expm1(−x)/x (an independent, engine-accurate oracle), near 0 and far. */
import { describe, expect, it } from 'vitest';
import { expDecrementRatio } from '../../src/numeric/exp-decrement.js';
import { Rng } from '../../src/random/rng.js';

/** A few ulp: the series sums ≤ 15 terms with shrinking magnitude; the direct branch loses ≤ 2.5× of exp's 1 ulp. */
const RELATIVE = 8 * 2 ** -52;

describe('expDecrementRatio', () => {
  it('matches −expm1(−x)/x within a few ulp on ±[1e−300, 700] (log-uniform) and is 1 at 0', () => {
    expect(expDecrementRatio(0)).toBe(1);
    expect(expDecrementRatio(-0)).toBe(1);
    const u = new Rng(5, 'ts').uniform(4000);
    let worst = 0;
    for (let k = 0; k < u.length; k++) {
      const x = (k % 2 ? -1 : 1) * Math.exp(-690 + 696.5 * u[k]);
      if (x < -700) continue;
      const ref = -Math.expm1(-x) / x;
      worst = Math.max(worst, Math.abs(expDecrementRatio(x) - ref) / ref);
    }
    expect(worst).toBeLessThanOrEqual(RELATIVE);
  });

  it('is continuous across the series limit |x| = ½', () => {
    for (const x of [0.5, -0.5]) {
      const below = expDecrementRatio(x * (1 - 1e-15));
      const above = expDecrementRatio(x * (1 + 1e-15));
      expect(Math.abs(below - above) / below).toBeLessThanOrEqual(RELATIVE);
    }
  });
});
