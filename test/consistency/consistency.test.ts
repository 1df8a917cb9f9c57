/**
 * Issue 10, item 6: one tie rule for f(x) = 0 in every 0-1 error, Rng.integers exact for every
 * k it accepts, option objects of the wrong type as typed errors, and an overflow of the
 * diagonal variances as the documented NonFiniteError.
 */
import { describe, expect, it } from 'vitest';
import {
  analyticNtk, boundProxies, cholesky, createRnn, dataset, empiricalNtk, evaluate, fitKernelRegression, fitNtkPredictor, gradient,
  InvalidArgumentError, kernelComplexity, loadModel, NonFiniteError, ntkComplexity, RnnNtkError, Rng, saveModel, sequenceBatch, sgdStep,
  signLabel, signLabels, smallestEigenvalue, stepActivations, train, zeroOneError,
} from '../../src/index.js';

describe('the tie rule f = 0', () => {
  it('signLabels, zeroOneError and evaluate all label f = 0 (and −0) as +1', () => {
    expect(signLabel(0)).toBe(1);
    expect(signLabel(-0)).toBe(1);
    expect(Array.from(signLabels([0, -0, 1e-300, -1e-300]))).toEqual([1, 1, 1, -1]);
    expect(zeroOneError([0, 0, -0], [1, -1, -1])).toBeCloseTo(2 / 3, 15);
    // a network whose output is exactly 0: B = 0
    using model = createRnn({ m: 4, d: 1, L: 1, seed: 1 });
    const p = model.parameters();
    model.setParameters({ ...p, B: new Float64Array(4) });
    const x = sequenceBatch(2, 1, 1, [1, -1]);
    expect(evaluate(model, dataset(x, [1, -1])).error).toBe(0.5); // f = 0 is right for y = +1, wrong for y = −1
    expect(evaluate(model, dataset(x, [1, 1])).error).toBe(0);
    expect(sgdStep(model, x, [-1, -1], { eta: 1e-300 }).errors).toBe(2);
  });
});

describe('Rng.integers', () => {
  it('is exact up to k = 2^31 (values fit the Int32Array) and refuses larger k', () => {
    using rng = new Rng(3);
    for (const k of [1, 2, 3, 2 ** 31 - 1, 2 ** 31]) {
      const v = rng.integers(2000, k);
      expect(v.every((i) => i >= 0 && i < k)).toBe(true);
    }
    // at k = 2^31 the draws spread over the whole range (not wrapped into negatives)
    const big = rng.integers(2000, 2 ** 31);
    expect(Math.max(...big)).toBeGreaterThan(2 ** 30);
    for (const k of [2 ** 31 + 1, 2 ** 32, 2 ** 53]) expect(() => rng.integers(1, k)).toThrow(InvalidArgumentError);
  });

  it('equals ⌊U·k⌋ of the same stream', () => {
    using a = new Rng(9);
    using b = new Rng(9);
    const k = 1_000_003;
    expect(Array.from(a.integers(500, k))).toEqual(Array.from(b.uniform(500), (u) => Math.floor(u * k)));
  });
});

describe('option objects of the wrong type', () => {
  const x = sequenceBatch(2, 2, 1, [1, 0.5, -1, 2]);
  const H = analyticNtk(x).H;
  const bad: unknown[] = [5, 'yes', [], null, true];
  it('every options argument that is not an object is an InvalidArgumentError', () => {
    using model = createRnn({ m: 4, d: 1, L: 2, seed: 1 });
    const bytes = saveModel(model);
    const calls: Array<[string, (o: never) => unknown]> = [
      ['analyticNtk', (o) => analyticNtk(x, o)],
      ['empiricalNtk', (o) => empiricalNtk(model, x, o)],
      ['kernelComplexity', (o) => kernelComplexity(H, [1, -1], o)],
      ['ntkComplexity', (o) => ntkComplexity(x, [1, -1], o)],
      ['smallestEigenvalue', (o) => smallestEigenvalue(H, o)],
      ['boundProxies', (o) => boundProxies(3, 10, o)],
      ['fitKernelRegression', (o) => fitKernelRegression(H, [1, -1], o)],
      ['fitNtkPredictor', (o) => fitNtkPredictor(x, [1, -1], o)],
      ['cholesky', (o) => cholesky(H, o)],
      ['sgdStep', (o) => sgdStep(model, x, [1, -1], o)],
      ['gradient', (o) => gradient(model, [1, 2], o)],
      ['stepActivations', (o) => stepActivations(model, x, o)],
      ['loadModel', (o) => loadModel(bytes, o)],
      ['train', (o) => train(model, dataset(x, [1, -1]), o)],
      ['createRnn', (o) => createRnn(o)],
    ];
    for (const [name, call] of calls) {
      for (const o of bad) {
        let err: unknown;
        try {
          call(o as never);
        } catch (e) {
          err = e;
        }
        expect(err, `${name}(${JSON.stringify(o)})`).toBeInstanceOf(RnnNtkError);
      }
    }
  });

  it('fields of the wrong type are typed errors: analyticNtk parts, steps, perStep', () => {
    for (const opts of [{ parts: { k: 3 } }, { parts: 5 }, { parts: { b: 'all' } }, { parts: { rho: [1.5] } }, { perStep: 'yes' }, { init: 7 }, { other: 3 }]) {
      expect(() => analyticNtk(x, opts as never), JSON.stringify(opts)).toThrow(RnnNtkError);
    }
  });
});

describe('overflow of the diagonal variances', () => {
  it('inputs whose squared norm overflows are the documented NonFiniteError (analytic kernel and complexity)', () => {
    const huge = sequenceBatch(2, 2, 1, [1e200, 1, 1, 1e200]);
    expect(() => analyticNtk(huge)).toThrow(NonFiniteError);
    expect(() => ntkComplexity(huge, [1, -1])).toThrow(NonFiniteError);
    expect(() => fitNtkPredictor(huge, [1, -1])).toThrow(NonFiniteError);
  });
});
