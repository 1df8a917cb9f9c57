import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NonFiniteError, ShapeError } from '../../src/errors.js';
import type { StackedActivations } from '../../src/kernels/empirical-activations.js';
import { backwardCorrelations, forwardCorrelations } from '../../src/kernels/empirical-correlations.js';
import { empiricalNtkCrossFromActivations, empiricalNtkFromActivations } from '../../src/kernels/empirical-ntk.js';
import { Rng } from '../../src/random/rng.js';
import { BACKENDS, TOL, expectBitEqual, expectClose } from '../helpers.js';
import { explicitGradient, paperVariances, refActivations, refNetwork } from './reference.js';

const L = 3;
const d = 2;
const m = 7;
const n = 5;
const rng = new Rng(21, 'ts');
const xs = rng.normal(n * L * d, 1.5);
const net = refNetwork(rng, m, d, { ...paperVariances(L), vA: 2 }); // vA = 2: inputs matter at small L
const acts = refActivations(net, xs, n, L);

/** H_ij = (1/m)⟨∇_W f(x_i), ∇_W f(x_j)⟩ from explicit m×m gradients (eq. 23, left side). */
function gradientOracle(a: StackedActivations, b: StackedActivations): Float64Array {
  const ga = Array.from({ length: a.n }, (_, i) => explicitGradient(a, i));
  const gb = Array.from({ length: b.n }, (_, j) => explicitGradient(b, j));
  const out = new Float64Array(a.n * b.n);
  for (let i = 0; i < a.n; i++)
    for (let j = 0; j < b.n; j++) {
      let s = 0;
      for (let e = 0; e < m * m; e++) s += ga[i][e] * gb[j][e];
      out[i * b.n + j] = s / a.m;
    }
  return out;
}

/** (1/m) Σ_l ⟨δ_l^i, δ_l^j⟩⟨h_{l−1}^i, h_{l−1}^j⟩ by plain loops. */
function sameStepOracle(a: StackedActivations): Float64Array {
  const out = new Float64Array(a.n * a.n);
  const dot = (x: Float64Array, p: number, q: number) => {
    let s = 0;
    for (let c = 0; c < a.m; c++) s += x[p + c] * x[q + c];
    return s;
  };
  for (let i = 0; i < a.n; i++)
    for (let j = 0; j < a.n; j++)
      for (let l = 0; l < a.L; l++) {
        const p = (i * a.L + l) * a.m;
        const q = (j * a.L + l) * a.m;
        out[i * a.n + j] += (dot(a.delta, p, q) * dot(a.hPrev, p, q)) / a.m;
      }
  return out;
}

