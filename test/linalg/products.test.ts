/**
 * Public products matvec, matvecTransposed, matmul: agree with naive loops, give the same bits
 * on both backends, validate shapes and finiteness with typed errors, never mutate inputs.
 */
import { describe, expect, it } from 'vitest';
import { NonFiniteError, ShapeError } from '../../src/errors.js';
import { matmul, matrix, matvec, matvecTransposed, type Matrix } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/rng.js';
import { expectBitEqual, expectClose, TOL } from '../helpers.js';
import { naiveGemm } from './reference.js';

const rng = new Rng(8, 'ts');
const randomMatrix = (r: number, c: number): Matrix => matrix(r, c, rng.normal(r * c));

describe('matvec / matvecTransposed', () => {
  for (const [m, n] of [[0, 0], [1, 1], [3, 5], [17, 4], [64, 65]] as Array<[number, number]>) {
    it(`${m}×${n}: naive reference, same bits on wasm and ts, inputs untouched`, () => {
      const a = randomMatrix(m, n);
      const x = rng.normal(n);
      const xt = rng.normal(m);
      const [aCopy, xCopy] = [a.data.slice(), x.slice()];
      const y = matvec(a, x, { backend: 'wasm' });
      expectBitEqual(y, matvec(a, x, { backend: 'ts' }));
      expectClose(y, naiveGemm(false, false, m, 1, n, 1, a.data, n, x, 1, 0, [], 0), TOL.roundoff * Math.max(1, n));
      const yt = matvecTransposed(a, xt, { backend: 'wasm' });
      expectBitEqual(yt, matvecTransposed(a, xt, { backend: 'ts' }));
      expectClose(yt, naiveGemm(true, false, n, 1, m, 1, a.data, n, xt, 1, 0, [], 0), TOL.roundoff * Math.max(1, m));
      expectBitEqual(a.data, aCopy);
      expectBitEqual(x, xCopy);
    });
  }

  it('rejects wrong lengths, malformed matrices, NaN/Infinity, and overflow', () => {
    const a = randomMatrix(3, 2);
    expect(() => matvec(a, [1, 2, 3])).toThrow(ShapeError);
    expect(() => matvecTransposed(a, [1, 2])).toThrow(ShapeError);
    expect(() => matvec({ rows: 2, cols: 2, data: new Float64Array(3) }, [1, 2])).toThrow(ShapeError);
    expect(() => matvec(a, [1, NaN])).toThrow(NonFiniteError);
    expect(() => matvec(matrix(1, 2, [Infinity, 0]), [1, 2])).toThrow(NonFiniteError);
    expect(() => matvec(matrix(1, 2, [1e308, 1e308]), [10, 10])).toThrow(/overflowed/);
  });
});

describe('matmul', () => {
  for (const [m, n, k] of [[0, 0, 0], [1, 1, 1], [2, 0, 3], [5, 7, 3], [33, 20, 130]] as Array<[number, number, number]>) {
    for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]]) {
      it(`op(A) ${m}×${k}, op(B) ${k}×${n}, transposeA=${tA} transposeB=${tB}`, () => {
        const a = tA ? randomMatrix(k, m) : randomMatrix(m, k);
        const b = tB ? randomMatrix(n, k) : randomMatrix(k, n);
        const aCopy = a.data.slice();
        const c = matmul(a, b, { transposeA: tA, transposeB: tB, backend: 'wasm' });
        expect([c.rows, c.cols]).toEqual([m, n]);
        expectBitEqual(c.data, matmul(a, b, { transposeA: tA, transposeB: tB, backend: 'ts' }).data);
        expectClose(c.data, naiveGemm(tA, tB, m, n, k, 1, a.data, a.cols, b.data, b.cols, 0, [], 0), TOL.roundoff * Math.max(1, k));
        expectBitEqual(a.data, aCopy);
      });
    }
  }

  it('rejects mismatched inner dimensions with a message naming both shapes', () => {
    expect(() => matmul(randomMatrix(2, 3), randomMatrix(2, 3))).toThrow(/2×3 but op\(B\) is 2×3/);
    expect(() => matmul(randomMatrix(2, 3), randomMatrix(2, 3), { transposeB: true })).not.toThrow();
    expect(() => matmul(randomMatrix(2, 2), matrix(2, 1, [NaN, 1]))).toThrow(NonFiniteError);
  });
});
