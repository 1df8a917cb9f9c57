/**
 * symmetricEigen (Householder tridiagonalisation + implicit QL, assembly/sytrd.ts and
 * assembly/steqr.ts): orthogonality ‖VᵀV − I‖_F and residual ‖AV − VΛ‖_F / ‖A‖_F within n·ε;
 * eigenvalues against the constructed spectrum and against the independent cyclic Jacobi
 * oracle (test/complexity/jacobi.ts) on graded, clustered and repeated spectra; 0×0, 1×1,
 * 2×2 (closed form) and diagonal input; wasm against its TS twin bit for bit; typed errors.
 */
import { describe, expect, it } from 'vitest';
import { ConvergenceError, InvalidArgumentError, NonFiniteError, ShapeError } from '../../src/errors.js';
import { matrix, symmetricEigen, type Matrix } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/rng.js';
import { jacobiEigenvalues } from '../complexity/jacobi.js';
import { expectBitEqual, TOL } from '../helpers.js';
import { naiveGemm } from './reference.js';

const EPS = 2 ** -52;

/** A random orthogonal n×n matrix: modified Gram–Schmidt, applied twice, on Gaussian columns. */
function randomOrthogonal(rng: Rng, n: number): Float64Array {
  const q = rng.normal(n * n); // column j = entries q[i*n + j]
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[i * n + k] * q[i * n + j];
        for (let i = 0; i < n; i++) q[i * n + j] -= dot * q[i * n + k];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += q[i * n + j] ** 2;
      for (let i = 0; i < n; i++) q[i * n + j] /= Math.sqrt(norm);
    }
  }
  return q;
}

/** A = Q diag(spectrum) Qᵀ for a random orthogonal Q, symmetrised exactly. */
function withSpectrum(rng: Rng, spectrum: readonly number[]): Matrix {
  const n = spectrum.length;
  const q = randomOrthogonal(rng, n);
  const qd = q.map((v, e) => v * spectrum[e % n]);
  const a = naiveGemm(false, true, n, n, n, 1, qd, n, q, n, 0, [], n);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
  return matrix(n, n, a);
}

const frobenius = (x: ArrayLike<number>) => Math.sqrt(Array.from(x).reduce((s, v) => s + v * v, 0));

/** ‖VᵀV − I‖_F and ‖AV − VΛ‖_F / ‖A‖_F. */
function quality(a: Matrix, values: Float64Array, v: Matrix): { orthogonality: number; residual: number } {
  const n = a.rows;
  const vtv = naiveGemm(true, false, n, n, n, 1, v.data, n, v.data, n, 0, [], n);
  for (let i = 0; i < n; i++) vtv[i * n + i] -= 1;
  const av = naiveGemm(false, false, n, n, n, 1, a.data, n, v.data, n, 0, [], n);
  for (let e = 0; e < n * n; e++) av[e] -= v.data[e] * values[e % n];
  return { orthogonality: frobenius(vtv), residual: frobenius(av) / Math.max(frobenius(a.data), Number.MIN_VALUE) };
}

function expectGoodDecomposition(a: Matrix, values: Float64Array, v: Matrix): void {
  const n = a.rows;
  const { orthogonality, residual } = quality(a, values, v);
  expect(orthogonality, 'orthogonality ‖VᵀV − I‖_F').toBeLessThanOrEqual(TOL.eigenBackward * n * EPS);
  expect(residual, 'residual ‖AV − VΛ‖_F / ‖A‖_F').toBeLessThanOrEqual(TOL.eigenBackward * n * EPS);
  for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
}

const rng = new Rng(2024, 'ts');
const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
const SPECTRA: Record<string, number[]> = {
  'graded 1 … 1e−15': range(40, (i) => 10 ** (-15 * i / 39)),
  'graded, both signs, 1e6 … 1e−6': range(41, (i) => (i % 2 ? -1 : 1) * 10 ** (6 - 12 * i / 40)),
  'clustered 1 + 1e−10·i and 2 + 1e−12·i': [...range(20, (i) => 1 + 1e-10 * i), ...range(17, (i) => 2 + 1e-12 * i)],
  'repeated 1 (×12), −3 (×12), 0 (×9)': [...range(12, () => 1), ...range(12, () => -3), ...range(9, () => 0)],
  'uniform in [−1, 1]': Array.from(rng.uniform(64), (u) => 2 * u - 1),
};

