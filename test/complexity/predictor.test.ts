import { afterAll, describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src/data/sequences.js';
import { InvalidArgumentError, NonFiniteError, NotPositiveDefiniteError, ShapeError } from '../../src/errors.js';
import { matrix } from '../../src/linalg/matrix.js';
import { Rng } from '../../src/random/rng.js';
import { gradient } from '../../src/rnn/gradient.js';
import { createRnn } from '../../src/rnn/model.js';
import { sgdStep } from '../../src/rnn/sgd.js';
import { fitKernelRegression, predictKernelRegression } from '../../src/theory/kernel-regression.js';
import { fitNtkPredictor } from '../../src/theory/predictor.js';
import { signLabels, zeroOneError } from '../../src/theory/zero-one.js';
import { BACKENDS, TOL, expectClose } from '../helpers.js';

const rng = new Rng(99, 'ts');
const L = 4;
const d = 2;
const n = 10;
// ‖X‖²/L³ ~ 1 keeps H∞ well conditioned (cond ≈ 10–20), so λ = 0 interpolation is accurate
// to ~cond·n·ε ≪ 1e−12·max(1, |y|)
const train = sequenceBatch(n, L, d, rng.normal(n * L * d, 4));
const targets = rng.normal(n);
const test = sequenceBatch(3, L, d, rng.normal(3 * L * d, 4));

describe('kernel regression', () => {
  const K = matrix(3, 3, [2, 1, 0.5, 1, 3, 1, 0.5, 1, 4]);
  const y = [1, -2, 0.5];
  const apply = (alpha: ArrayLike<number>, shift: number) =>
    [0, 1, 2].map((i) => [0, 1, 2].reduce((s, j) => s + K.data[i * 3 + j] * alpha[j], 0) + shift * alpha[i]);

  for (const b of BACKENDS) {
    it(`${b.name}: (K + λI)α = y for λ = 0 and λ = 0.7; predicting with K itself returns Kα`, () => {
      for (const ridge of [0, 0.7]) {
        const fit = fitKernelRegression(K, y, { ridge, backend: b });
        expectClose(apply(fit.coefficients, ridge), y, TOL.roundoff);
        expect(fit.ridge).toBe(ridge);
        expectClose(predictKernelRegression(fit, K, { backend: b }), apply(fit.coefficients, 0), TOL.roundoff);
      }
    });
  }

  it('a 1×1 kernel: α = y/(k + λ)', () => {
    expect(fitKernelRegression(matrix(1, 1, [4]), [2], { ridge: 1 }).coefficients[0]).toBeCloseTo(0.4, 15);
  });

  it('bad input: typed errors', () => {
    expect(() => fitKernelRegression(K, y, { ridge: -1 })).toThrow(InvalidArgumentError);
    expect(() => fitKernelRegression(K, [1, 2])).toThrow(ShapeError);
    expect(() => fitKernelRegression(K, [1, NaN, 2])).toThrow(NonFiniteError);
    expect(() => fitKernelRegression(matrix(2, 2, [1, 1, 1, 1]), [1, 0])).toThrow(NotPositiveDefiniteError);
    const fit = fitKernelRegression(K, y);
    expect(() => predictKernelRegression(fit, matrix(1, 2, [1, 1]))).toThrow(ShapeError);
    expect(() => predictKernelRegression(undefined as never, K)).toThrow(/fitKernelRegression/);
  });
});

describe('NTK predictor with H∞ (analytic)', () => {
  it('λ = 0 reproduces its training targets', () => {
    const p = fitNtkPredictor(train, targets);
    expect(p.kernel.kind).toBe('analytic');
    expectClose(p.predict(train), targets, TOL.roundoff);
  });

  it('with labels as targets, λ = 0 classifies the training set perfectly', () => {
    const labels = signLabels(targets);
    const p = fitNtkPredictor(train, labels);
    expect(zeroOneError(p.predict(train), labels)).toBe(0);
    expect(Array.from(p.classify(train))).toEqual(Array.from(labels));
  });

  it('a ridge shrinks the fit towards 0: ‖f(X)‖ decreases as λ grows', () => {
    const norm = (v: Float64Array) => Math.hypot(...v);
    const norms = [0, 1, 100].map((ridge) => norm(fitNtkPredictor(train, targets, { ridge }).predict(train)));
    expect(norms[1]).toBeLessThan(norms[0]);
    expect(norms[2]).toBeLessThan(norms[1]);
  });

  it('bad input: other L or d, an empty set, NaN targets, duplicated sequences without ridge', () => {
    const p = fitNtkPredictor(train, targets);
    expect(() => p.predict(sequenceBatch(1, L + 1, d, new Float64Array((L + 1) * d)))).toThrow(ShapeError);
    expect(() => p.predict(sequenceBatch(1, L, d + 1, new Float64Array(L * (d + 1))))).toThrow(ShapeError);
    expect(() => fitNtkPredictor(sequenceBatch(0, L, d, []), [])).toThrow(ShapeError);
    expect(() => fitNtkPredictor(train, targets.map((v, i) => (i === 2 ? NaN : v)))).toThrow(NonFiniteError);
    const twice = sequenceBatch(2, L, d, [...train.data.subarray(0, L * d), ...train.data.subarray(0, L * d)]);
    expect(() => fitNtkPredictor(twice, [1, -1])).toThrow(NotPositiveDefiniteError);
    expect(fitNtkPredictor(twice, [1, 1], { ridge: 0.1 }).regression.ridge).toBe(0.1);
    expect(() => fitNtkPredictor(train, targets, { kernel: { kind: 'gaussian' } as never })).toThrow(InvalidArgumentError);
    expect(() => fitNtkPredictor(train, targets, { kernel: { kind: 'empirical' } as never })).toThrow(/kernel.model/);
  });
});

describe('NTK predictor with the empirical NTK of a network', () => {
  const m = 16;
  const model = createRnn({ m, d, L, seed: 3, init: { v0: 2, vW: 2, vA: 2, vB: 1 }, backend: 'wasm' });
  afterAll(() => model.dispose());
  const small = sequenceBatch(6, L, d, train.data.subarray(0, 6 * L * d));
  const y6 = targets.subarray(0, 6);

  it('λ = 0 reproduces its training targets', () => {
    const p = fitNtkPredictor(small, y6, { kernel: { kind: 'empirical', model } });
    expectClose(p.predict(small), y6, 1e-10); // cond of a 6×6 width-16 empirical NTK ≲ 1e2: ≪ 1e−10
  });

  it('predictions equal (1/m)⟨∇f(x), Σ_j α_j ∇f(x_j)⟩ from explicit gradients', () => {
    const p = fitNtkPredictor(small, y6, { kernel: { kind: 'empirical', model }, ridge: 0.5 });
    const alpha = p.regression.coefficients;
    const combo = new Float64Array(m * m);
    for (let j = 0; j < 6; j++) gradient(model, small.data.subarray(j * L * d, (j + 1) * L * d)).data.forEach((g, e) => (combo[e] += alpha[j] * g));
    const want = [0, 1, 2].map((i) => gradient(model, test.data.subarray(i * L * d, (i + 1) * L * d)).data.reduce((s, g, e) => s + g * combo[e], 0) / m);
    expectClose(p.predict(test), want, TOL.roundoff);
  });

  it('refuses to predict after the network was trained', () => {
    const p = fitNtkPredictor(small, y6, { kernel: { kind: 'empirical', model }, ridge: 0.1 });
    sgdStep(model, small, signLabels(y6));
    expect(() => p.predict(test)).toThrow(/trained after the predictor was fitted/);
  });

  it('refuses to predict after W was replaced (no SGD step taken)', () => {
    const p = fitNtkPredictor(small, y6, { kernel: { kind: 'empirical', model }, ridge: 0.1 });
    const steps = model.stepsTaken;
    model.setWeights(model.weights()); // the same values, but a new W as far as a cache can tell
    expect(model.stepsTaken).toBe(steps);
    expect(() => p.predict(test)).toThrow(/or its W was set/);
  });
});

describe('0-1 error', () => {
  it('counts sign disagreements; a score of 0 is labelled +1', () => {
    expect(zeroOneError([0.5, -2, 0, -0.1], [1, 1, 1, -1])).toBe(0.25);
    expect(Array.from(signLabels([0, -0, 3, -1e-300]))).toEqual([1, 1, 1, -1]);
  });

  it('bad input: typed errors', () => {
    expect(() => zeroOneError([], [])).toThrow(ShapeError);
    expect(() => zeroOneError([1], [1, -1])).toThrow(ShapeError);
    expect(() => zeroOneError([1], [0])).toThrow(InvalidArgumentError);
    expect(() => zeroOneError([NaN], [1])).toThrow(NonFiniteError);
    expect(() => zeroOneError(null as never, [1])).toThrow(ShapeError);
  });
});
