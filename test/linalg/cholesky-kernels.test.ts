/**
 * potrf, trsv, trsm, cholLogDet kernels: wasm equals the TS twin bit for bit (same blocked
 * algorithm and order); L·Lᵀ = A to TOL.choleskyIdentity on well-conditioned SPD input; the
 * upper triangle and padding are untouched; the failing pivot index and its value agree with a
 * textbook unblocked Cholesky; triangular solves agree with substitution and leave a small
 * residual; the log-determinant equals 2 Σ log L_ii.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { expectBitEqual, expectClose, onBothBackends, TOL } from '../helpers.js';
import { naiveCholesky, naiveGemm, padded, randomSpd, relFrobenius, unpadded } from './reference.js';

const rng = new Rng(2024, 'ts');

/** Runs potrf on both backends on `a` (n×n, placed with leading dimension lda, upper = 123). */
function factorBoth(a: Float64Array, n: number, lda: number) {
  const placed = padded(a, n, n, lda, NaN);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) placed[i * lda + j] = 123;
  const [w, t] = onBothBackends([placed, [0]], (b, [pa, pr]) => {
    b.heap.f64[pr] = b.kernels.potrf(n, pa, lda);
    return [[pa, n * lda], [pr, 1]];
  }) as Float64Array[][];
  return { placed, wasm: w[0], ts: t[0], pivots: [w[1][0], t[1][0]] };
}

describe('potrf', () => {
  for (const n of [0, 1, 2, 3, 5, 17, 95, 96, 97, 193, 260, 400]) {
    it(`n=${n}: bit-exact twin, L·Lᵀ = A, upper triangle and padding untouched`, () => {
      const a = randomSpd(rng, n);
      const lda = n + 3;
      const { placed, wasm, ts, pivots } = factorBoth(a, n, lda);
      expect(pivots).toEqual([-1, -1]);
      expectBitEqual(wasm, ts);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < lda; j++) expect(Object.is(wasm[i * lda + j], placed[i * lda + j])).toBe(true);
      }
      const l = unpadded(wasm, n, n, lda);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) l[i * n + j] = 0;
      const llt = naiveGemm(false, true, n, n, n, 1, l, n, l, n, 0, [], 0);
      expect(relFrobenius(llt, a)).toBeLessThanOrEqual(TOL.choleskyIdentity);
      if (n > 0) expectClose(l, naiveCholesky(a, n).l, TOL.roundoff * 10);
    });
  }

  for (const [n, p] of [[1, 0], [6, 3], [130, 0], [130, 95], [130, 96], [200, 150]] as Array<[number, number]>) {
    it(`n=${n}: a non-positive-definite leading minor at ${p} is reported with its pivot value`, () => {
      const a = randomSpd(rng, n);
      a[p * n + p] -= 10; // eigenvalues ≤ ~5, so the leading (p+1)-minor is now indefinite
      const ref = naiveCholesky(a, n);
      expect(ref.pivot).toBe(p);
      const { wasm, ts, pivots } = factorBoth(a, n, n);
      expect(pivots).toEqual([p, p]);
      expect(Object.is(wasm[p * n + p], ts[p * n + p])).toBe(true);
      expect(wasm[p * n + p]).toBeLessThan(0);
      expect(Math.abs(wasm[p * n + p] - ref.value)).toBeLessThanOrEqual(TOL.roundoff * Math.max(1, Math.abs(ref.value)));
    });
  }

  it('a zero pivot, NaN or Infinity on the diagonal is reported at its index', () => {
    for (const [bad, expectValue] of [[0, (v: number) => v === 0], [NaN, Number.isNaN], [Infinity, (v: number) => v === Infinity]] as const) {
      const n = 7;
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) a[i * n + i] = 2;
      a[4 * n + 4] = bad;
      const { pivots, wasm } = factorBoth(a, n, n);
      expect(pivots).toEqual([4, 4]);
      expect(expectValue(wasm[4 * n + 4])).toBe(true);
    }
  });
});

