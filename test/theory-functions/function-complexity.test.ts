import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { functionComplexity, functionComplexityN, logMaxMultinomial } from '../../src/theory/function-complexity.js';
import {
  arctanFunction, coshFunction, cosFunction, customFunction, expFunction, linearCombination, polynomial,
  scaleArgument, sinFunction, sinhFunction, type AnalyticFunction,
} from '../../src/theory/psi-catalog.js';
import { TOL } from '../helpers.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('C(ψ, R) = 1 + Σ i|c_i|R^i (eq. 6) against closed forms', () => {
  it('arctan(z/2): 1 + 2R/(4 − R²) for R < 2 (5/3 at R = 1, Example 2.1), +∞ for R ≥ 2', () => {
    const psi = arctanFunction(2);
    for (const R of [0, 0.25, 1, 1.5, 1.9, 1.99]) {
      const c = functionComplexity(psi, R);
      expect(rel(c.value, 1 + (2 * R) / (4 - R * R))).toBeLessThanOrEqual(TOL.complexitySeries);
      expect(c.relativeTailBound).toBeLessThanOrEqual(1e-16);
      expect(c.divergent).toBe(false);
    }
    expect(rel(functionComplexity(psi, 1).value, 5 / 3)).toBeLessThanOrEqual(TOL.complexitySeries);
    for (const R of [2, 2.5, 100]) {
      const c = functionComplexity(psi, R);
      expect(c.value).toBe(Infinity);
      expect(c.log).toBe(Infinity);
      expect(c.divergent).toBe(true);
    }
  });

  it('exp: 1 + R·e^R, in log space far beyond the f64 range', () => {
    for (const R of [0, 0.5, 1, 5, 30, 200, 1000]) {
      const c = functionComplexity(expFunction, R);
      const exact = R === 0 ? 0 : R + Math.log(R) + Math.log1p(Math.exp(-R) / R); // log(1 + R e^R)
      expect(Math.abs(c.log - exact)).toBeLessThanOrEqual(TOL.complexitySeries * Math.max(1, exact));
    }
    expect(functionComplexity(expFunction, 1000).value).toBe(Infinity);
  });

  it('sin, sinh: 1 + R cosh R; cos, cosh: 1 + R sinh R; ψ(az) and Σ w ψ follow', () => {
    for (const R of [0.3, 2, 7]) {
      for (const psi of [sinFunction, sinhFunction]) expect(rel(functionComplexity(psi, R).value, 1 + R * Math.cosh(R))).toBeLessThanOrEqual(TOL.complexitySeries);
      for (const psi of [cosFunction, coshFunction]) expect(rel(functionComplexity(psi, R).value, 1 + R * Math.sinh(R))).toBeLessThanOrEqual(TOL.complexitySeries);
      expect(rel(functionComplexity(scaleArgument(expFunction, -3), R).value, 1 + 3 * R * Math.exp(3 * R))).toBeLessThanOrEqual(TOL.complexitySeries);
      const combo = linearCombination([{ weight: 2, psi: expFunction }, { weight: -1, psi: sinhFunction }]); // e^z + cosh z ... coefficients 2/i! − [i odd]/i!
      // |c_i| = 1/i! for odd i, 2/i! for even i: Σ i|c_i|R^i = R cosh R + 2 R sinh R
      expect(rel(functionComplexity(combo, R).value, 1 + R * Math.cosh(R) + 2 * R * Math.sinh(R))).toBeLessThanOrEqual(TOL.complexitySeries);
    }
  });

  it('the learning-curve ψ(z) (docs/experiments.md#the-learning-curve-task) = sin 2z + z²/2 − 1/4: C = 1 + 2R cosh 2R + R²', () => {
    const psi = linearCombination([{ weight: 1, psi: scaleArgument(sinFunction, 2) }, { weight: 1, psi: polynomial([-0.25, 0, 0.5]) }]);
    for (const R of [0.5, 4 * Math.sqrt(8)]) {
      expect(rel(functionComplexity(psi, R).value, 1 + 2 * R * Math.cosh(2 * R) + R * R)).toBeLessThanOrEqual(TOL.complexitySeries);
    }
    for (const z of [-1.3, 0, 0.4, 2]) expect(psi.value(z)).toBeCloseTo(Math.sin(2 * z) + (z * z) / 2 - 0.25, 14);
  });

  it('polynomials sum exactly: C(3 − z + 2z³, R) = 1 + R + 6R³', () => {
    const psi = polynomial([3, -1, 0, 2]);
    for (const R of [0, 0.5, 10]) {
      const c = functionComplexity(psi, R);
      expect(rel(c.value, 1 + R + 6 * R ** 3)).toBeLessThanOrEqual(TOL.roundoff);
      expect(c.relativeTailBound).toBe(0);
    }
  });

  it('tail bounds are upper bounds on the true remainders Σ_{i>n} i^p |c_i| R^i', () => {
    const cases: Array<[AnalyticFunction, number]> = [[expFunction, 3], [sinFunction, 6], [arctanFunction(2), 1.7], [scaleArgument(coshFunction, 2), 1.5]];
    let checked = 0;
    for (const [psi, R] of cases) {
      for (const p of [0, 1, 3]) {
        for (const n of [2, 10, 40]) {
          let tail = 0;
          for (let i = n + 1; i < 5000; i++) tail += Math.exp(p * Math.log(i) + psi.logAbsCoefficient(i) + i * Math.log(R));
          const bound = psi.logTailBound(n, p, R);
          if (bound !== Infinity && tail > 0) {
            expect(Math.log(tail)).toBeLessThanOrEqual(bound + 1e-12);
            checked++;
          }
        }
      }
    }
    // +∞ ("take more terms") is allowed while the ratio bound is ≥ 1 (small n); 27 of the 36 cases give a finite bound
    expect(checked).toBeGreaterThanOrEqual(27);
  });

  it('user-supplied ψ with its radius: Σ z^i/(i+1)² on |z| < 1 against direct summation', () => {
    const psi = customFunction({ name: 'li2-like', coefficient: (i) => 1 / (i + 1) ** 2, radius: 1, bound: { kind: 'radius', M: 1, k: 0 } });
    let direct = 1;
    for (let i = 1; i < 4000; i++) direct += (i / (i + 1) ** 2) * 0.5 ** i;
    expect(rel(functionComplexity(psi, 0.5).value, direct)).toBeLessThanOrEqual(TOL.complexitySeries);
    expect(functionComplexity(psi, 1).value).toBe(Infinity);
    // ψ(z) by its own series: Σ z^i/(i+1)² = Li₂(z)/z, Li₂(1/2) = π²/12 − (ln 2)²/2
    expect(psi.value(0.5)).toBeCloseTo((Math.PI ** 2 / 12 - Math.log(2) ** 2 / 2) / 0.5, 14);
    expect(() => psi.value(1.5)).toThrow(InvalidArgumentError);
  });
});