describe('symmetricEigen', () => {
  for (const [name, spectrum] of Object.entries(SPECTRA)) {
    it(`${name}: orthogonal, small residual, the constructed spectrum and Jacobi's eigenvalues`, () => {
      const a = withSpectrum(rng, spectrum);
      const copy = a.data.slice();
      const { values, vectors } = symmetricEigen(a);
      expect(a.data).toEqual(copy);
      expectGoodDecomposition(a, values, vectors);
      const n = a.rows;
      const scale = frobenius(a.data);
      const sorted = [...spectrum].sort((x, y) => x - y);
      const jacobi = jacobiEigenvalues(a.data, n);
      for (let i = 0; i < n; i++) {
        // A is Q Λ Qᵀ only up to its own rounding (~n ε ‖A‖), so both comparisons get n ε ‖A‖_F
        expect(Math.abs(values[i] - sorted[i])).toBeLessThanOrEqual(TOL.eigenBackward * n * EPS * scale);
        expect(Math.abs(values[i] - jacobi[i])).toBeLessThanOrEqual(TOL.eigenBackward * n * EPS * scale);
      }
    });
  }

  it('a random symmetric matrix of odd order: the wasm core and the TS twin give the same bits', () => {
    for (const n of [3, 37, 64]) {
      const g = rng.normal(n * n);
      const a = matrix(n, n, g.map((v, e) => v + g[(e % n) * n + Math.floor(e / n)]));
      const w = symmetricEigen(a, { backend: 'wasm' });
      const t = symmetricEigen(a, { backend: 'ts' });
      expectBitEqual(w.values, t.values);
      expectBitEqual(w.vectors.data, t.vectors.data);
      expectGoodDecomposition(a, w.values, w.vectors);
    }
  });

  it('0×0, 1×1 and the 2×2 closed form', () => {
    const empty = symmetricEigen(matrix(0, 0));
    expect([empty.n, empty.values.length, empty.vectors.data.length]).toEqual([0, 0, 0]);
    const one = symmetricEigen(matrix(1, 1, [-2.5]));
    expect([...one.values, ...one.vectors.data]).toEqual([-2.5, 1]);
    const [p, q, r] = [3, 1.25, -0.5];
    const two = symmetricEigen(matrix(2, 2, [p, q, q, r]));
    const mid = (p + r) / 2;
    const rad = Math.hypot((p - r) / 2, q);
    expect(Math.abs(two.values[0] - (mid - rad))).toBeLessThanOrEqual(4 * EPS * rad);
    expect(Math.abs(two.values[1] - (mid + rad))).toBeLessThanOrEqual(4 * EPS * rad);
    expectGoodDecomposition(matrix(2, 2, [p, q, q, r]), two.values, two.vectors);
  });

  it('diagonal input: its entries sorted, and unit vectors', () => {
    const diag = [4, -1, 0, 7, -1, 2.5];
    const n = diag.length;
    const a = matrix(n, n);
    diag.forEach((v, i) => (a.data[i * n + i] = v));
    const { values, vectors } = symmetricEigen(a);
    expect(Array.from(values)).toEqual([...diag].sort((x, y) => x - y));
    for (let c = 0; c < n; c++) {
      const column = range(n, (r) => Math.abs(vectors.data[r * n + c]));
      expect(column.filter((v) => v === 1)).toHaveLength(1);
      expect(column.filter((v) => v === 0)).toHaveLength(n - 1);
      expect(diag[column.indexOf(1)]).toBe(values[c]);
    }
  });

  it('tiny and huge scales (2^±1000): the same vectors bit for bit and the eigenvalues scaled exactly', () => {
    const base = withSpectrum(rng, range(12, (i) => i - 5.5));
    const ref = symmetricEigen(base);
    for (const s of [2 ** -1000, 2 ** 1000]) {
      const { values, vectors } = symmetricEigen(matrix(12, 12, base.data.map((v) => v * s)));
      expectBitEqual(vectors.data, ref.vectors.data);
      expectBitEqual(values.map((v) => v / s), ref.values);
    }
    expectGoodDecomposition(base, ref.values, ref.vectors);
  });

  it('typed errors: not square, non-finite, not symmetric, no convergence within the bound', () => {
    expect(() => symmetricEigen(matrix(2, 3))).toThrow(ShapeError);
    expect(() => symmetricEigen(matrix(2, 2, [1, NaN, NaN, 1]))).toThrow(NonFiniteError);
    expect(() => symmetricEigen(matrix(2, 2, [1, 2, 2.001, 1]))).toThrow(/must be symmetric: A\[0\]\[1\] = 2 but A\[1\]\[0\] = 2.001/);
    expect(() => symmetricEigen(matrix(2, 2, [1, 2, 2.001, 1]))).toThrow(InvalidArgumentError);
    // accepted with a looser tolerance (the upper triangle is used)
    expect(Math.abs(symmetricEigen(matrix(2, 2, [1, 2, 2.001, 1]), { symmetryTolerance: 1e-3 }).values[1] - 3)).toBeLessThanOrEqual(4 * EPS * 3);
    const a = withSpectrum(rng, range(10, (i) => i));
    expect(() => symmetricEigen(a, { sweepsPerEigenvalue: 0 })).toThrow(ConvergenceError);
    expect(() => symmetricEigen(a, { sweepsPerEigenvalue: 0 })).toThrow(/did not isolate eigenvalue 0 of 10 within 0 sweeps/);
    expect(() => symmetricEigen(a, { symmetryTolerance: -1 })).toThrow(InvalidArgumentError);
  });
});