describe('empirical NTK from stacked activations (docs/theory.md#empirical-ntk, eq. 23)', () => {
  const oracle = gradientOracle(acts, acts);

  for (const b of BACKENDS) {
    it(`${b.name}: equals (1/m)⟨∇f_i, ∇f_j⟩ from explicit gradients, for every tile size`, () => {
      for (const tileSequences of [1, 2, 3, n, 100]) {
        const H = empiricalNtkFromActivations(acts, { backend: b, tileSequences });
        // different summation order than the explicit m×m inner product: f64 round-off
        expectClose(H.data, oracle, TOL.roundoff);
      }
    });

    it(`${b.name}: tiled equals untiled to f64 round-off, and is exactly symmetric`, () => {
      const whole = empiricalNtkFromActivations(acts, { backend: b, tileSequences: n });
      const tiled = empiricalNtkFromActivations(acts, { backend: b, tileSequences: 2 });
      expectClose(tiled.data, whole.data, TOL.roundoff);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(tiled.data[i * n + j]).toBe(tiled.data[j * n + i]);
    });

    it(`${b.name}: same-step variant equals the l = l' sum`, () => {
      const H = empiricalNtkFromActivations(acts, { backend: b, variant: 'same-step' });
      expectClose(H.data, sameStepOracle(acts), TOL.roundoff);
    });

    it(`${b.name}: test × train kernel equals the explicit-gradient cross products`, () => {
      const xt = rng.normal(3 * L * d, 1.5);
      const test = refActivations(net, xt, 3, L);
      for (const tileSequences of [1, 2, 10]) {
        const K = empiricalNtkCrossFromActivations(test, acts, { backend: b, tileSequences });
        expect([K.rows, K.cols]).toEqual([3, n]);
        expectClose(K.data, gradientOracle(test, acts), TOL.roundoff);
      }
      // same-step cross kernel on the training set itself equals the symmetric one
      const S = empiricalNtkCrossFromActivations(acts, acts, { backend: b, variant: 'same-step' });
      expectClose(S.data, sameStepOracle(acts), TOL.roundoff);
    });
  }

  it('many ragged tiles (n = 37, L = 5, m = 300 > one k-block): tiled equals untiled on both backends', () => {
    const big = { n: 37, L: 5, m: 300, delta: rng.normal(37 * 5 * 300), hPrev: rng.normal(37 * 5 * 300) };
    for (const b of BACKENDS) {
      const whole = empiricalNtkFromActivations(big, { backend: b, tileSequences: 37 }).data;
      for (const tileSequences of [1, 4, 10]) {
        // tiles change which Gram entries come from SYRK and which from GEMM: f64 round-off at most
        expectClose(empiricalNtkFromActivations(big, { backend: b, tileSequences }).data, whole, TOL.roundoff);
      }
      const test = { ...big, n: 3, delta: big.delta.subarray(0, 3 * 5 * 300), hPrev: big.hPrev.subarray(0, 3 * 5 * 300) };
      const cross = empiricalNtkCrossFromActivations(test, big, { backend: b, tileSequences: 4 }).data;
      expectClose(cross, whole.subarray(0, 3 * 37), TOL.roundoff);
    }
  });

  it('wasm and the TS twin give the same bits (full, same-step, cross)', () => {
    const [w, t] = BACKENDS.map((b) => [
      empiricalNtkFromActivations(acts, { backend: b, tileSequences: 2 }).data,
      empiricalNtkFromActivations(acts, { backend: b, variant: 'same-step' }).data,
      empiricalNtkCrossFromActivations(acts, acts, { backend: b, tileSequences: 2 }).data,
    ]);
    for (let k = 0; k < 3; k++) expectBitEqual(w[k], t[k]);
  });

  it('bad input: typed errors that say what to fix', () => {
    const withNaN = { ...acts, delta: acts.delta.map((v, k) => (k === 4 ? NaN : v)) };
    expect(() => empiricalNtkFromActivations(withNaN)).toThrow(NonFiniteError);
    expect(() => empiricalNtkFromActivations({ ...acts, n: 0, delta: new Float64Array(0), hPrev: new Float64Array(0) })).toThrow(ShapeError);
    expect(() => empiricalNtkFromActivations({ ...acts, hPrev: acts.hPrev.subarray(1) })).toThrow(ShapeError);
    const shorter = refActivations(net, xs.subarray(0, 2 * (L - 1) * d), 2, L - 1);
    expect(() => empiricalNtkCrossFromActivations(shorter, acts)).toThrow(/same length L/);
    const narrower = refActivations(refNetwork(rng, m - 1, d, paperVariances(L)), xs, n, L);
    expect(() => empiricalNtkCrossFromActivations(narrower, acts)).toThrow(/same width m/);
    expect(() => empiricalNtkFromActivations(acts, { variant: 'diagonal' as never })).toThrow(InvalidArgumentError);
    expect(() => empiricalNtkFromActivations(acts, { tileSequences: 0 })).toThrow(InvalidArgumentError);
    expect(() => empiricalNtkFromActivations(null as never)).toThrow(/stepActivations returns/);
    expect(() => empiricalNtkFromActivations({ ...acts, delta: undefined } as never)).toThrow(ShapeError);
    expect(() => forwardCorrelations({ n, L, m } as never, [0])).toThrow(/h an array/);
    expect(() => backwardCorrelations(undefined as never, [[1, 1]])).toThrow(ShapeError);
  });
});
