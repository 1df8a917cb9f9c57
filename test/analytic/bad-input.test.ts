import { describe, expect, it } from 'vitest';
import { sequenceBatch, type SequenceBatch } from '../../src/data/sequences.js';
import { InvalidArgumentError, NonFiniteError, ShapeError } from '../../src/errors.js';
import { analyticNtk } from '../../src/kernels/analytic.js';

const x = sequenceBatch(2, 3, 2, [1, 0, 0, 1, 1, 1, 2, 0, 0, 2, -1, 1]);

describe('analyticNtk rejects bad input with typed errors', () => {
  it('empty batches, mismatched L or d, inconsistent shapes', () => {
    expect(() => analyticNtk(sequenceBatch(0, 3, 2, []))).toThrow(ShapeError);
    expect(() => analyticNtk(x, { other: sequenceBatch(1, 4, 2, new Float64Array(8)) })).toThrow(/same length L and width d/);
    expect(() => analyticNtk(x, { other: sequenceBatch(1, 3, 3, new Float64Array(9)) })).toThrow(ShapeError);
    const lying: SequenceBatch = { n: 3, L: 3, d: 2, data: new Float64Array(12) };
    expect(() => analyticNtk(lying)).toThrow(ShapeError);
  });

  it('NaN inputs and overflow', () => {
    const nan: SequenceBatch = { n: 1, L: 2, d: 1, data: Float64Array.from([1, NaN]) };
    expect(() => analyticNtk(nan)).toThrow(NonFiniteError);
    expect(() => analyticNtk(sequenceBatch(2, 2, 1, [1e200, 1, -1e200, 2]), { init: 'algorithm1', m: 4 })).toThrow(/overflow|variance/);
  });

  it('bad steps, variances and options', () => {
    expect(() => analyticNtk(x, { parts: { b: [0] } })).toThrow(InvalidArgumentError);
    expect(() => analyticNtk(x, { parts: { k: [4] } })).toThrow(/\[0, 3\]/);
    expect(() => analyticNtk(x, { parts: { rho: [1.5] } })).toThrow(InvalidArgumentError);
    expect(() => analyticNtk(x, { init: 'algorithm1' })).toThrow(/width/);
    expect(() => analyticNtk(x, { init: { v0: 1, vW: -1, vA: 1, vB: 1 } })).toThrow(InvalidArgumentError);
    // v0 = vW = 0 and a zero token: c_1(i,i) = 0, the correlation is undefined
    const zero = sequenceBatch(1, 2, 1, [0, 1]);
    expect(() => analyticNtk(zero, { init: { v0: 0, vW: 0, vA: 1, vB: 1 } })).toThrow(/pre-activation variance/);
    expect(() => analyticNtk(x, { backend: 'gpu' as never })).toThrow(InvalidArgumentError);
  });
});
