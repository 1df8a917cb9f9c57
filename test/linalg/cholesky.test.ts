/**
 * Public Cholesky API: cholesky (L·Lᵀ = A, upper zero, immutable record, inputs untouched),
 * the failing pivot and its value reported (checked against a textbook Cholesky), the jitter
 * retries of docs/theory.md#complexity (the smallest λ that works, checked by refactoring with the previous
 * λ), choleskySolve residuals, solveLower, logDet against Gaussian elimination, typed errors,
 * the in-heap entry point, and memory reuse (thousands of calls, no heap growth).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getBackend } from '../../src/backend/backend.js';
import { InvalidArgumentError, NonFiniteError, NotPositiveDefiniteError, ShapeError } from '../../src/errors.js';
import {
  cholesky, choleskySolve, JITTER_LAMBDAS, logDet, matrix, matvec, solveLower, type Matrix,
} from '../../src/linalg/index.js';
import { choleskyInHeap } from '../../src/internals.js';
import { Rng } from '../../src/random/rng.js';
import { BACKENDS, expectBitEqual, expectClose, TOL } from '../helpers.js';
import { logAbsDetLu, naiveCholesky, naiveGemm, randomSpd, relFrobenius } from './reference.js';

const rng = new Rng(99, 'ts');
const spd = (n: number): Matrix => matrix(n, n, randomSpd(rng, n));

/** ‖op − b‖∞ / max(1, ‖b‖∞) for the residual of A x = b. */
function residual(a: Matrix, x: ArrayLike<number>, b: ArrayLike<number>): number {
  const ax = naiveGemm(false, false, a.rows, 1, a.cols, 1, a.data, a.cols, x, 1, 0, [], 0);
  let r = 0;
  let s = 1;
  for (let i = 0; i < b.length; i++) {
    r = Math.max(r, Math.abs(ax[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return r / s;
}

describe('cholesky', () => {
  for (const n of [0, 1, 2, 50, 200]) {
    it(`n=${n}: L·Lᵀ = A, strict upper triangle zero, same bits on both backends, A untouched`, () => {
      const a = spd(n);
      const copy = a.data.slice();
      const c = cholesky(a, { backend: 'wasm' });
      expect([c.n, c.jitter, c.lambda, c.factor.rows, c.factor.cols]).toEqual([n, 0, 0, n, n]);
      expect(Object.isFrozen(c)).toBe(true);
      expectBitEqual(c.factor.data, cholesky(a, { backend: 'ts' }).factor.data);
      expectBitEqual(a.data, copy);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(c.factor.data[i * n + j]).toBe(0);
      const l = c.factor.data;
      expect(relFrobenius(naiveGemm(false, true, n, n, n, 1, l, n, l, n, 0, [], 0), a.data)).toBeLessThanOrEqual(TOL.choleskyIdentity);
    });
  }

  it('reads only the lower triangle (the upper may hold anything finite)', () => {
    const a = spd(30);
    const skewed = matrix(30, 30, a.data);
    for (let i = 0; i < 30; i++) for (let j = i + 1; j < 30; j++) skewed.data[i * 30 + j] = 1e6;
    expectBitEqual(cholesky(skewed).factor.data, cholesky(a).factor.data);
  });

  it('not positive definite: NotPositiveDefiniteError with the pivot index and value of a textbook Cholesky', () => {
    const n = 120;
    const a = spd(n);
    a.data[100 * n + 100] -= 20;
    const ref = naiveCholesky(a.data, n);
    for (const backend of ['wasm', 'ts'] as const) {
      const err = (() => {
        try {
          cholesky(a, { backend });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(NotPositiveDefiniteError);
      const e = err as NotPositiveDefiniteError;
      expect(e.pivot).toBe(100);
      // the same O(1) pivot in another summation order (blocked vs textbook): round-off only
      expect(Math.abs(e.value - ref.value)).toBeLessThanOrEqual(TOL.roundoff * Math.abs(ref.value));
      expect(e.message).toMatch(/pivot 100 is -1\d\.\d+.*jitter: true/);
    }
  });

  it('jitter (docs/theory.md#jitter): a singular PSD matrix gets the smallest λ that works, reported', () => {
    const n = 40;
    const g = rng.normal(n * 10); // rank 10
    const a = matrix(n, n, naiveGemm(false, true, n, n, 10, 1, g, 10, g, 10, 0, [], 0));
    expect(() => cholesky(a)).toThrow(NotPositiveDefiniteError);
    const c = cholesky(a, { jitter: true });
    expect(JITTER_LAMBDAS).toContain(c.lambda);
    let meanDiag = 0;
    for (let i = 0; i < n; i++) meanDiag += a.data[i * n + i] / n;
    expect(c.jitter).toBe(c.lambda * meanDiag); // mean(diag A) summed in the same order: same bits
    // L Lᵀ = A + jitter·I
    const shifted = a.data.slice();
    for (let i = 0; i < n; i++) shifted[i * n + i] += c.jitter;
    const l = c.factor.data;
    expect(relFrobenius(naiveGemm(false, true, n, n, n, 1, l, n, l, n, 0, [], 0), shifted)).toBeLessThanOrEqual(TOL.choleskyIdentity);
    // every smaller λ of the list fails
    for (const smaller of JITTER_LAMBDAS.filter((x) => x < c.lambda)) {
      const s = a.data.slice();
      for (let i = 0; i < n; i++) s[i * n + i] += smaller * meanDiag;
      expect(() => cholesky(matrix(n, n, s))).toThrow(NotPositiveDefiniteError);
    }
    // a positive-definite matrix needs no jitter even when it is allowed
    expect(cholesky(spd(5), { jitter: true }).lambda).toBe(0);
  });

  it('jitter cannot fix an indefinite matrix: the error says so, A untouched', () => {
    const a = matrix(3, 3, [1, 0, 0, 0, -1, 0, 0, 0, 1]);
    expect(() => cholesky(a, { jitter: true })).toThrow(/pivot 1 is -0\.99999.*even with jitter λ = 1e-6/);
    expect(Array.from(a.data)).toEqual([1, 0, 0, 0, -1, 0, 0, 0, 1]);
  });

  it('typed errors: non-square, malformed, NaN/Infinity', () => {
    expect(() => cholesky(matrix(2, 3))).toThrow(ShapeError);
    expect(() => cholesky({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(ShapeError);
    expect(() => cholesky(matrix(2, 2, [1, 0, NaN, 1]))).toThrow(NonFiniteError);
    expect(() => cholesky(matrix(2, 2, [Infinity, 0, 0, 1]), { jitter: true })).toThrow(NonFiniteError);
  });
});

describe('choleskySolve, solveLower, logDet', () => {
  it('A x = b residual for one and many right-hand sides; same bits on both backends', () => {
    const n = 150;
    const a = spd(n);
    const chol = cholesky(a);
    const b = rng.normal(n);
    const x = choleskySolve(chol, b);
    expect(residual(a, x, b)).toBeLessThanOrEqual(TOL.roundoff * 10);
    expectBitEqual(x, choleskySolve(chol, b, { backend: 'ts' }));
    const bm = matrix(n, 3, rng.normal(n * 3));
    const xm = choleskySolve(chol, bm);
    expect([xm.rows, xm.cols]).toEqual([n, 3]);
    for (let k = 0; k < 3; k++) {
      const col = (m: Matrix) => Array.from({ length: n }, (_, i) => m.data[i * 3 + k]);
      expect(residual(a, col(xm), col(bm))).toBeLessThanOrEqual(TOL.roundoff * 10);
    }
    expect(() => choleskySolve(chol, rng.normal(n - 1))).toThrow(ShapeError);
    expect(() => choleskySolve(chol, matrix(n - 1, 2))).toThrow(ShapeError);
    expect(() => choleskySolve(chol, new Float64Array(n).fill(NaN))).toThrow(NonFiniteError);
  });

  it('solveLower: L x = b and Lᵀ x = b match substitution; singular L is rejected', () => {
    const n = 30;
    const l = cholesky(spd(n)).factor;
    const b = rng.normal(n);
    const x = solveLower(l, b);
    expectClose(matvec(l, x), b, TOL.roundoff * 10);
    const xt = solveLower(l, b, { transpose: true });
    expectClose(naiveGemm(true, false, n, 1, n, 1, l.data, n, xt, 1, 0, [], 0), b, TOL.roundoff * 10);
    const xs = solveLower(l, matrix(n, 2, [...b, ...b].map((_, i) => b[i >> 1])));
    expect(xs.cols).toBe(2);
    // trsm (many right-hand sides) sums in another order than trsv: equal to round-off
    for (let k = 0; k < 2; k++) expectClose(Array.from({ length: n }, (_, i) => xs.data[2 * i + k]), x, TOL.roundoff);
    const singular = matrix(2, 2, [1, 0, 1, 0]);
    expect(() => solveLower(singular, [1, 1])).toThrow(InvalidArgumentError);
    expect(() => solveLower(matrix(2, 2, [1e-300, 0, 0, 1]), [1e300, 1])).toThrow(/overflowed/);
  });

  it('logDet equals log|det A| by Gaussian elimination, the same bits on both backends', () => {
    for (const n of [0, 1, 7, 60]) {
      const a = spd(n);
      const w = cholesky(a, { backend: 'wasm' });
      const t = cholesky(a, { backend: 'ts' });
      expect(Object.is(logDet(w), logDet(t))).toBe(true);
      expect(Math.abs(logDet(w) - logAbsDetLu(a.data, n))).toBeLessThanOrEqual(TOL.roundoff * Math.max(1, n));
      const wasm = getBackend('wasm');
      const viaKernel = wasm.heap.scope((s) => wasm.kernels.cholLogDet(n, s.put(w.factor.data), n));
      expect(Object.is(viaKernel, logDet(w))).toBe(true);
    }
    // a hand-made factor with a zero or negative diagonal entry has no log det
    for (const d of [0, -1]) {
      const fake = { n: 2, factor: matrix(2, 2, [1, 0, 0, d]), jitter: 0, lambda: 0 };
      expect(() => logDet(fake)).toThrow(InvalidArgumentError);
    }
  });

  it('property: for random SPD matrices, the factor reproduces A and solves A x = b', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const r = new Rng(seed, 'ts');
        const a = matrix(n, n, randomSpd(r, n));
        const chol = cholesky(a);
        const l = chol.factor.data;
        expect(relFrobenius(naiveGemm(false, true, n, n, n, 1, l, n, l, n, 0, [], 0), a.data)).toBeLessThanOrEqual(TOL.choleskyIdentity);
        const b = r.normal(n);
        expect(residual(a, choleskySolve(chol, b), b)).toBeLessThanOrEqual(TOL.roundoff * 10);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('choleskyInHeap and memory reuse', () => {
  it('factors data already in the heap (ld > n), matching cholesky(A); jitter restores nothing extra', () => {
    const n = 45;
    const ld = 50;
    const a = spd(n);
    for (const backend of BACKENDS) {
      const got = backend.heap.scope((s) => {
        const off = s.alloc(n * ld);
        for (let i = 0; i < n; i++) backend.heap.f64.set(a.data.subarray(i * n, (i + 1) * n), off + i * ld);
        const used = choleskyInHeap(backend, off, n, { ld, jitter: true });
        expect(used).toEqual({ jitter: 0, lambda: 0 });
        const f = backend.heap.f64;
        return Array.from({ length: n * n }, (_, k) => (k % n <= Math.floor(k / n) ? f[off + Math.floor(k / n) * ld + (k % n)] : 0));
      });
      expectBitEqual(got, cholesky(a, { backend }).factor.data);
    }
  });

  it('rejects an offset or size that runs past the heap (a typed error, not a wasm trap)', () => {
    for (const backend of BACKENDS) {
      const slots = backend.heap.capacityBytes / 8;
      expect(() => choleskyInHeap(backend, slots - 3, 2)).toThrow(ShapeError);
      expect(() => choleskyInHeap(backend, -1, 2)).toThrow(/heap offset/);
    }
  });

  it('thousands of calls leave the heap capacity and live allocations unchanged', () => {
    const a = spd(12);
    const bad = matrix(2, 2, [1, 2, 2, 1]);
    for (const backend of BACKENDS) {
      cholesky(a, { backend }); // warm up any first growth
      const [capacity, live] = [backend.heap.capacityBytes, backend.heap.liveSlots];
      for (let i = 0; i < 2000; i++) {
        const c = cholesky(a, { backend, jitter: i % 2 === 0 });
        choleskySolve(c, a.data.subarray(0, 12), { backend });
        matvec(a, a.data.subarray(0, 12), { backend });
        expect(() => cholesky(bad, { backend, jitter: true })).toThrow(NotPositiveDefiniteError);
      }
      expect([backend.heap.capacityBytes, backend.heap.liveSlots]).toEqual([capacity, live]);
    }
  });
});
