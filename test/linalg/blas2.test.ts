/**
 * BLAS-2 kernels (assembly/blas2.ts): wasm equals the TS twin bit for bit (the SIMD kernels keep
 * the twin's operation order), both agree with naive loops to round-off, padding beyond the
 * leading dimension is neither read into results nor written, and β = 0 ignores y.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { expectBitEqual, expectClose, onBothBackends, TOL } from '../helpers.js';
import { naiveGemm, padded, unpadded } from './reference.js';

const rng = new Rng(21, 'ts');
const SHAPES: Array<[number, number]> = [[0, 0], [0, 3], [3, 0], [1, 1], [2, 3], [5, 7], [4, 8], [13, 9], [33, 64]];

describe('gemv / gemvT', () => {
  for (const [m, n] of SHAPES) {
    for (const beta of [0, 1, -0.5]) {
      it(`m=${m} n=${n} β=${beta}, lda = n + 3 with NaN padding`, () => {
        const lda = n + 3;
        const aDense = rng.normal(m * n);
        const a = padded(aDense, m, n, lda);
        const x = rng.normal(n);
        const xt = rng.normal(m);
        // with β = 0 the old y must not matter, so poison it with NaN
        const y = beta === 0 ? new Float64Array(m).fill(NaN) : rng.normal(m);
        const yt = beta === 0 ? new Float64Array(n).fill(NaN) : rng.normal(n);
        const [w, t] = onBothBackends([a, x, y, xt, yt], (b, [pa, px, py, pxt, pyt]) => {
          b.kernels.gemv(m, n, 1.3, pa, lda, px, beta, py);
          b.kernels.gemvT(m, n, -0.7, pa, lda, pxt, beta, pyt);
          return [[py, m], [pyt, n], [pa, m * lda]];
        }) as Float64Array[][];
        expectBitEqual(w[0], t[0]);
        expectBitEqual(w[1], t[1]);
        expectBitEqual(w[2], a); // A untouched, padding included
        const ref = naiveGemm(false, false, m, 1, n, 1.3, aDense, n, x, 1, beta, y, 1);
        const refT = naiveGemm(true, false, n, 1, m, -0.7, aDense, n, xt, 1, beta, yt, 1);
        expectClose(w[0], ref, TOL.roundoff * Math.max(1, n));
        expectClose(w[1], refT, TOL.roundoff * Math.max(1, m));
      });
    }
  }

  it('gemv: x may be read while y is a separate buffer of the same heap; large m uses blocks of 4 rows', () => {
    const m = 1027;
    const n = 515;
    const a = rng.normal(m * n);
    const x = rng.normal(n);
    const [w, t] = onBothBackends([a, x, new Float64Array(m)], (b, [pa, px, py]) => {
      b.kernels.gemv(m, n, 1, pa, n, px, 0, py);
      return [[py, m]];
    }) as Float64Array[][];
    expectBitEqual(w[0], t[0]);
    expectClose(w[0], naiveGemm(false, false, m, 1, n, 1, a, n, x, 1, 0, [], 1), TOL.roundoff * n);
  });
});

describe('rankUpdate (the SGD step W ← W + α Σ_r u_r v_rᵀ)', () => {
  const cases: Array<[number, number, number]> = [[0, 0, 0], [1, 1, 1], [3, 5, 0], [4, 4, 2], [7, 9, 3], [16, 33, 5], [6, 6, 10], [5, 37, 130]];
  for (const [m, n, k] of cases) {
    it(`m=${m} n=${n} k=${k}, padded leading dimensions`, () => {
      const ldu = m + 1;
      const ldv = n + 2;
      const lda = n + 1;
      const uDense = rng.normal(k * m);
      const vDense = rng.normal(k * n);
      const aDense = rng.normal(m * n);
      const u = padded(uDense, k, m, ldu);
      const v = padded(vDense, k, n, ldv);
      const a = padded(aDense, m, n, lda, 7); // padding must stay 7
      const [w, t] = onBothBackends([u, v, a], (b, [pu, pv, pa]) => {
        b.kernels.rankUpdate(m, n, k, -0.25, pu, ldu, pv, ldv, pa, lda);
        return [[pa, m * lda], [pu, k * ldu], [pv, k * ldv]];
      }) as Float64Array[][];
      expectBitEqual(w[0], t[0]);
      expectBitEqual(w[1], u);
      expectBitEqual(w[2], v);
      for (let i = 0; i < m; i++) for (let j = n; j < lda; j++) expect(w[0][i * lda + j]).toBe(7);
      // A + α Uᵀ V, computed as a GEMM with transposed U
      const ref = naiveGemm(true, false, m, n, k, -0.25, uDense, m, vDense, n, 1, aDense, n);
      expectClose(unpadded(w[0], m, n, lda), ref, TOL.roundoff * Math.max(1, k));
    });
  }
});
