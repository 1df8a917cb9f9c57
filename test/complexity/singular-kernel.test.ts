/**
 * Numerically singular kernels are never reported as exact (issue: two copies of one sequence
 * with labels +1/−1 gave 3.6e16 or an error depending on the rounding): H∞ of a batch with a
 * duplicated sequence has an exact null vector e_i − e_j, so ỹᵀ(H∞)⁻¹ỹ does not exist; every
 * seed and backend must give NotPositiveDefiniteError, and with jitter a flagged value.
 * Also: one factor shared by complexity, λ_min and the predictor gives the values of the
 * separate calls, and a size beyond the heap fails at once naming the largest n that fits.
 */
import { describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src/data/sequences.js';
import { NotPositiveDefiniteError, WasmMemoryError } from '../../src/errors.js';
import { analyticNtk, analyticNtkInHeap } from '../../src/kernels/analytic.js';
import { Rng } from '../../src/random/rng.js';
import { kernelComplexity, ntkComplexity } from '../../src/theory/complexity.js';
import { fitKernelRegression } from '../../src/theory/kernel-regression.js';
import { analyticNtkFactorSlots, factorAnalyticNtk } from '../../src/theory/ntk-factor.js';
import { fitNtkPredictor } from '../../src/theory/predictor.js';
import { smallestEigenvalue } from '../../src/theory/smallest-eigenvalue.js';
import { BACKENDS } from '../helpers.js';

/** n sequences (L×d) of standard normals with sequence `copy` equal to sequence 0. */
function withDuplicate(rng: Rng, n: number, L: number, d: number, copy: number) {
  const data = rng.normal(n * L * d);
  data.copyWithin(copy * L * d, 0, L * d);
  return sequenceBatch(n, L, d, data);
}

describe('a duplicated sequence: H∞ singular, never an exact complexity', () => {
  for (const b of BACKENDS) {
    it(`${b.name}: 40 seeds and sizes, labels +1/−1 on the copies: always NotPositiveDefiniteError; with jitter a flagged value`, () => {
      for (let seed = 0; seed < 40; seed++) {
        const rng = new Rng(seed, 'ts');
        const n = 2 + (seed % 7);
        const x = withDuplicate(rng, n, 3 + (seed % 4), 2, n - 1);
        const y = Array.from({ length: n }, (_, i) => (i === 0 ? 1 : i === n - 1 ? -1 : 1));
        expect(() => ntkComplexity(x, y, { backend: b }), `seed ${seed}`).toThrow(NotPositiveDefiniteError);
        const c = ntkComplexity(x, y, { backend: b, jitter: true });
        expect(c.lambda).toBeGreaterThan(0);
        expect(c.note).toMatch(/not numerically positive definite/);
        expect(Number.isFinite(c.conditionEstimate)).toBe(true);
      }
    });
  }
});

describe('one factor shared by the complexity, λ_min and the NTK predictor', () => {
  it('gives the same bits as the separate calls, factoring once', () => {
    const rng = new Rng(99, 'ts');
    const x = sequenceBatch(30, 5, 3, rng.normal(30 * 5 * 3));
    const y = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? -1 : 1));
    for (const b of BACKENDS) {
      const H = analyticNtk(x, { backend: b }).H;
      const stages: string[] = [];
      using factor = factorAnalyticNtk(x, { backend: b, onStage: (stage) => stages.push(stage) });
      expect(stages).toEqual(['kernel', 'factor']);
      const shared = kernelComplexity(factor, y);
      const separate = kernelComplexity(H, y, { backend: b });
      expect(Object.is(shared.value, separate.value)).toBe(true);
      expect(Object.is(ntkComplexity(x, y, { backend: b }).value, separate.value)).toBe(true);
      expect(Object.is(ntkComplexity(factor, y).value, separate.value)).toBe(true);
      expect(Object.is(ntkComplexity(H, y, { backend: b }).value, separate.value)).toBe(true);
      const steps: number[] = [];
      const lambda = smallestEigenvalue(factor, { onStep: (k) => steps.push(k) });
      expect(steps.length).toBeGreaterThan(0);
      expect(steps[steps.length - 1]).toBe(lambda.iterations);
      expect(Object.is(lambda.value, smallestEigenvalue(H, { backend: b }).value)).toBe(true);
      expect(lambda.converged).toBe(true);
      const viaFactor = fitKernelRegression(factor, y);
      expect(Array.from(viaFactor.coefficients)).toEqual(Array.from(fitKernelRegression(H, y, { backend: b }).coefficients));
      const p1 = fitNtkPredictor(x, y, { backend: b });
      const p2 = fitNtkPredictor(x, y, { backend: b, trainKernel: factor });
      const p3 = fitNtkPredictor(x, y, { backend: b, trainKernel: H });
      expect(Array.from(p2.regression.coefficients)).toEqual(Array.from(p1.regression.coefficients));
      expect(Array.from(p3.regression.coefficients)).toEqual(Array.from(p1.regression.coefficients));
      // the in-heap kernel is the same bits as the copied one
      using inHeap = analyticNtkInHeap(x, { backend: b });
      expect(Array.from(inHeap.toMatrix().data)).toEqual(Array.from(H.data));
    }
  });
});

describe('memory checked before the work', () => {
  it('a batch whose H∞ cannot fit in the 4 GiB heap fails at once, naming the largest n that fits', () => {
    const n = 30000;
    const x = sequenceBatch(n, 1, 1, new Float64Array(n).fill(1));
    for (const b of BACKENDS) {
      const live = b.heap.liveSlots;
      for (const run of [() => ntkComplexity(x, new Float64Array(n).fill(1), { backend: b }), () => analyticNtk(x, { backend: b })]) {
        let err: unknown;
        try {
          run();
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(WasmMemoryError);
        const fits = Number(/the largest n that fits is (\d+)/.exec((err as Error).message)?.[1]);
        // about √(4 GiB / 8 B) = 23170 minus what is live; the named n fits and n + 1 does not
        const available = b.heap.maxBytes - (b.heap.base + b.heap.liveSlots) * 8;
        expect(fits).toBeGreaterThan(20000);
        expect(fits).toBeLessThan(23171);
        expect(fits * fits * 8).toBeLessThanOrEqual(available);
      }
      expect(analyticNtkFactorSlots(23171, 1, 1) * 8).toBeGreaterThan(2 ** 32);
      expect(b.heap.liveSlots).toBe(live);
    }
  });
});
