// Initialisation (docs/theory.md#initialisation): the documented draw order from the seeded generator, identical bits
// on both backends, and sample statistics of each preset within bounds from the sample size.
import { describe, expect, it } from 'vitest';
import { createRnn, type Variances } from '../../src/index.js';
import { Rng } from '../../src/random/rng.js';
import { BACKENDS, expectBitEqual } from '../helpers.js';

/** Sample mean and variance (about the true mean 0) of `v`. */
function moments(v: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < v.length; i++) {
    s += v[i];
    s2 += v[i] * v[i];
  }
  return { mean: s / v.length, variance: s2 / v.length };
}

/**
 * Asserts mean ≈ 0 and variance ≈ σ² for n i.i.d. N(0, σ²) draws within 5 standard errors:
 * se(mean) = σ/√n, se(Σx²/n) = σ²√(2/n).
 */
function expectNormalSample(name: string, v: ArrayLike<number>, sigma2: number): void {
  const { mean, variance } = moments(v);
  const n = v.length;
  expect(Math.abs(mean), `${name} mean`).toBeLessThanOrEqual(5 * Math.sqrt(sigma2 / n));
  expect(Math.abs(variance - sigma2), `${name} variance ${variance} vs ${sigma2}`).toBeLessThanOrEqual(5 * sigma2 * Math.sqrt(2 / n));
}

describe('initialisation', () => {
  const m = 256;
  const d = 8;
  const L = 6;
  const presets: Array<[string, 'paper' | 'algorithm1' | Variances, Variances]> = [
    ['paper', 'paper', { v0: 2, vW: 2, vA: 2 / L ** 3, vB: 1 }],
    ['algorithm1', 'algorithm1', { v0: 2, vW: 2, vA: 2, vB: 1 / m }],
    ['explicit', { v0: 0.5, vW: 1.5, vA: 3, vB: 4 }, { v0: 0.5, vW: 1.5, vA: 3, vB: 4 }],
  ];
  for (const [label, init, v] of presets) {
    it(`'${label}' draws M0, W, A, B with variances v0/m, vW/m, vA/m, vB`, () => {
      const model = createRnn({ m, d, L, init, seed: 11, backend: 'wasm' });
      expect(model.variances).toEqual(v);
      const p = model.parameters();
      expectNormalSample('M0', p.M0, v.v0 / m);
      expectNormalSample('W', p.W, v.vW / m);
      expectNormalSample('A', p.A, v.vA / m);
      expectNormalSample('B', p.B, v.vB);
      model.dispose();
    });
  }

  it('draws in the documented order M0, W (row-major), A, B from Rng(seed)', () => {
    const model = createRnn({ m: 5, d: 2, L: 3, seed: 42, backend: 'ts' });
    const rng = new Rng(42, 'wasm');
    const v = model.variances;
    const p = model.parameters();
    expectBitEqual(p.M0, rng.normal(5, Math.sqrt(v.v0 / 5)));
    expectBitEqual(p.W, rng.normal(25, Math.sqrt(v.vW / 5)));
    expectBitEqual(p.A, rng.normal(10, Math.sqrt(v.vA / 5)));
    expectBitEqual(p.B, rng.normal(5, Math.sqrt(v.vB)));
    rng.dispose();
    model.dispose();
  });

  it('gives the same bits on both backends for a seed, other bits for another seed', () => {
    const [a, b] = BACKENDS.map((backend) => {
      const model = createRnn({ m: 33, d: 3, L: 4, seed: 5, backend });
      const p = model.parameters();
      model.dispose();
      return p;
    });
    for (const key of ['W', 'A', 'B', 'M0'] as const) expectBitEqual(a[key], b[key]);
    const other = createRnn({ m: 33, d: 3, L: 4, seed: 6, backend: 'wasm' });
    expect(other.parameters().W[0]).not.toBe(a.W[0]);
    other.dispose();
  });

  it('gives exact zeros for zero variances', () => {
    const model = createRnn({ m: 4, d: 2, L: 2, init: { v0: 0, vW: 0, vA: 1, vB: 1 }, seed: 1, backend: 'ts' });
    const p = model.parameters();
    expect([...p.W, ...p.M0].every((x) => x === 0)).toBe(true);
    model.dispose();
  });
});
