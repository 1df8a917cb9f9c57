/**
 * logisticFlow (src/finite-time/logistic-flow.ts): RK4 on df/dt = −ηΘ r(f), r = y ℓ'(y f).
 * Fourth order confirmed by step halving against a fine reference, the Richardson error
 * estimate against the true error, an independent explicit-Euler oracle (plain loops, its
 * own error bounded by the difference of two Euler step sizes), t = 0 returns f₀, test
 * outputs through Θ(x, X) equal the train outputs when x = X, the loss decreases along the
 * flow, and bad input is a typed error.
 */
import { describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src/data/sequences.js';
import { InvalidArgumentError, ShapeError } from '../../src/errors.js';
import { logisticFlow } from '../../src/finite-time/index.js';
import { analyticNtk } from '../../src/kernels/analytic.js';
import { symmetricEigen } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/rng.js';
import { expectClose, TOL } from '../helpers.js';

const rng = new Rng(11, 'ts');
const [n, L, d] = [12, 4, 2];
const train = sequenceBatch(n, L, d, rng.normal(n * L * d, 4));
const theta = analyticNtk(train).H;
const labels = Array.from(rng.normal(n), (v) => (v >= 0 ? 1 : -1));
const f0 = rng.normal(n, 0.3);
const eta = 1 / symmetricEigen(theta).values[n - 1];
const times = [1, 4, 10];

const maxDiff = (a: readonly Float64Array[], b: readonly Float64Array[]) =>
  Math.max(...a.flatMap((v, k) => Array.from(v, (x, i) => Math.abs(x - b[k][i]))));
const run = (stepSize: number, estimateError = false) => logisticFlow(theta, labels, { learningRate: eta, times, stepSize, fTrain0: f0, estimateError });

/** Explicit Euler with `steps` steps per unit time, plain loops (no library code but the kernel matrix). */
function euler(stepsPerUnit: number): Float64Array[] {
  const f = Float64Array.from(f0);
  const out: Float64Array[] = [];
  let t = 0;
  for (const t1 of times) {
    const steps = Math.round((t1 - t) * stepsPerUnit);
    const h = (t1 - t) / steps;
    for (let s = 0; s < steps; s++) {
      const r = Array.from(f, (v, i) => -labels[i] / (1 + Math.exp(labels[i] * v)));
      const df = Array.from(f, (_, i) => r.reduce((acc, rj, j) => acc + theta.data[i * n + j] * rj, 0));
      for (let i = 0; i < n; i++) f[i] -= h * eta * df[i];
    }
    out.push(Float64Array.from(f));
    t = t1;
  }
  return out;
}

describe('logisticFlow', () => {
  const reference = run(1 / 64);

  it('is fourth order: halving h divides the error by about 16, and the error estimate tracks the true error', () => {
    const errors = [1, 0.5, 0.25].map((h) => maxDiff(run(h).train, reference.train));
    for (let k = 1; k < errors.length; k++) {
      const ratio = errors[k - 1] / errors[k];
      expect(ratio, `error ratio ${ratio} (errors ${errors})`).toBeGreaterThan(12);
      expect(ratio, `error ratio ${ratio} (errors ${errors})`).toBeLessThan(21);
    }
    const estimated = run(1, true);
    expect(estimated.stepSize).toBe(0.5);
    const actual = maxDiff(estimated.train, reference.train);
    expect(estimated.errorEstimate / actual).toBeGreaterThan(0.5);
    expect(estimated.errorEstimate / actual).toBeLessThan(2);
  });

  it('agrees with explicit Euler within Euler’s own error (the difference of two Euler step sizes)', () => {
    const coarse = euler(200);
    const fine = euler(400);
    const eulerError = maxDiff(coarse, fine); // ≈ the error of `fine` (first order)
    expect(maxDiff(reference.train, fine)).toBeLessThanOrEqual(2 * eulerError);
    expect(eulerError).toBeLessThan(1e-3); // the oracle is meaningful
  });

  it('t = 0 returns f₀; test outputs with Θ(x, X) = Θ equal the train outputs; the loss decreases', () => {
    const out = logisticFlow(theta, labels, { learningRate: eta, times: [0, ...times], fTrain0: f0, kTestTrain: theta, fTest0: f0 });
    expect(Array.from(out.train[0])).toEqual(Array.from(f0));
    out.train.forEach((f, k) => expectClose(out.test![k], f, TOL.roundoff));
    const loss = out.train.map((f) => f.reduce((s, v, i) => s + Math.log1p(Math.exp(-labels[i] * v)), 0));
    for (let k = 1; k < loss.length; k++) expect(loss[k]).toBeLessThan(loss[k - 1]);
    expect(out.errorEstimate).toBeLessThan(1e-6);
  });

  it('typed errors: bad times (negative, descending, ∞), learning rate, step size beyond RK4 stability, shapes', () => {
    const base = { learningRate: eta, times };
    expect(() => logisticFlow(theta, labels, { ...base, times: [-1] })).toThrow(InvalidArgumentError);
    expect(() => logisticFlow(theta, labels, { ...base, times: [2, 1] })).toThrow(/ascending/);
    expect(() => logisticFlow(theta, labels, { ...base, times: [Infinity] })).toThrow(/no t = ∞ limit/);
    expect(() => logisticFlow(theta, labels, { ...base, times: [] })).toThrow(InvalidArgumentError);
    expect(() => logisticFlow(theta, labels, { ...base, learningRate: -1 })).toThrow(/learningRate must be/);
    expect(() => logisticFlow(theta, labels, { ...base, stepSize: 1e6 })).toThrow(/stability limit.*h < /);
    expect(() => logisticFlow(theta, labels, { ...base, stepSize: 1e-6, times: [1e3] })).toThrow(/RK4 steps \(limit/);
    expect(() => logisticFlow(theta, labels.slice(1), base)).toThrow(ShapeError);
    expect(() => logisticFlow(theta, labels, { ...base, fTest0: [0] })).toThrow(/fTest0 needs kTestTrain/);
  });
});
