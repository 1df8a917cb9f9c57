import { describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src/data/sequences.js';
import { InvalidArgumentError, NotPositiveDefiniteError, ShapeError } from '../../src/errors.js';
import { analyticNtk } from '../../src/kernels/analytic.js';
import { matrix, type Matrix } from '../../src/linalg/matrix.js';
import { Rng } from '../../src/random/rng.js';
import { smallestEigenvalue } from '../../src/theory/smallest-eigenvalue.js';
import { BACKENDS } from '../helpers.js';
import { jacobiEigenvalues } from './jacobi.js';

/** Stopping tolerance asked for; the residual bound makes 1/μ accurate to tolerance/(1 − tolerance). */
const TOLERANCE = 1e-10;
/**
 * Allowed relative gap to Jacobi: the iteration's guarantee (1e−10) plus Jacobi's own error,
 * ≈ 1e−15·‖H‖/λ_min, below 1e−10 for the condition numbers (< 1e4) of the matrices used here.
 */
const AGREEMENT = 2e-10;

const rng = new Rng(404, 'ts');

/** G Gᵀ/n + 0.1·I for a random n×n G. */
function randomSpd(n: number): Matrix {
  const g = rng.normal(n * n);
  const a = matrix(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += g[i * n + k] * g[j * n + k];
      a.data[i * n + j] = s / n + (i === j ? 0.1 : 0);
    }
  return a;
}

const cases: Array<[string, Matrix]> = [
  ['random SPD 10×10', randomSpd(10)],
  ['analytic H∞ of 8 sequences (L = 4, d = 2, inputs scaled so ‖X‖²/L³ ~ 1)', analyticNtk(sequenceBatch(8, 4, 2, rng.normal(64, 4))).H],
  ['1×1', matrix(1, 1, [2.5])],
];

describe('λ_min by inverse iteration on the Cholesky factor', () => {
  it('the Jacobi oracle reproduces the closed-form spectrum of tridiag(−1, 2, −1)', () => {
    const n = 7;
    const t = matrix(n, n);
    for (let i = 0; i < n; i++) {
      t.data[i * n + i] = 2;
      if (i > 0) t.data[i * n + i - 1] = t.data[(i - 1) * n + i] = -1;
    }
    jacobiEigenvalues(t.data, n).forEach((ev, k) =>
      expect(Math.abs(ev - (2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1))))).toBeLessThanOrEqual(1e-14),
    );
  });

  for (const b of BACKENDS)
    for (const [name, H] of cases) {
      it(`${b.name}: ${name} agrees with Jacobi, inside its certified bracket`, () => {
        const truth = jacobiEigenvalues(H.data, H.rows)[0];
        const est = smallestEigenvalue(H, { tolerance: TOLERANCE, backend: b });
        expect(est.converged).toBe(true);
        expect(est.relativeResidual).toBeLessThanOrEqual(TOLERANCE);
        expect(Math.abs(est.value - truth) / truth, `λ_min ${est.value} vs Jacobi ${truth}`).toBeLessThanOrEqual(AGREEMENT);
        expect(est.lower).toBeLessThanOrEqual(truth * (1 + AGREEMENT));
        expect(est.upper).toBeGreaterThanOrEqual(truth * (1 - AGREEMENT));
        expect(est.jitter).toBe(0);
      });
    }

  it('reports converged: false when the iteration cap is hit', () => {
    const est = smallestEigenvalue(cases[0][1], { maxIterations: 1 });
    expect(est.iterations).toBe(1);
    expect(est.converged).toBe(false);
  });

  it('with jitter on a singular PSD matrix the shift is subtracted again (λ_min ≈ 0)', () => {
    const J = matrix(3, 3, new Float64Array(9).fill(1)); // eigenvalues 0, 0, 3
    expect(() => smallestEigenvalue(J)).toThrow(NotPositiveDefiniteError);
    const est = smallestEigenvalue(J, { jitter: true });
    expect(est.jitter).toBeGreaterThan(0);
    // the factored J + jI has λ_min = j; the pivots carry an absolute error ~2^−52, so the
    // recovered λ_min(J) = 0 is known to about that, not to the relative tolerance
    expect(Math.abs(est.value)).toBeLessThanOrEqual(1e-15 * 3);
  });

  it('bad input: typed errors', () => {
    expect(() => smallestEigenvalue(matrix(0, 0))).toThrow(ShapeError);
    expect(() => smallestEigenvalue(matrix(2, 2, [1, 2, 0, 1]))).toThrow(InvalidArgumentError);
    expect(() => smallestEigenvalue(cases[0][1], { tolerance: 0 })).toThrow(InvalidArgumentError);
    expect(() => smallestEigenvalue(cases[0][1], { maxIterations: 0 })).toThrow(InvalidArgumentError);
  });
});
