/**
 * Nested arrays x[i][l][k] are accepted wherever a SequenceBatch is: every such function gives
 * the same bits for the nested form as for the flat batch built independently (row-major,
 * feature k of X_{i,l} at (i·L + l)·d + k), and malformed nested input is a typed error.
 */
import { describe, expect, it } from 'vitest';
import {
  analyticNtk, createRnn, dataset, empiricalCorrelations, empiricalNtk, empiricalNtkCross, evaluateTarget,
  fitNtkPredictor, forward, forwardWithCache, hiddenStates, NonFiniteError, ntkComplexity, Rng, sampleAdditiveTarget,
  sequenceBatch, sgdStep, sinFunction, ShapeError, stepActivations, stepDataset,
} from '../../src/index.js';
import { expectBitEqual } from '../helpers.js';

const [n, L, d] = [3, 4, 2];
const draws = new Rng(5).normal(n * L * d);
const nested = Array.from({ length: n }, (_, i) => Array.from({ length: L }, (_, l) => Array.from({ length: d }, (_, k) => draws[(i * L + l) * d + k])));
const flat = sequenceBatch(n, L, d, nested.flat(2));
const other = [nested[2], nested[0]];
const otherFlat = sequenceBatch(2, L, d, other.flat(2));
const y = [1, -1, 1];

describe('nested arrays n×L×d wherever a SequenceBatch is taken', () => {
  it('kernels and theory: analyticNtk (x and other), ntkComplexity, fitNtkPredictor, evaluateTarget', () => {
    expectBitEqual(analyticNtk(nested, { other }).H.data, analyticNtk(flat, { other: otherFlat }).H.data);
    expect(ntkComplexity(nested, y).value).toBe(ntkComplexity(flat, y).value);
    const p = fitNtkPredictor(nested, y);
    expectBitEqual(p.predict(other), fitNtkPredictor(flat, y).predict(otherFlat));
    expectBitEqual(p.classify(other), p.classify(otherFlat));
    const target = sampleAdditiveTarget(new Rng(1), { L, d, psi: sinFunction });
    expectBitEqual(evaluateTarget(target, nested), evaluateTarget(target, flat));
  });

  it('the network: forward, forwardWithCache, hiddenStates, stepActivations, empirical kernels, sgdStep', () => {
    const [a, b] = [createRnn({ m: 16, d, L, seed: 3 }), createRnn({ m: 16, d, L, seed: 3 })];
    try {
      expectBitEqual(forward(a, nested), forward(a, flat));
      expectBitEqual(forwardWithCache(a, nested).h, forwardWithCache(a, flat).h);
      expectBitEqual(hiddenStates(a, nested), hiddenStates(a, flat));
      expectBitEqual(stepActivations(a, nested).delta, stepActivations(a, flat).delta);
      expectBitEqual(empiricalNtk(a, nested).data, empiricalNtk(a, flat).data);
      expectBitEqual(empiricalNtkCross(a, other, nested).data, empiricalNtkCross(a, otherFlat, flat).data);
      const req = { forward: [2], backward: [[3, 3]] as Array<[number, number]> };
      const [cn, cf] = [empiricalCorrelations(a, nested, req), empiricalCorrelations(a, flat, req)];
      expectBitEqual(cn.forward[0].matrix.data, cf.forward[0].matrix.data);
      expectBitEqual(cn.backward[0].matrix.data, cf.backward[0].matrix.data);
      expect(sgdStep(a, nested, y)).toEqual(sgdStep(b, flat, y));
      expectBitEqual(forward(a, flat), forward(b, flat));
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('data sets: dataset and stepDataset', () => {
    expectBitEqual(dataset(nested, y).x.data, flat.data);
    expectBitEqual(stepDataset(nested, new Array(n * L).fill(1)).x.data, flat.data);
  });

  it('malformed nested input is a typed error saying where', () => {
    const ragged = [nested[0], nested[1].slice(1)];
    expect(() => analyticNtk(ragged)).toThrow(ShapeError);
    expect(() => analyticNtk(ragged)).toThrow(/sequence 1 has 3 steps/);
    expect(() => ntkComplexity([[[1, 2]], [[3]]], [1, 1])).toThrow(/sequence 1 step 0 has 1 features/);
    expect(() => analyticNtk([])).toThrow(ShapeError);
    expect(() => analyticNtk([[[NaN]]])).toThrow(NonFiniteError);
  });
});
