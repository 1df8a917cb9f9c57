/**
 * λ_min by shift-invert Lanczos on matrices with prescribed spectra that defeat plain inverse
 * iteration — clustered, graded and repeated small eigenvalues — against the dense Jacobi
 * reference and the constructed spectrum; and the tridiagonal eigensolver it uses against
 * Jacobi. The matrices are Q Λ Qᵀ with Q a product of three random Householder reflections.
 */
import { describe, expect, it } from 'vitest';
import { tridiagonalEigen } from '../../src/linalg/tridiagonal-eigen.js';
import { matrix, type Matrix } from '../../src/linalg/matrix.js';
import { Rng } from '../../src/random/rng.js';
import { smallestEigenvalue } from '../../src/theory/smallest-eigenvalue.js';
import { BACKENDS } from '../helpers.js';
import { jacobiEigenvalues } from './jacobi.js';

/** Stopping tolerance asked for (the default). */
const TOLERANCE = 1e-10;
/**
 * Allowed relative gap to the reference: the certificate's 1e−10 plus the rounding of forming
 * Q Λ Qᵀ (≈ 1e−15·‖A‖ absolute, i.e. ≤ 1e−11 relative for the condition numbers ≤ 1e4 here).
 */
const AGREEMENT = 2e-10;

const rng = new Rng(1414, 'ts');

/** Q diag(values) Qᵀ for Q = H₁H₂H₃, Hᵢ = I − 2vᵢvᵢᵀ with random unit vᵢ (exactly symmetric). */
function withSpectrum(values: readonly number[]): Matrix {
  const n = values.length;
  const a = new Float64Array(n * n);
  values.forEach((v, i) => (a[i * n + i] = v));
  for (let r = 0; r < 3; r++) {
    const v = rng.normal(n);
    const norm = Math.sqrt(v.reduce((s, t) => s + t * t, 0));
    v.forEach((t, i) => (v[i] = t / norm));
    const av = Float64Array.from({ length: n }, (_, i) => v.reduce((s, t, j) => s + a[i * n + j] * t, 0));
    const vav = v.reduce((s, t, i) => s + t * av[i], 0);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) a[i * n + j] += -2 * v[i] * av[j] - 2 * av[i] * v[j] + 4 * vav * v[i] * v[j];
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
  return matrix(n, n, a);
}

const n = 120;
/** The rest of the spectrum: spread over [0.5, 2]. */
const bulk = (i: number) => 0.5 + (1.5 * i) / n;
const spectra: Array<[string, number[]]> = [
  ...[1e-2, 1e-5, 1e-8, 1e-10].map((gap): [string, number[]] => [
    `6 eigenvalues clustered at 1e−3 with relative gaps ${gap}`,
    Array.from({ length: n }, (_, i) => (i < 6 ? 1e-3 * (1 + i * gap) : bulk(i))),
  ]),
  ['graded: λ_i = 10^(−4 + 4i/n), four decades, no gap larger than 8%', Array.from({ length: n }, (_, i) => 10 ** (-4 + (4 * i) / n))],
  ['λ_min = 2e−3 repeated 8 times exactly', Array.from({ length: n }, (_, i) => (i < 8 ? 2e-3 : bulk(i)))],
  ['λ_min repeated 3 times inside a cluster of 10', Array.from({ length: n }, (_, i) => (i < 3 ? 1e-2 : i < 10 ? 1e-2 * (1 + 1e-6 * i) : bulk(i)))],
];

describe('tridiagonal eigensolver (implicit QL)', () => {
  it('matches Jacobi on random, graded and 1×1 tridiagonal matrices; eigenvectors are orthonormal and satisfy T s = θ s', () => {
    for (const k of [1, 2, 7, 40]) {
      for (const scale of [1, 1e-6]) {
        const d = Array.from({ length: k }, (_, i) => rng.normal(1)[0] * scale ** (i / k));
        const e = Array.from({ length: k - 1 }, () => rng.normal(1)[0]);
        const dense = new Float64Array(k * k);
        d.forEach((v, i) => (dense[i * k + i] = v));
        e.forEach((v, i) => (dense[(i + 1) * k + i] = dense[i * k + i + 1] = v));
        const { values, vectors } = tridiagonalEigen(d, e);
        const last = tridiagonalEigen(d, e, 'last'); // only the last row of the eigenvectors: the same values and row
        expect(Array.from(last.values)).toEqual(Array.from(values));
        expect(Array.from(last.vectors)).toEqual(Array.from(vectors.subarray((k - 1) * k)));
        const truth = jacobiEigenvalues(dense, k);
        const norm = Math.max(...truth.map(Math.abs));
        values.forEach((v, j) => expect(Math.abs(v - truth[j])).toBeLessThanOrEqual(1e-13 * norm));
        for (let j = 0; j < k; j++) {
          for (let i = 0; i < k; i++) {
            let ts = 0;
            for (let t = 0; t < k; t++) ts += dense[i * k + t] * vectors[t * k + j];
            expect(Math.abs(ts - values[j] * vectors[i * k + j])).toBeLessThanOrEqual(1e-12 * norm);
          }
          for (let j2 = 0; j2 < k; j2++) {
            let dot = 0;
            for (let i = 0; i < k; i++) dot += vectors[i * k + j] * vectors[i * k + j2];
            expect(Math.abs(dot - (j === j2 ? 1 : 0))).toBeLessThanOrEqual(1e-12);
          }
        }
      }
    }
  });
});

describe('λ_min by shift-invert Lanczos: clustered, graded and repeated small eigenvalues', () => {
  for (const [name, values] of spectra) {
    const H = withSpectrum(values);
    const exact = Math.min(...values);
    it(`${name}: agrees with Jacobi and the constructed spectrum, inside its certificate`, () => {
      const jacobi = jacobiEigenvalues(H.data, n)[0];
      expect(Math.abs(jacobi - exact) / exact).toBeLessThanOrEqual(AGREEMENT); // the oracle itself
      const results = BACKENDS.map((b) => smallestEigenvalue(H, { tolerance: TOLERANCE, backend: b }));
      for (const est of results) {
        expect(est.converged).toBe(true);
        expect(est.relativeResidual).toBeLessThanOrEqual(TOLERANCE);
        expect(Math.abs(est.value - exact) / exact, `λ_min ${est.value} vs ${exact}`).toBeLessThanOrEqual(AGREEMENT);
        expect(est.lower).toBeLessThanOrEqual(exact * (1 + AGREEMENT));
        expect(est.upper).toBeGreaterThanOrEqual(exact * (1 - AGREEMENT));
        // far fewer applications of H⁻¹ than inverse iteration's (1 − gap)^k would need
        expect(est.iterations).toBeLessThanOrEqual(60);
      }
      expect(Object.is(results[0].value, results[1].value)).toBe(true); // same bits on both backends
    });
  }

  it('the step count does not grow as the cluster tightens (gaps 1e−2 … 1e−10)', () => {
    const counts = spectra.slice(0, 4).map(([, values]) => smallestEigenvalue(withSpectrum(values)).iterations);
    expect(Math.max(...counts)).toBeLessThanOrEqual(Math.min(...counts) + 12);
  });
});
