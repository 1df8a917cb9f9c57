/**
 * The heap-resident factor handle: its queries give the same bits as the copying functions
 * (choleskySolve, logDet, kernelComplexity's former path), its condition estimate brackets
 * κ₁ computed from a dense Gauss–Jordan inverse, and its lifecycle: use after dispose is a
 * DisposedError, a second dispose is harmless, nothing stays allocated, a matrix handed to
 * a factorisation cannot be used twice. Also the singularity threshold n·ε·max diag and the
 * jitter that needs no n×n copy.
 */
import { describe, expect, it } from 'vitest';
import { DisposedError, InvalidArgumentError, NotPositiveDefiniteError } from '../../src/errors.js';
import { cholesky, choleskyInHeap, pivotThreshold } from '../../src/linalg/cholesky.js';
import { choleskySolve, logDet } from '../../src/linalg/cholesky-solve.js';
import { HeapCholesky } from '../../src/linalg/heap-cholesky.js';
import { HeapMatrix } from '../../src/linalg/heap-matrix.js';
import { matrix } from '../../src/linalg/matrix.js';
import { Rng } from '../../src/random/rng.js';
import { BACKENDS, expectBitEqual } from '../helpers.js';
import { randomSpd } from './reference.js';

const rng = new Rng(2718, 'ts');

/** A⁻¹ by Gauss–Jordan with partial pivoting (dense, independent of any Cholesky). */
function inverse(a: ArrayLike<number>, n: number): Float64Array {
  const m = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) p = r;
    for (let k = 0; k < n; k++) {
      [m[c * n + k], m[p * n + k]] = [m[p * n + k], m[c * n + k]];
      [inv[c * n + k], inv[p * n + k]] = [inv[p * n + k], inv[c * n + k]];
    }
    const d = m[c * n + c];
    for (let k = 0; k < n; k++) {
      m[c * n + k] /= d;
      inv[c * n + k] /= d;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * n + c];
      for (let k = 0; k < n; k++) {
        m[r * n + k] -= f * m[c * n + k];
        inv[r * n + k] -= f * inv[c * n + k];
      }
    }
  }
  return inv;
}

/** ‖A‖₁: the largest absolute column sum. */
function normOne(a: ArrayLike<number>, n: number): number {
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(a[i * n + j]);
    best = Math.max(best, s);
  }
  return best;
}

