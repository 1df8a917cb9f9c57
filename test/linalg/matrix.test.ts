/**
 * The Matrix constructors and views (src/linalg/matrix.ts): matrix, fromRows, toRows, identity
 * against hand-written entries, and their shape errors.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, ShapeError } from '../../src/errors.js';
import { fromRows, identity, matrix, toRows } from '../../src/linalg/index.js';

describe('Matrix constructors', () => {
  it('matrix copies its data row-major and defaults to zeros', () => {
    const src = [1, 2, 3, 4, 5, 6];
    const a = matrix(2, 3, src);
    src[0] = 99;
    expect([a.rows, a.cols, Array.from(a.data)]).toEqual([2, 3, [1, 2, 3, 4, 5, 6]]);
    expect(Array.from(matrix(2, 2).data)).toEqual([0, 0, 0, 0]);
    expect(() => matrix(2, 2, [1, 2, 3])).toThrow(ShapeError);
    expect(() => matrix(-1, 2)).toThrow(InvalidArgumentError);
  });

  it('fromRows and toRows are inverse; entry (i, j) is data[i·cols + j]', () => {
    const rows = [[1, 2, 3], [4, 5, 6]];
    const a = fromRows(rows);
    expect([a.rows, a.cols]).toEqual([2, 3]);
    expect(a.data[1 * 3 + 2]).toBe(6);
    expect(toRows(a)).toEqual(rows);
    expect(toRows(fromRows([]))).toEqual([]);
    expect(() => fromRows([[1, 2], [3]])).toThrow(/row 1 has 1 entries, row 0 has 2/);
  });

  it('identity has ones on the diagonal only', () => {
    expect(toRows(identity(3))).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(identity(0).data.length).toBe(0);
  });
});
