/**
 * gemm and syrk (assembly/gemm.ts, assembly/syrk.ts over assembly/gemm_blocking.ts): wasm equals
 * the TS twin bit for bit (same depth blocking and per-element summation order), both agree
 * with a naive triple loop to round-off; edge sizes around the 4×4 register tile, the 32-column
 * panel, the 128-deep block and the 256-row block; leading dimensions > cols; β = 0 ignores C;
 * syrk leaves the strict upper triangle untouched; inputs are not mutated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { expectBitEqual, expectClose, onBothBackends, TOL } from '../helpers.js';
import { naiveGemm, padded, unpadded } from './reference.js';

const rng = new Rng(77, 'ts');

describe('gemm: C ← α op(A) op(B) + β C', () => {
  const shapes: Array<[number, number, number]> = [
    [0, 0, 0], [0, 5, 3], [4, 0, 3], [3, 4, 0], [1, 1, 1], [4, 4, 4], [5, 3, 7],
    [7, 33, 129], [33, 35, 257], [64, 64, 128], [300, 9, 130],
  ];
  for (const [m, n, k] of shapes) {
    for (const [tA, tB] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
      it(`m=${m} n=${n} k=${k} transA=${tA} transB=${tB}`, () => {
        const [ar, ac] = tA ? [k, m] : [m, k];
        const [br, bc] = tB ? [n, k] : [k, n];
        const lda = ac + 1;
        const ldb = bc + 3;
        const ldc = n + 2;
        const aDense = rng.normal(ar * ac);
        const bDense = rng.normal(br * bc);
        const cDense = rng.normal(m * n);
        const a = padded(aDense, ar, ac, lda);
        const b = padded(bDense, br, bc, ldb);
        for (const beta of [0, 0.5]) {
          // β = 0: C's old values (NaN here) must not leak; padding of C must stay as it was
          const c = padded(beta === 0 ? new Float64Array(m * n).fill(NaN) : cDense, m, n, ldc, 9);
          const [w, t] = onBothBackends([a, b, c], (be, [pa, pb, pc]) => {
            be.kernels.gemm(tA, tB, m, n, k, -1.5, pa, lda, pb, ldb, beta, pc, ldc);
            return [[pc, m * ldc], [pa, a.length], [pb, b.length]];
          }) as Float64Array[][];
          expectBitEqual(w[0], t[0]);
          expectBitEqual(w[1], a);
          expectBitEqual(w[2], b);
          for (let i = 0; i < m; i++) for (let j = n; j < ldc; j++) expect(w[0][i * ldc + j]).toBe(9);
          const ref = naiveGemm(tA === 1, tB === 1, m, n, k, -1.5, aDense, ac, bDense, bc, beta, cDense, n);
          expectClose(unpadded(w[0], m, n, ldc), ref, TOL.roundoff * Math.max(1, k));
        }
      });
    }
  }

  it('property: random shapes, transposes and leading-dimension padding', () => {
    const dims = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(dims, dims, fc.integer({ min: 0, max: 150 }), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1e6 }),
        (m, n, k, tA, tB, pad, seed) => {
          const r = new Rng(seed, 'ts');
          const [ar, ac] = tA ? [k, m] : [m, k];
          const [br, bc] = tB ? [n, k] : [k, n];
          const aDense = r.normal(ar * ac);
          const bDense = r.normal(br * bc);
          const cDense = r.normal(m * n);
          const [w, t] = onBothBackends(
            [padded(aDense, ar, ac, ac + pad), padded(bDense, br, bc, bc + pad), padded(cDense, m, n, n + pad)],
            (be, [pa, pb, pc]) => {
              be.kernels.gemm(tA ? 1 : 0, tB ? 1 : 0, m, n, k, 0.5, pa, ac + pad, pb, bc + pad, -1, pc, n + pad);
              return [[pc, m * (n + pad)]];
            },
          ) as Float64Array[][];
          expectBitEqual(w[0], t[0]);
          const ref = naiveGemm(tA, tB, m, n, k, 0.5, aDense, ac, bDense, bc, -1, cDense, n);
          expectClose(unpadded(w[0], m, n, n + pad), ref, TOL.roundoff * Math.max(1, k));
        }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('α = 0 leaves βC and does not read A or B (NaN there does not leak)', () => {
    const a = new Float64Array(6).fill(NaN);
    const [w, t] = onBothBackends([a, a, [1, 2, 3, 4]], (be, [pa, pb, pc]) => {
      be.kernels.gemm(0, 0, 2, 2, 3, 0, pa, 3, pb, 2, 2, pc, 2);
      return [[pc, 4]];
    }) as Float64Array[][];
    expect(Array.from(w[0])).toEqual([2, 4, 6, 8]);
    expectBitEqual(w[0], t[0]);
  });
});

describe('syrk: lower triangle of C ← α A Aᵀ + β C', () => {
  for (const [n, k] of [[0, 0], [1, 1], [3, 0], [4, 4], [5, 3], [31, 130], [37, 9], [70, 257], [300, 5]] as Array<[number, number]>) {
    it(`n=${n} k=${k}, lda = k + 1, ldc = n + 1`, () => {
      const lda = k + 1;
      const ldc = n + 1;
      const aDense = rng.normal(n * k);
      const a = padded(aDense, n, k, lda);
      const cDense = rng.normal(n * n);
      const c = padded(cDense, n, n, ldc, 5);
      const [w, t] = onBothBackends([a, c], (be, [pa, pc]) => {
        be.kernels.syrk(n, k, 0.75, pa, lda, -2, pc, ldc);
        return [[pc, n * ldc], [pa, a.length]];
      }) as Float64Array[][];
      expectBitEqual(w[0], t[0]);
      expectBitEqual(w[1], a);
      const full = naiveGemm(false, true, n, n, k, 0.75, aDense, k, aDense, k, -2, cDense, n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < ldc; j++) {
          const got = w[0][i * ldc + j];
          if (j > i) expect(got).toBe(c[i * ldc + j]); // strict upper triangle and padding untouched
          else expect(Math.abs(got - full[i * n + j])).toBeLessThanOrEqual(TOL.roundoff * Math.max(1, k) * Math.max(1, Math.abs(full[i * n + j])));
        }
      }
    });
  }

  it('works on a tile of a bigger matrix (offsets and leading dimensions of a sub-block)', () => {
    const big = 40;
    const aAll = rng.normal(big * big);
    const cAll = new Float64Array(big * big).fill(3);
    // C[8:28, 8:28] ← A[10:30, 5:22] A[10:30, 5:22]ᵀ, β = 0
    const [w, t] = onBothBackends([aAll, cAll], (be, [pa, pc]) => {
      be.kernels.syrk(20, 17, 1, pa + 10 * big + 5, big, 0, pc + 8 * big + 8, big);
      return [[pc, big * big]];
    }) as Float64Array[][];
    expectBitEqual(w[0], t[0]);
    for (let i = 0; i < big; i++) {
      for (let j = 0; j < big; j++) {
        const inside = i >= 8 && i < 28 && j >= 8 && j <= i;
        if (!inside) {
          expect(w[0][i * big + j]).toBe(3);
          continue;
        }
        let s = 0;
        for (let p = 0; p < 17; p++) s += aAll[(i + 2) * big + 5 + p] * aAll[(j + 2) * big + 5 + p];
        expect(Math.abs(w[0][i * big + j] - s)).toBeLessThanOrEqual(TOL.roundoff * 17);
      }
    }
  });
});