describe('HeapCholesky: one factor in the heap, queried many times', () => {
  for (const b of BACKENDS) {
    it(`${b.name}: solve, forwardSolve, quadraticForm and logDet match the copying functions bit for bit`, () => {
      const n = 70;
      const a = matrix(n, n, randomSpd(rng, n));
      const y = rng.normal(n);
      const live = b.heap.liveSlots;
      const chol = HeapCholesky.of(a, { backend: b });
      const copy = cholesky(a, { backend: b });
      expectBitEqual(chol.solve(y), choleskySolve(copy, y, { backend: b }));
      expect(Object.is(chol.logDet(), logDet(copy))).toBe(true);
      const z = chol.forwardSolve(y);
      let zz = 0;
      for (const v of z) zz += v * v; // the sum order of dot differs: compare to round-off
      expect(Math.abs(chol.quadraticForm(y) - zz)).toBeLessThanOrEqual(1e-13 * zz);
      expectBitEqual(chol.toCholeskyFactor().factor.data, copy.factor.data);
      expect(chol.smallestPivotRatio).toBe(copy.smallestPivotRatio);
      chol.dispose();
      expect(b.heap.liveSlots).toBe(live);
    });
  }

  it('conditionEstimate is a lower bound of κ₁ = ‖A‖₁‖A⁻¹‖₁ within a factor 3 (dense inverse as the oracle)', () => {
    for (const n of [1, 5, 40]) {
      for (const ridge of [1e-1, 1e-6]) {
        const g = rng.normal(n * n);
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += g[i * n + k] * g[j * n + k];
            a[i * n + j] = s / n + (i === j ? ridge : 0);
          }
        const kappa = normOne(a, n) * normOne(inverse(a, n), n);
        using chol = HeapCholesky.of(matrix(n, n, a));
        const est = chol.conditionEstimate();
        expect(est).toBeLessThanOrEqual(kappa * (1 + 1e-6));
        expect(est).toBeGreaterThanOrEqual(kappa / 3);
      }
    }
  });

  it('lifecycle: use after dispose is a DisposedError, a second dispose is harmless, a handed-over matrix is spent', () => {
    const n = 6;
    const a = matrix(n, n, randomSpd(rng, n));
    for (const b of BACKENDS) {
      const live = b.heap.liveSlots;
      const m = HeapMatrix.from(a, { backend: b });
      expectBitEqual(m.readRows(2, 4).data, a.data.subarray(2 * n, 4 * n));
      const chol = HeapCholesky.ofHeapMatrix(m);
      expect(m.disposed).toBe(true);
      expect(() => m.toMatrix()).toThrow(DisposedError);
      expect(() => HeapCholesky.ofHeapMatrix(m)).toThrow(DisposedError);
      m.dispose(); // harmless: the memory belongs to the factor now
      expect(chol.solve(a.data.subarray(0, n)).length).toBe(n);
      chol.dispose();
      chol.dispose();
      expect(chol.disposed).toBe(true);
      for (const use of [() => chol.solve(new Float64Array(n)), () => chol.logDet(), () => chol.quadraticForm(new Float64Array(n)), () => chol.toCholeskyFactor()]) {
        expect(use).toThrow(DisposedError);
      }
      // a failed factorisation frees what it took
      expect(() => HeapCholesky.of(matrix(2, 2, [1, 2, 2, 1]), { backend: b })).toThrow(NotPositiveDefiniteError);
      expect(() => HeapCholesky.of(a, { backend: b, shift: -1 })).toThrow(InvalidArgumentError);
      expect(b.heap.liveSlots).toBe(live);
    }
  });
});

describe('numerically singular: a positive pivot at or below n·ε·max diag', () => {
  it('is a NotPositiveDefiniteError naming the pivot and the threshold; jitter moves up the ladder', () => {
    const a = matrix(2, 2, [1, 0, 0, 1e-17]); // pivot 1 = 1e−17 > 0 but ≤ 2ε
    let err: unknown;
    try {
      cholesky(a);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NotPositiveDefiniteError);
    expect((err as NotPositiveDefiniteError).pivot).toBe(1);
    expect((err as NotPositiveDefiniteError).value).toBeCloseTo(1e-17, 30);
    expect((err as NotPositiveDefiniteError).message).toMatch(/pivot 1 is 1(\.\d+)?e-17, at or below the threshold n·ε·max diag = 4\.44\d*e-16/);
    const c = cholesky(a, { jitter: true }); // 1e−12·mean diag = 5e−13 added: pivot ≈ 5e−13 > 2ε
    expect(c.lambda).toBe(1e-12);
    expect(c.smallestPivotRatio).toBeGreaterThan(pivotThreshold(2));
    expect(pivotThreshold(2)).toBe(2 * 2 ** -52);
  });

  it('the smallest pivot ratio of diag(4, 1) is 1/4, and of a well-conditioned matrix it stays near 1/κ or above', () => {
    expect(cholesky(matrix(2, 2, [4, 0, 0, 1])).smallestPivotRatio).toBe(0.25);
  });

  it('jitter in the heap restores A from the mirrored upper triangle (no n×n copy): after a failure A is back, bit for bit', () => {
    const n = 5;
    const indefinite = matrix(n, n, randomSpd(rng, n));
    indefinite.data[3 * n + 3] = -50; // far from positive definite: every rung fails
    for (const b of BACKENDS) {
      b.heap.scope((s) => {
        const off = s.put(indefinite.data);
        expect(() => choleskyInHeap(b, off, n, { jitter: true })).toThrow(NotPositiveDefiniteError);
        const after = b.heap.read(off, n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) expect(Object.is(after[i * n + j], indefinite.data[i * n + j])).toBe(true);
      });
    }
  });
});
