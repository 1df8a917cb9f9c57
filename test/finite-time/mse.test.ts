/**
 * gradientDescentMse and its ensemble form (src/finite-time): f_t against dense oracles that do
 * not use the eigendecomposition (Taylor series with scaling and squaring for e^{−ηΘt},
 * Gaussian elimination for Θ⁻¹), t = 0 returns f₀, t = ∞ equals the kernel regression of
 * src/theory, the ensemble mean equals the f₀ = 0 prediction, the covariance equals
 * [I, −T] K_joint [I, −T]ᵀ and is symmetric PSD, and every bad input is a typed error.
 */
import { describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src/data/sequences.js';
import { InvalidArgumentError, NonFiniteError, ShapeError } from '../../src/errors.js';
import { gradientDescentMse, gradientDescentMseEnsemble } from '../../src/finite-time/index.js';
import { analyticNtk } from '../../src/kernels/analytic.js';
import { matrix, symmetricEigen, type Matrix } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/rng.js';
import { fitKernelRegression, predictKernelRegression } from '../../src/theory/kernel-regression.js';
import { expectClose, TOL } from '../helpers.js';
import { denseExpNeg, denseProduct, denseSolve } from './oracle.js';

const rng = new Rng(7, 'ts');
const [n, nTest, L, d] = [12, 5, 4, 2];
// ‖X‖²/L³ ~ 1 keeps H∞ well conditioned (cond ≈ 10–20), as in test/complexity/predictor.test.ts
const train = sequenceBatch(n, L, d, rng.normal(n * L * d, 4));
const test = sequenceBatch(nTest, L, d, rng.normal(nTest * L * d, 4));
const theta = analyticNtk(train).H;
const cross = analyticNtk(test, { other: train }).H;
const y = rng.normal(n);
const f0 = rng.normal(n, 0.3);
const f0Test = rng.normal(nTest, 0.3);
const lambdaMax = symmetricEigen(theta).values[n - 1];
const eta = 1 / lambdaMax;

/** Θ⁻¹(I − e^{−ηΘt}) and e^{−ηΘt} by the dense oracles. */
function denseFlow(t: number): { decay: Float64Array; gain: Float64Array } {
  const decay = denseExpNeg(theta.data.map((v) => eta * t * v), n);
  const rhs = decay.map((v, e) => (e % (n + 1) === 0 ? 1 : 0) - v);
  return { decay, gain: denseSolve(theta.data, rhs, n, n) };
}

describe('gradientDescentMse', () => {
  const predictor = gradientDescentMse(theta, y, { learningRate: eta });

  for (const t of [0.5, 3, 20]) {
    it(`t = ${t}: f_t = y + e^{−ηΘt}(f₀ − y) on the train set and f₀ + Θ(x,X)Θ⁻¹(I − e^{−ηΘt})(y − f₀) on the test set`, () => {
      const { decay, gain } = denseFlow(t);
      const r = y.map((v, i) => v - f0[i]);
      const trainRef = y.map((v, i) => v - denseProduct(decay, r, n, n, 1)[i]);
      const testRef = f0Test.map((v, i) => v + denseProduct(cross.data, denseProduct(gain, r, n, n, 1), nTest, n, 1)[i]);
      const out = predictor.predict(t, { fTrain0: f0, kTestTrain: cross, fTest0: f0Test });
      expectClose(out.train, trainRef, TOL.finiteTimeDense);
      expectClose(out.test!, testRef, TOL.finiteTimeDense);
    });
  }

  it('t = 0 returns f₀ (test outputs exactly, train outputs to round-off)', () => {
    const out = predictor.predict(0, { fTrain0: f0, kTestTrain: cross, fTest0: f0Test });
    expect(Array.from(out.test!)).toEqual(Array.from(f0Test));
    expectClose(out.train, f0, TOL.finiteTimeDense);
  });

  it('t = ∞ is the kernel (ridge) regression of src/theory, and the train outputs reach y', () => {
    for (const diagReg of [0, 0.05]) {
      const p = gradientDescentMse(theta, y, { learningRate: 1 / (lambdaMax + diagReg), diagReg });
      const out = p.predict(Infinity, { kTestTrain: cross });
      const ref = predictKernelRegression(fitKernelRegression(theta, y, { ridge: diagReg }), cross);
      expectClose(out.test!, ref, TOL.finiteTimeDense);
      expectClose(out.train, y, TOL.finiteTimeDense);
    }
  });

  it('typed errors: t < 0 or NaN, learning rate beyond 2/λ_max (named), shapes, diagReg, indefinite Θ, singular Θ at t = ∞', () => {
    expect(() => predictor.predict(-1)).toThrow(InvalidArgumentError);
    expect(() => predictor.predict(NaN)).toThrow(/t must be a number >= 0/);
    expect(() => gradientDescentMse(theta, y, { learningRate: 2.01 / lambdaMax })).toThrow(
      new RegExp(`converges only for η < 2/λ_max\\(kTrainTrain \\+ diagReg·I\\) = ${(2 / lambdaMax).toString().slice(0, 8)}`),
    );
    expect(() => gradientDescentMse(theta, y, { learningRate: 0 })).toThrow(InvalidArgumentError);
    expect(() => gradientDescentMse(theta, y, { diagReg: -1, learningRate: eta })).toThrow(/diagReg must be/);
    expect(() => gradientDescentMse(theta, y.subarray(1), { learningRate: eta })).toThrow(ShapeError);
    expect(() => gradientDescentMse(theta, [...y.subarray(1), NaN], { learningRate: eta })).toThrow(NonFiniteError);
    expect(() => predictor.predict(1, { kTestTrain: matrix(2, n - 1) })).toThrow(/must have 12 columns/);
    expect(() => predictor.predict(1, { fTrain0: [1, 2] })).toThrow(ShapeError);
    expect(() => predictor.predict(1, { fTest0: [1] })).toThrow(/fTest0 needs kTestTrain/);
    expect(() => gradientDescentMse(matrix(2, 2, [1, 2, 2, 1]), [0, 0], { learningRate: 0.1 })).toThrow(/not positive semi-definite/);
    const singular = gradientDescentMse(matrix(2, 2, [1, 1, 1, 1]), [1, 0], { learningRate: 0.5 });
    expect(() => singular.predict(Infinity, { kTestTrain: matrix(1, 2, [1, 0]) })).toThrow(/singular.*pass diagReg > 0/);
    // a finite time is fine on the null space v = (1, −1)/√2: Θ(x, X) = (1, −1) sees only it,
    // and the test output is (1, −1)·v · g_t(0) · vᵀy = √2 · ηt · 1/√2 = ηt = 1
    expect(singular.predict(2, { kTestTrain: matrix(1, 2, [1, -1]) }).test![0]).toBeCloseTo(0.5 * 2, 12);
  });
});

describe('gradientDescentMseEnsemble', () => {
  // any PSD joint kernel serves as the NNGP of the formula: G Gᵀ/k over the n + nTest points
  const k = 30;
  const g = rng.normal((n + nTest) * k);
  const joint = denseProduct(g, Array.from({ length: k * (n + nTest) }, (_, e) => g[(e % (n + nTest)) * k + Math.floor(e / (n + nTest))]), n + nTest, k, n + nTest).map((v) => v / k);
  const N = n + nTest;
  const block = (r0: number, rows: number, c0: number, cols: number): Matrix =>
    matrix(rows, cols, Array.from({ length: rows * cols }, (_, e) => joint[(r0 + Math.floor(e / cols)) * N + c0 + (e % cols)]));
  const kernels = {
    ntkTrainTrain: theta, ntkTestTrain: cross,
    nngpTrainTrain: block(0, n, 0, n), nngpTestTrain: block(n, nTest, 0, n), nngpTestTest: block(n, nTest, n, nTest),
  };
  const ensemble = gradientDescentMseEnsemble(kernels, y, { learningRate: eta });

  for (const t of [0, 2, Infinity]) {
    it(`t = ${t}: mean = the f₀ = 0 prediction; covariance = [I, −T]K[I, −T]ᵀ (dense T), symmetric PSD`, () => {
      const out = ensemble.predict(t);
      expectClose(out.mean, gradientDescentMse(theta, y, { learningRate: eta }).predict(t, { kTestTrain: cross }).test!, TOL.finiteTimeDense);
      const gain = t === Infinity ? denseSolve(theta.data, Float64Array.from({ length: n * n }, (_, e) => (e % (n + 1) === 0 ? 1 : 0)), n, n) : denseFlow(t).gain;
      const T = denseProduct(cross.data, gain, nTest, n, n);
      const map = new Float64Array(nTest * N); // [I, −T]: test rows act on (train, test) ordering of `joint`
      for (let i = 0; i < nTest; i++) {
        for (let j = 0; j < n; j++) map[i * N + j] = -T[i * n + j];
        map[i * N + n + i] = 1;
      }
      const mapT = Float64Array.from({ length: N * nTest }, (_, e) => map[(e % nTest) * N + Math.floor(e / nTest)]);
      const ref = denseProduct(denseProduct(map, joint, nTest, N, N), mapT, nTest, N, nTest);
      const cov = out.covariance!;
      const scale = Math.max(...Array.from(ref, Math.abs));
      expectClose(cov.data.map((v) => v / scale), ref.map((v) => v / scale), TOL.finiteTimeDense);
      for (let i = 0; i < nTest; i++) for (let j = 0; j < nTest; j++) expect(cov.data[i * nTest + j]).toBe(cov.data[j * nTest + i]);
      expect(symmetricEigen(cov).values[0]).toBeGreaterThanOrEqual(-TOL.finiteTimeDense * scale);
      expect(Array.from(out.variance!)).toEqual(Array.from({ length: nTest }, (_, i) => cov.data[i * nTest + i]));
      if (t === 0) expect(Array.from(cov.data)).toEqual(Array.from(kernels.nngpTestTest.data));
    });
  }

  it('mean only without the NNGP; partial NNGP and mismatched shapes are typed errors', () => {
    const meanOnly = gradientDescentMseEnsemble({ ntkTrainTrain: theta, ntkTestTrain: cross }, y, { learningRate: eta }).predict(1);
    expect(meanOnly.covariance).toBeUndefined();
    expect(() => gradientDescentMseEnsemble({ ...kernels, nngpTestTest: undefined }, y, { learningRate: eta })).toThrow(/all three NNGP blocks/);
    expect(() => gradientDescentMseEnsemble({ ...kernels, nngpTestTest: matrix(2, 2) }, y, { learningRate: eta })).toThrow(ShapeError);
    expect(() => gradientDescentMseEnsemble({ ...kernels, nngpTrainTrain: matrix(3, 3) }, y, { learningRate: eta })).toThrow(/nngpTrainTrain must be 12×12/);
    expect(() => ensemble.predict(-0.5)).toThrow(InvalidArgumentError);
  });
});
