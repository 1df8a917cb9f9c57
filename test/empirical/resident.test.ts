/**
 * Heap residency of the empirical kernels: the activations the empirical NTK predictor keeps
 * in the model's heap give the same bits as the copying path (activations copied out, then
 * into the heap again), `empiricalCorrelations` (computed in the heap) equals the array-based
 * functions, and the predictor's heap memory is released by dispose (use after it is a
 * DisposedError, a second dispose is harmless).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src/data/sequences.js';
import { DisposedError, ShapeError } from '../../src/errors.js';
import { backwardCorrelations, forwardCorrelations } from '../../src/kernels/empirical-correlations.js';
import { empiricalCorrelations, ResidentActivations } from '../../src/kernels/empirical-network.js';
import { empiricalNtkCrossFromActivations, empiricalNtkFromActivations } from '../../src/kernels/empirical-ntk.js';
import { Rng } from '../../src/random/rng.js';
import { hiddenStates } from '../../src/rnn/forward.js';
import { stepActivations } from '../../src/rnn/gradient.js';
import { createRnn } from '../../src/rnn/model.js';
import { fitNtkPredictor } from '../../src/theory/predictor.js';
import { BACKENDS, expectBitEqual } from '../helpers.js';

const [L, d, m] = [3, 2, 12];
const rng = new Rng(5, 'ts');
const train = sequenceBatch(7, L, d, rng.normal(7 * L * d));
const test = sequenceBatch(4, L, d, rng.normal(4 * L * d));
const models = BACKENDS.map((b) => createRnn({ m, d, L, seed: 9, backend: b }));
afterAll(() => models.forEach((model) => model.dispose()));

describe('the empirical kernels stay in the heap', () => {
  models.forEach((model) => {
    it(`${model.backend.name}: resident activations give the bits of the copying path; correlations too`, () => {
      const acts = stepActivations(model, train); // also creates the model's workspace, which it keeps
      const live = model.backend.heap.liveSlots;
      const resident = ResidentActivations.of(model, train, { variant: 'full' });
      expectBitEqual(resident.kernel().data, empiricalNtkFromActivations(acts, { backend: model.backend }).data);
      expectBitEqual(resident.cross(test).data, empiricalNtkCrossFromActivations(stepActivations(model, test), acts, { backend: model.backend }).data);
      resident.dispose();
      resident.dispose();
      expect(() => resident.kernel()).toThrow(DisposedError);
      expect(model.backend.heap.liveSlots).toBe(live);
      expect(() => ResidentActivations.of(model, sequenceBatch(0, L, d, []))).toThrow(ShapeError);
      expect(model.backend.heap.liveSlots).toBe(live);

      const got = empiricalCorrelations(model, train, { forward: [0, 2], backward: [[1, 1], [2, 3]] });
      const forward = forwardCorrelations({ n: train.n, L, m, h: hiddenStates(model, train) }, [0, 2], { backend: model.backend });
      const backward = backwardCorrelations(acts, [[1, 1], [2, 3]], { backend: model.backend });
      got.forward.forEach((c, t) => expectBitEqual(c.matrix.data, forward[t].matrix.data));
      got.backward.forEach((c, t) => expectBitEqual(c.matrix.data, backward[t].matrix.data));
    });

    it(`${model.backend.name}: the empirical predictor frees its heap memory on dispose`, () => {
      const live = model.backend.heap.liveSlots;
      const p = fitNtkPredictor(train, [1, -1, 1, 1, -1, 1, -1], { kernel: { kind: 'empirical', model }, ridge: 0.1 });
      expect(model.backend.heap.liveSlots).toBeGreaterThan(live); // 2·n·L·m activations kept
      expect(p.predict(test).length).toBe(4);
      p.dispose();
      p.dispose();
      expect(model.backend.heap.liveSlots).toBe(live);
      expect(() => p.predict(test)).toThrow(DisposedError);
      // a fit that fails frees what it took
      expect(() => fitNtkPredictor(train, [1, 1], { kernel: { kind: 'empirical', model } })).toThrow(ShapeError);
      expect(model.backend.heap.liveSlots).toBe(live);
    });
  });
});
