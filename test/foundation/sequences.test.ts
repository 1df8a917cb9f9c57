/**
 * Sequences and data sets (src/data/sequences.ts): the flat layout data[(i·L + l−1)·d + k]
 * checked against hand-placed entries, and the typed errors at each constructor.
 */
import { describe, expect, it } from 'vitest';
import { dataset, sequenceAt, sequenceBatch, sequencesFromNested } from '../../src/data/sequences.js';
import { InvalidArgumentError, NonFiniteError, ShapeError } from '../../src/errors.js';

describe('sequences', () => {
  it('sequencesFromNested lays X_{i,l} out row-major; sequenceAt returns sequence i', () => {
    const x = sequencesFromNested([
      [[1, 2], [3, 4], [5, 6]],
      [[7, 8], [9, 10], [11, 12]],
    ]);
    expect([x.n, x.L, x.d]).toEqual([2, 3, 2]);
    expect(x.data[(1 * 3 + 2) * 2 + 1]).toBe(12); // X_{1,3}, feature 1
    expect(Array.from(sequenceAt(x, 1))).toEqual([7, 8, 9, 10, 11, 12]);
    expect(() => sequenceAt(x, 2)).toThrow(InvalidArgumentError);
    expect(() => sequenceAt(x, -1)).toThrow(/0\.\.1/);
  });

  it('sequencesFromNested: ragged, empty or non-array input is a ShapeError', () => {
    expect(() => sequencesFromNested([])).toThrow(/x is empty/);
    expect(() => sequencesFromNested([[[1], [2]], [[3]]])).toThrow(/sequence 1 has 1 steps/);
    expect(() => sequencesFromNested([[[1, 2]], [[3]]])).toThrow(/step 0 has 1 features, expected 2/);
    const notArrays = [[1, 2]] as unknown as number[][][];
    expect(() => sequencesFromNested(notArrays)).toThrow(ShapeError);
    expect(() => sequencesFromNested(null as unknown as number[][][])).toThrow(ShapeError);
    expect(() => sequencesFromNested([[[NaN]]])).toThrow(NonFiniteError);
  });

  it('dataset validates the batch, the labels and fstar', () => {
    const x = sequenceBatch(2, 1, 1, [0.5, -0.5]);
    const ds = dataset(x, [1, -1], [0.3, -0.2]);
    expect([Array.from(ds.y), Array.from(ds.fstar!)]).toEqual([[1, -1], [0.3, -0.2]]);
    expect(() => dataset(x, [1, 0])).toThrow(/labels must be −1 or \+1/);
    expect(() => dataset(x, [1])).toThrow(ShapeError);
    expect(() => dataset(x, undefined as unknown as number[])).toThrow(ShapeError);
    expect(() => dataset(x, [1, -1], [0, Infinity])).toThrow(NonFiniteError);
    expect(() => dataset(sequenceBatch(0, 1, 1, []), [])).toThrow(/empty/);
    expect(() => dataset({ n: 2, L: 1, d: 1, data: new Float64Array(3) }, [1, -1])).toThrow(/holds 3 values/);
    expect(() => dataset({} as never, [1, -1])).toThrow(InvalidArgumentError);
  });
});