describe('potrf steps (potrfDiagonal, potrfPanelRows), as the threaded driver calls them', () => {
  // potrf itself only ever passes a panel width of 96; the exported steps take any width, and
  // the wasm panel handles columns in pairs with a single-column tail for odd widths.
  for (const [n, nb, i0, i1] of [[23, 7, 7, 23], [40, 12, 13, 39], [41, 1, 1, 41], [64, 17, 20, 61]] as Array<[number, number, number, number]>) {
    it(`n=${n}, block width ${nb}, rows ${i0}..${i1 - 1}: bit-exact twin, and the factor's first block column`, () => {
      const a = randomSpd(rng, n);
      const lda = n + 1;
      const [w, t] = onBothBackends([padded(a, n, n, lda, NaN), [0]], (b, [pa, pr]) => {
        b.heap.f64[pr] = b.kernels.potrfDiagonal(0, nb, pa, lda);
        b.kernels.potrfPanelRows(i0 < nb ? nb : i0, i1, 0, nb, pa, lda);
        return [[pa, n * lda], [pr, 1]];
      }) as Float64Array[][];
      expect([w[1][0], t[1][0]]).toEqual([-1, -1]);
      expectBitEqual(w[0], t[0]);
      const ref = naiveCholesky(a, n).l;
      const from = i0 < nb ? nb : i0;
      for (const i of [...Array(nb).keys(), ...Array.from({ length: i1 - from }, (_, r) => from + r)]) {
        for (let j = 0; j < Math.min(nb, i + 1); j++) {
          expect(Math.abs(w[0][i * lda + j] - ref[i * n + j])).toBeLessThanOrEqual(TOL.roundoff * 10);
        }
      }
    });
  }
});

describe('trsv / trsm', () => {
  /** A random lower factor with a well-conditioned diagonal, padded with lda = n + 2. */
  function factor(n: number): { l: Float64Array; lda: number } {
    const dense = rng.normal(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) dense[i * n + j] = 0;
      dense[i * n + i] = 2 + Math.abs(dense[i * n + i]);
      for (let j = 0; j < i; j++) dense[i * n + j] /= Math.sqrt(n);
    }
    return { l: dense, lda: n + 2 };
  }

  for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 64, 130, 131]) { // every remainder of the four-row groups
    for (const trans of [0, 1]) {
      it(`n=${n} trans=${trans}: twin bit-exact, substitution residual, L untouched`, () => {
        const { l, lda } = factor(n);
        const lp = padded(l, n, n, lda, NaN);
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) lp[i * lda + j] = NaN; // never read
        for (const nrhs of [1, 3, 8, 13]) {
          const ldb = nrhs + 1;
          const bDense = rng.normal(n * nrhs);
          const x = rng.normal(n);
          const [w, t] = onBothBackends([lp, padded(bDense, n, nrhs, ldb, 4), x], (be, [pl, pb, px]) => {
            be.kernels.trsm(n, nrhs, pl, lda, pb, ldb, trans);
            be.kernels.trsv(n, pl, lda, px, trans);
            return [[pb, n * ldb], [px, n], [pl, n * lda]];
          }) as Float64Array[][];
          for (let i = 0; i < 3; i++) expectBitEqual(w[i], t[i]);
          expectBitEqual(w[2], lp);
          const X = unpadded(w[0], n, nrhs, ldb);
          for (let i = 0; i < n; i++) expect(w[0][i * ldb + nrhs]).toBe(4); // padding of B untouched
          // residual: op(L) X = B and op(L) x = b
          expectClose(naiveGemm(trans === 1, false, n, nrhs, n, 1, l, n, X, nrhs, 0, [], 0), bDense, TOL.roundoff * 10);
          expectClose(naiveGemm(trans === 1, false, n, 1, n, 1, l, n, w[1], 1, 0, [], 0), x, TOL.roundoff * 10);
        }
      });
    }
  }
});

describe('cholLogDet', () => {
  it('equals 2 Σ log L_ii, the same bits on both backends', () => {
    const n = 50;
    const l = new Float64Array(n * n);
    const diag = rng.uniform(n).map((u) => 0.1 + 3 * u);
    let ref = 0;
    let logError = 0; // Σ of each term's portable-log error against Math.log
    let absSum = 0;
    for (let i = 0; i < n; i++) {
      l[i * n + i] = diag[i];
      ref += 2 * Math.log(diag[i]);
      logError += 2 * TOL.portableLog * Math.max(1, Math.abs(Math.log(diag[i])));
      absSum += Math.abs(2 * Math.log(diag[i]));
    }
    // both sums are within γ_n Σ|terms| of the exact one (γ_n = n·u/(1 − n·u), Higham §4.2)
    const gamma = (n * 2 ** -53) / (1 - n * 2 ** -53);
    const bound = logError + 2 * gamma * absSum;
    const [w, t] = onBothBackends([l], (b, [pl]) => b.kernels.cholLogDet(n, pl, n)) as number[];
    expect(Object.is(w, t)).toBe(true);
    expect(Math.abs(w - ref)).toBeLessThanOrEqual(bound);
    expect(onBothBackends([[]], (b, [pl]) => b.kernels.cholLogDet(0, pl, 0))).toEqual([0, 0]);
  });
});
