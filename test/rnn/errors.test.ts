// Bad input at every public boundary of src/rnn gives a typed error with a helpful message.
import { describe, expect, it } from 'vitest';
import {
  InvalidArgumentError, NonFiniteError, ShapeError, createRnn, dataset, evaluate, forward, forwardSequence,
  gradient, sequenceBatch, sgdStep, stepActivations, stepDataset, train,
} from '../../src/index.js';
import type { Rng } from '../../src/random/rng.js';

const L = 3;
const d = 2;
const model = createRnn({ m: 4, d, L, seed: 1, backend: 'ts' });
const x = sequenceBatch(2, L, d, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
const good = dataset(x, [1, -1]);

describe('typed errors', () => {
  it('configuration: m = 0, non-integer d, L < 1, bad seed, bad init', () => {
    expect(() => createRnn({ m: 0, d, L })).toThrow(InvalidArgumentError);
    expect(() => createRnn({ m: 4, d: 1.5, L })).toThrow(/d \(input width\)/);
    expect(() => createRnn({ m: 4, d, L: 0 })).toThrow(InvalidArgumentError);
    expect(() => createRnn({ m: 4, d, L, seed: -1 })).toThrow(/seed/);
    expect(() => createRnn({ m: 4, d, L, init: { v0: 1, vW: -1, vA: 1, vB: 1 } })).toThrow(/vW/);
    expect(() => createRnn({ m: 4, d, L, init: 'xavier' as never })).toThrow(InvalidArgumentError);
  });

  it('sequences of the wrong L or d', () => {
    expect(() => forward(model, sequenceBatch(1, L + 1, d, new Float64Array((L + 1) * d)))).toThrow(ShapeError);
    expect(() => forward(model, sequenceBatch(1, L, d + 1, new Float64Array(L * (d + 1))))).toThrow(/d = 2/);
    expect(() => forwardSequence(model, [1, 2, 3])).toThrow(ShapeError);
    expect(() => gradient(model, new Float64Array(L * d + 1))).toThrow(ShapeError);
  });

  it('NaN or ∞ in inputs', () => {
    const bad = { n: 1, L, d, data: Float64Array.from([1, 2, NaN, 4, 5, 6]) };
    expect(() => forward(model, bad)).toThrow(NonFiniteError);
    expect(() => forwardSequence(model, [1, 2, 3, Infinity, 5, 6])).toThrow(NonFiniteError);
    expect(() => stepActivations(model, bad)).toThrow(NonFiniteError);
    expect(() => model.setWeights(new Float64Array(16).fill(NaN))).toThrow(NonFiniteError);
  });

  it('labels outside ±1', () => {
    expect(() => sgdStep(model, x, [1, 0])).toThrow(InvalidArgumentError);
    expect(() => sgdStep(model, x, [1])).toThrow(ShapeError);
    expect(() => evaluate(model, { x, y: Float64Array.from([1, 2]) })).toThrow(/−1 or \+1/);
    expect(() => stepDataset(x, new Float64Array(2 * L).fill(0.5))).toThrow(InvalidArgumentError);
    expect(() => stepDataset(x, new Float64Array(5).fill(1))).toThrow(ShapeError);
    expect(() => stepDataset({ ...x, data: x.data.subarray(1) }, new Float64Array(2 * L).fill(1))).toThrow(/holds 11 values/);
    expect(() => stepDataset(null as never, [])).toThrow(/SequenceBatch/);
  });

  it('training options and samplers', () => {
    expect(() => train(model, good, { steps: -1 })).toThrow(/steps/);
    expect(() => train(model, good, { steps: 1, eta0: 0 })).toThrow(/eta0/);
    expect(() => train(model, good, { steps: 1, eta: NaN })).toThrow(/eta/);
    expect(() => train(model, good, { steps: 1, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => train(model, good, { steps: 1, reportEvery: 0 })).toThrow(/reportEvery/);
    const wrongShape = (_rng: Rng) => ({ x: [1, 2], y: 1 });
    expect(() => train(model, wrongShape, { steps: 1 })).toThrow(ShapeError);
    const wrongLabel = (_rng: Rng) => ({ x: new Float64Array(L * d), y: 3 });
    expect(() => train(model, wrongLabel, { steps: 1 })).toThrow(InvalidArgumentError);
    const nan = (_rng: Rng) => ({ x: new Float64Array(L * d).fill(NaN), y: 1 });
    expect(() => train(model, nan, { steps: 1 })).toThrow(NonFiniteError);
    expect(() => train(model, null as never, { steps: 1 })).toThrow(/dataset\(x, y\)/);
    expect(() => train(model, good, undefined as never)).toThrow(/options/);
    expect(() => evaluate(model, { x } as never)).toThrow(ShapeError);
    const heldOut = dataset(sequenceBatch(1, L + 1, d, new Float64Array((L + 1) * d)), [1]);
    expect(() => train(model, good, { steps: 1, heldOut })).toThrow(ShapeError);
  });

  it('SGD steps, evaluation and parameters: empty batches, bad η, label counts, wrong shapes', () => {
    const empty = sequenceBatch(0, L, d, []);
    expect(() => sgdStep(model, empty, [])).toThrow(/at least one sequence/);
    expect(() => sgdStep(model, x, [1, -1], { eta: 0 })).toThrow(/eta/);
    expect(() => sgdStep(model, x, [1, -1], { perStep: true })).toThrow(/expected 6 labels/);
    expect(() => evaluate(model, { x: empty, y: new Float64Array(0) })).toThrow(/empty/);
    expect(() => train(model, good, { steps: 1, heldOut: { x, y: Float64Array.from([1]) } })).toThrow(/expected 2 labels/);
    const oneLabel = (_rng: Rng) => ({ x: new Float64Array(L * d), y: 1 });
    expect(() => train(model, oneLabel, { steps: 1, perStep: true })).toThrow(/3 labels per example/);
    expect(() => model.setWeights({ rows: 2, cols: 8, data: new Float64Array(16) })).toThrow(/4×4/);
    expect(() => model.setWeights(new Float64Array(15))).toThrow(ShapeError);
    const p = model.parameters();
    expect(() => model.setParameters({ ...p, A: new Float64Array(3) })).toThrow(/A must have 8 entries/);
    expect(() => model.setParameters({ ...p, B: p.B.map(() => Infinity) })).toThrow(NonFiniteError);
    expect(model.parameters()).toEqual(p); // a rejected update changes nothing
  });

  it('an output step outside 1..L, and a disposed model', () => {
    expect(() => gradient(model, new Float64Array(L * d), { output: L + 1 })).toThrow(InvalidArgumentError);
    expect(() => stepActivations(model, x, { output: 0 })).toThrow(/1\.\.3/);
    const gone = createRnn({ m: 2, d, L, backend: 'ts' });
    gone.dispose();
    expect(() => forward(gone, x)).toThrow(/disposed/);
  });

  it('a diverging run stops with NonFiniteError instead of reporting NaN', () => {
    const diverging = createRnn({ m: 8, d, L, init: 'algorithm1', seed: 2, backend: 'ts' });
    const big = dataset(sequenceBatch(1, L, d, new Float64Array(L * d).fill(30)), [-1]);
    expect(() => train(diverging, big, { steps: 2000, eta: 1e150 })).toThrow(/diverged/);
    diverging.dispose();
  });
});
