import { describe, expect, it } from 'vitest';
import { sequencesFromNested } from '../../src/data/sequences.js';
import { InvalidArgumentError, NonFiniteError, NotPositiveDefiniteError, ShapeError } from '../../src/errors.js';
import { matrix } from '../../src/linalg/matrix.js';
import { kernelComplexity, ntkComplexity } from '../../src/theory/complexity.js';
import { BACKENDS, TOL, WORKED_EXAMPLE_X, WORKED_EXAMPLE_H } from '../helpers.js';

/** The worked example (docs/theory.md#worked-example). */
const x = sequencesFromNested(WORKED_EXAMPLE_X);
const y = [1, -1, 1];
const SPEC_VALUE = 6.439070730327959;

/** yᵀ A⁻¹ y for a 3×3 A by the adjugate (cofactors), independent of any factorisation. */
function adjugateQuadratic(a: readonly number[], v: number[]): number {
  const c = (i: number, j: number) => {
    const r = [0, 1, 2].filter((t) => t !== i);
    const s = [0, 1, 2].filter((t) => t !== j);
    return (-1) ** (i + j) * (a[r[0] * 3 + s[0]] * a[r[1] * 3 + s[1]] - a[r[0] * 3 + s[1]] * a[r[1] * 3 + s[0]]);
  };
  const det = a[0] * c(0, 0) + a[1] * c(0, 1) + a[2] * c(0, 2);
  let q = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) q += (v[i] * c(j, i) * v[j]) / det; // (A⁻¹)_ij = C_ji / det
  return q;
}

describe('complexity ỹᵀ(H∞)⁻¹ỹ by Cholesky (docs/theory.md#complexity)', () => {
  it('the oracle: the printed H∞ inverted by cofactors gives the value in docs/theory.md', () => {
    expect(Math.abs(adjugateQuadratic(WORKED_EXAMPLE_H, y) - SPEC_VALUE)).toBeLessThanOrEqual(TOL.specExample * SPEC_VALUE);
  });

  for (const b of BACKENDS) {
    it(`${b.name}: the worked example (docs/theory.md#worked-example), yᵀ(H∞)⁻¹y = 6.439070730327959 to 1e−12`, () => {
      const c = ntkComplexity(x, y, { backend: b });
      expect(Math.abs(c.value - SPEC_VALUE)).toBeLessThanOrEqual(TOL.specExample * SPEC_VALUE);
      expect(c.sqrt).toBe(Math.sqrt(c.value));
      expect([c.n, c.jitter, c.lambda]).toEqual([3, 0, 0]);
      const fromPrinted = kernelComplexity(matrix(3, 3, WORKED_EXAMPLE_H), y, { backend: b });
      expect(Math.abs(fromPrinted.value - SPEC_VALUE)).toBeLessThanOrEqual(TOL.specExample * SPEC_VALUE);
    });
  }

  it('wasm and the TS twin agree bit for bit', () => {
    const [w, t] = BACKENDS.map((b) => ntkComplexity(x, y, { backend: b }).value);
    expect(Object.is(w, t)).toBe(true);
  });

  describe('jitter policy', () => {
    // J = all-ones 2×2: PSD, rank 1, the second Cholesky pivot is exactly 0
    const J = matrix(2, 2, [1, 1, 1, 1]);
    it('without jitter: NotPositiveDefiniteError naming the failing pivot', () => {
      let err: unknown;
      try {
        kernelComplexity(J, [1, -1]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(NotPositiveDefiniteError);
      expect((err as NotPositiveDefiniteError).pivot).toBe(1);
      expect((err as NotPositiveDefiniteError).message).toMatch(/pivot 1/);
      expect((err as NotPositiveDefiniteError).message).toMatch(/jitter/);
    });

    it('with jitter: the λ used is reported and the value is that of J + λ·mean(diag)·I', () => {
      const c = kernelComplexity(J, [1, -1], { jitter: true });
      expect(c.lambda).toBe(1e-12); // the first λ of the schedule suffices
      expect(c.jitter).toBe(1e-12); // mean(diag J) = 1
      expect(c.note).toMatch(/λ = 1e-12/);
      // (J + jI)⁻¹ = (I − J/(j + 2))/j, so yᵀ(J + jI)⁻¹y = 2/j for y = (1, −1) ⟂ 1.
      // The pivot 2j is computed as (1 + j) − 1/(1 + j): absolute error ~2^−52, relative ~ε/j ≈ 1e−4.
      const exact = 2 / c.jitter;
      expect(Math.abs(c.value - exact) / exact).toBeLessThanOrEqual(1e-3);
    });

    it('an indefinite matrix stays an error even with jitter', () => {
      expect(() => kernelComplexity(matrix(2, 2, [1, 0, 0, -1]), [1, 1], { jitter: true })).toThrow(NotPositiveDefiniteError);
    });
  });

  it('bad input: typed errors that say what to fix', () => {
    const H = matrix(3, 3, WORKED_EXAMPLE_H);
    expect(() => kernelComplexity(H, [1, 1])).toThrow(ShapeError);
    expect(() => kernelComplexity(H, [1, NaN, 1])).toThrow(NonFiniteError);
    expect(() => kernelComplexity(matrix(3, 3, WORKED_EXAMPLE_H.map((v, k) => (k === 4 ? NaN : v))), y)).toThrow(NonFiniteError);
    expect(() => kernelComplexity(matrix(0, 0), [])).toThrow(ShapeError);
    expect(() => kernelComplexity(matrix(2, 3), [1, 1])).toThrow(ShapeError);
    expect(() => kernelComplexity(matrix(2, 2, [2, 1, 0, 2]), [1, 1])).toThrow(/symmetric/);
    expect(() => kernelComplexity(matrix(2, 2, [2, 1, 0, 2]), [1, 1])).toThrow(InvalidArgumentError);
    expect(() => ntkComplexity(x, [1, 1])).toThrow(ShapeError);
  });
});