describe('C_{N,i} and C_N(ψ, R)', () => {
  /** Largest multinomial coefficient by enumerating every composition (exact integers). */
  function bruteMaxMultinomial(N: number, i: number): number {
    const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
    const minPart = i >= N ? 1 : 0;
    let best = 0;
    const rec = (k: number, left: number, denom: number): void => {
      if (k === N - 1) {
        if (left >= minPart) best = Math.max(best, fact(i) / (denom * fact(left)));
        return;
      }
      for (let nk = minPart; nk <= left; nk++) rec(k + 1, left - nk, denom * fact(nk));
    };
    rec(0, i, 1);
    return best;
  }

  it('the balanced split is the largest multinomial (brute force, N ≤ 4, i ≤ 12)', () => {
    for (let N = 1; N <= 4; N++) {
      for (let i = 0; i <= 12; i++) {
        expect(rel(Math.exp(logMaxMultinomial(N, i)), bruteMaxMultinomial(N, i))).toBeLessThanOrEqual(TOL.roundoff);
      }
    }
    // Example 2.2's C_{2,i} = i understates it: the largest binomial coefficient of 6 is 20
    expect(Math.round(Math.exp(logMaxMultinomial(2, 6)))).toBe(20);
  });

  it('C_N against a direct sum with exact multinomials (exp, N = 2, L = 3, C1 = 100)', () => {
    const [N, L, C1, R] = [2, 3, 100, 0.8];
    const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
    let direct = 1;
    for (let i = 1; i <= 60; i++) direct += L ** (1.5 * N) * C1 ** N * Math.sqrt(bruteMaxMultinomial(N, i)) * (i / N) ** N * (R ** i / fact(i));
    expect(rel(functionComplexityN(expFunction, R, { N, L, C1 }).value, direct)).toBeLessThanOrEqual(TOL.complexitySeries);
  });

  it('is +∞ once √N·R reaches the radius of ψ; polynomials are finite everywhere', () => {
    const psi = arctanFunction(2);
    expect(Number.isFinite(functionComplexityN(psi, 1.41, { N: 2, L: 4 }).value)).toBe(true);
    expect(functionComplexityN(psi, Math.SQRT2, { N: 2, L: 4 }).divergent).toBe(true);
    const c = functionComplexityN(polynomial([0, 1, 1]), 50, { N: 3, L: 2, C1: 1 });
    // 1 + 2^{4.5}·[√1·(1/3)³·50 + √2·(2/3)³·2500]  (C_{3,1} = 1, C_{3,2} = 2!)
    expect(rel(c.value, 1 + 2 ** 4.5 * ((1 / 27) * 50 + Math.SQRT2 * (8 / 27) * 2500))).toBeLessThanOrEqual(TOL.roundoff);
  });

  it('bad input: C1 ≤ 0, negative or NaN R, ψ without coefficients → InvalidArgumentError', () => {
    expect(() => functionComplexityN(expFunction, 1, { N: 2, L: 4, C1: 0 })).toThrow(InvalidArgumentError);
    expect(() => functionComplexityN(expFunction, 1, { N: 2, L: 4, C1: -5 })).toThrow(/C1/);
    expect(() => functionComplexity(expFunction, -1)).toThrow(InvalidArgumentError);
    expect(() => functionComplexity(expFunction, NaN)).toThrow(/R/);
    expect(() => customFunction({ radius: 1 } as never)).toThrow(/coefficient/);
    expect(() => customFunction({ coefficient: () => 1, radius: 1 } as never)).toThrow(/bound/);
    expect(() => polynomial([])).toThrow(InvalidArgumentError);
    const lying = customFunction({ coefficient: (i) => 2 ** i, radius: 1, bound: { kind: 'radius', M: 1, k: 0 } });
    expect(() => functionComplexity(lying, 0.1)).toThrow(/violates its stated bound/);
    expect(() => functionComplexity({} as never, 1)).toThrow(InvalidArgumentError);
  });
});
