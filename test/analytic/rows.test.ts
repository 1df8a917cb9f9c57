/**
 * Row blocks of H∞ (for sharded computation) carry the same bits as the rows of the full
 * kernel, on both backends, for blocks at the start, middle and end and of one row; bad
 * ranges are typed errors.
 */
import { describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src/data/sequences.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { analyticNtk } from '../../src/kernels/analytic.js';
import { analyticNtkRows } from '../../src/kernels/analytic-rows.js';
import { Rng } from '../../src/random/rng.js';
import { BACKENDS, expectBitEqual } from '../helpers.js';

describe('analyticNtkRows: shards of H∞ with the bits of the full kernel', () => {
  const rng = new Rng(77, 'ts');
  const n = 23;
  const x = sequenceBatch(n, 6, 3, rng.normal(n * 6 * 3));
  for (const b of BACKENDS) {
    it(`${b.name}: blocks [0,5), [5,17), [17,23), [9,10) and [0,23) equal the full kernel's rows bit for bit`, () => {
      const full = analyticNtk(x, { backend: b, init: 'algorithm1', m: 64 }).H;
      const assembled = new Float64Array(n * n);
      for (const [a, e] of [[0, 5], [5, 17], [17, 23]]) {
        const block = analyticNtkRows(x, a, e, { backend: b, init: 'algorithm1', m: 64 });
        expect([block.rows, block.cols]).toEqual([e - a, n]);
        expectBitEqual(block.data, full.data.subarray(a * n, e * n));
        assembled.set(block.data, a * n);
      }
      expectBitEqual(assembled, full.data);
      expectBitEqual(analyticNtkRows(x, 9, 10, { backend: b, init: 'algorithm1', m: 64 }).data, full.data.subarray(9 * n, 10 * n));
      expectBitEqual(analyticNtkRows(x, 0, n, { backend: b, init: 'algorithm1', m: 64 }).data, full.data);
    });
  }

  it('bad ranges are InvalidArgumentError', () => {
    for (const [a, e] of [[-1, 3], [3, 3], [4, 2], [0, n + 1], [0.5, 2]]) expect(() => analyticNtkRows(x, a, e)).toThrow(InvalidArgumentError);
  });
});
