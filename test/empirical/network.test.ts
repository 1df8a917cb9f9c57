import { afterAll, describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src/data/sequences.js';
import { InvalidArgumentError, NonFiniteError, ShapeError } from '../../src/errors.js';
import { empiricalCorrelations, empiricalNtk, empiricalNtkCross } from '../../src/kernels/empirical-network.js';
import { empiricalNtkCrossFromActivations, empiricalNtkFromActivations } from '../../src/kernels/empirical-ntk.js';
import { Rng } from '../../src/random/rng.js';
import { gradient, stepActivations } from '../../src/rnn/gradient.js';
import { createRnn, type Rnn } from '../../src/rnn/model.js';
import { BACKENDS, TOL, expectBitEqual, expectClose } from '../helpers.js';
import { explicitGradient, refActivations, type RefNetwork } from './reference.js';

const m = 6;
const d = 2;
const L = 3;
const rng = new Rng(77, 'ts');
const x = sequenceBatch(4, L, d, rng.normal(4 * L * d, 1.5));
const xTest = sequenceBatch(2, L, d, rng.normal(2 * L * d, 1.5));

/** The plain-TS reference network with the model's parameters (an independent forward/backward). */
function referenceOf(model: Rnn): RefNetwork {
  const p = model.parameters();
  return { m, d, W: p.W, A: p.A, B: p.B, h0: p.M0.map((z) => Math.max(z, 0)) };
}

/** (1/m)⟨G_i, G_j⟩ over the reference's explicit m×m gradients. */
function gradientKernel(net: RefNetwork, a: Float64Array, na: number, b: Float64Array, nb: number): Float64Array {
  const ga = refActivations(net, a, na, L);
  const gb = refActivations(net, b, nb, L);
  const out = new Float64Array(na * nb);
  for (let i = 0; i < na; i++) {
    const gi = explicitGradient(ga, i);
    for (let j = 0; j < nb; j++) {
      const gj = explicitGradient(gb, j);
      out[i * nb + j] = gi.reduce((s, v, e) => s + v * gj[e], 0) / m;
    }
  }
  return out;
}

describe('empirical NTK of a network (src/rnn passes + eq. 23)', () => {
  const models = BACKENDS.map((backend) => createRnn({ m, d, L, seed: 5, init: { v0: 2, vW: 2, vA: 2, vB: 1 }, backend }));
  afterAll(() => models.forEach((model) => model.dispose()));

  for (const model of models) {
    const net = referenceOf(model);
    it(`${model.backend.name}: empiricalNtk equals the explicit-gradient kernel of the same parameters`, () => {
      expectClose(empiricalNtk(model, x).data, gradientKernel(net, x.data, 4, x.data, 4), TOL.roundoff);
    });

    it(`${model.backend.name}: empiricalNtkCross equals the explicit test × train gradient products`, () => {
      const K = empiricalNtkCross(model, xTest, x);
      expect([K.rows, K.cols]).toEqual([2, 4]);
      expectClose(K.data, gradientKernel(net, xTest.data, 2, x.data, 4), TOL.roundoff);
    });

    it(`${model.backend.name}: with output l, the kernel of f_l = Bᵀh_l equals the library's explicit ∇_W f_l products`, () => {
      const grads = [0, 1, 2, 3].map((i) => gradient(model, x.data.subarray(i * L * d, (i + 1) * L * d), { output: 2 }).data);
      const want = new Float64Array(16);
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) want[i * 4 + j] = grads[i].reduce((s, g, e) => s + g * grads[j][e], 0) / m;
      expectClose(empiricalNtk(model, x, { output: 2 }).data, want, TOL.roundoff);
      expectClose(empiricalNtkCross(model, x, x, { output: 2 }).data, want, TOL.roundoff);
    });

    it(`${model.backend.name}: activations kept in the heap give the same bits as the copied-out ones, and nothing leaks`, () => {
      const live = model.backend.heap.liveSlots;
      for (const opts of [{}, { variant: 'same-step' as const }, { tileSequences: 3, output: 2 }]) {
        const acts = { test: stepActivations(model, xTest, opts), train: stepActivations(model, x, opts) };
        const kernelOpts = { ...opts, backend: model.backend };
        expectBitEqual(empiricalNtk(model, x, opts).data, empiricalNtkFromActivations(acts.train, kernelOpts).data);
        expectBitEqual(
          empiricalNtkCross(model, xTest, x, opts).data,
          empiricalNtkCrossFromActivations(acts.test, acts.train, kernelOpts).data,
        );
      }
      expect(model.backend.heap.liveSlots).toBe(live);
    });

    it(`${model.backend.name}: correlations equal the reference ⟨h_l, h_l⟩ and (1/m)⟨δ_l, δ_l'⟩`, () => {
      const ref = refActivations(net, x.data, 4, L);
      const { forward, backward } = empiricalCorrelations(model, x, { forward: [0, L], backward: [[1, 1], [1, 3]] });
      expect(forward.map((c) => c.l)).toEqual([0, L]);
      for (const c of forward) {
        const want = new Float64Array(16);
        for (let i = 0; i < 4; i++)
          for (let j = 0; j < 4; j++)
            for (let k = 0; k < m; k++) want[i * 4 + j] += ref.hidden.h[(i * (L + 1) + c.l) * m + k] * ref.hidden.h[(j * (L + 1) + c.l) * m + k];
        expectClose(c.matrix.data, want, TOL.roundoff);
      }
      for (const c of backward) {
        const want = new Float64Array(16);
        for (let i = 0; i < 4; i++)
          for (let j = 0; j < 4; j++)
            for (let k = 0; k < m; k++) want[i * 4 + j] += (ref.delta[(i * L + c.l - 1) * m + k] * ref.delta[(j * L + c.lPrime - 1) * m + k]) / m;
        expectClose(c.matrix.data, want, TOL.roundoff);
      }
      expect(empiricalCorrelations(model, x, {})).toEqual({ forward: [], backward: [] });
    });
  }

  it('bad input: sequences of another length or width, NaN, an empty set, bad steps', () => {
    const model = models[0];
    expect(() => empiricalNtk(model, sequenceBatch(1, L + 1, d, new Float64Array((L + 1) * d)))).toThrow(ShapeError);
    expect(() => empiricalNtkCross(model, sequenceBatch(1, L, d + 1, new Float64Array(L * (d + 1))), x)).toThrow(ShapeError);
    const nan = { ...x, data: x.data.map((v, k) => (k === 3 ? NaN : v)) };
    expect(() => empiricalNtk(model, nan)).toThrow(NonFiniteError);
    expect(() => empiricalNtk(model, sequenceBatch(0, L, d, []))).toThrow(ShapeError);
    expect(() => empiricalCorrelations(model, sequenceBatch(0, L, d, []), { forward: [1] })).toThrow(ShapeError);
    expect(() => empiricalCorrelations(model, x, { forward: [L + 1] })).toThrow(/\[0, 3\]/);
    expect(() => empiricalCorrelations(model, x, { backward: [[0, 1]] })).toThrow(/\[1, 3\]/);
    expect(() => empiricalNtk(model, x, { tileSequences: 0 })).toThrow(InvalidArgumentError);
  });

  it('a diverged W (activations overflow to ±∞/NaN) is a NonFiniteError, not a NaN kernel', () => {
    const model = createRnn({ m, d, L, seed: 5, backend: 'ts' });
    model.setWeights(new Float64Array(m * m).fill(1e200));
    expect(() => empiricalNtk(model, x)).toThrow(NonFiniteError);
    expect(() => empiricalNtkCross(model, xTest, x)).toThrow(NonFiniteError);
    model.dispose();
  });
});
