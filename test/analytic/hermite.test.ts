import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NonFiniteError } from '../../src/errors.js';
import { arcCosine0, arcCosine1 } from '../../src/numeric/arc-cosine.js';
import { arcCosine1Series, hermiteCoefficient, hermiteCoefficientQuadrature, hermiteCoefficientSquared } from '../../src/kernels/hermite.js';
import { compositeIntegral, gaussLegendre } from '../../src/numeric/gauss-legendre.js';
import { TOL } from '../helpers.js';

describe('Gauss–Legendre rule', () => {
  it('integrates x^k exactly for k ≤ 2q − 1 on [−1, 1], and e^x on [0, 3] by the composite rule', () => {
    for (const q of [1, 2, 5, 16]) {
      const { nodes, weights } = gaussLegendre(q);
      for (let k = 0; k <= 2 * q - 1; k++) {
        let s = 0;
        for (let t = 0; t < q; t++) s += weights[t] * nodes[t] ** k;
        expect(Math.abs(s - (k % 2 === 0 ? 2 / (k + 1) : 0))).toBeLessThanOrEqual(TOL.roundoff);
      }
    }
    expect(Math.abs(compositeIntegral(Math.exp, 0, 3, 4, gaussLegendre(10)) - (Math.exp(3) - 1))).toBeLessThanOrEqual(TOL.roundoff);
  });
});

describe('Hermite coefficients μ_r and the arc-cosine kernels', () => {
  it('μ_r by quadrature of Theorem 5 equals the closed form for r ≤ 20; signs alternate', () => {
    for (let r = 0; r <= 20; r++) {
      expect(Math.abs(hermiteCoefficientQuadrature(r) - hermiteCoefficient(r)), `r = ${r}`).toBeLessThanOrEqual(TOL.hermiteQuadrature);
    }
    for (let r = 2; r <= 20; r += 2) expect(Math.sign(hermiteCoefficient(r))).toBe(r % 4 === 2 ? 1 : -1);
  });

  it('Σ_r μ_r² = κ1(1) = 1 and Σ_r μ_r² ρ^r = κ1(ρ) within the stated tail bound', () => {
    let mass = 0;
    for (let r = 0; r <= 4000; r++) mass += hermiteCoefficientSquared(r);
    // the tail Σ_{r>R} μ_r² ~ r^{−3/2}: ≈ 0.24·4000^{−1.5} ≈ 1e−6
    expect(Math.abs(1 - mass)).toBeLessThan(2e-6);
    for (const rho of [-1, -0.93, -0.5, 0, 0.2, 0.7, 0.99, 1]) {
      for (const terms of [4, 30, 400]) {
        const s = arcCosine1Series(rho, terms);
        expect(Math.abs(s.value - arcCosine1(rho))).toBeLessThanOrEqual(s.tailBound + TOL.roundoff);
      }
    }
    expect(arcCosine1Series(0.5, 60).tailBound).toBeLessThan(1e-18);
  });

  it('κ0, κ1 closed forms: known values, κ1′ = κ0 (central differences), κ0 = 1/2 + asin(ρ)/π', () => {
    expect(arcCosine0(1)).toBe(1);
    expect(arcCosine1(1)).toBe(1);
    expect(arcCosine0(-1)).toBe(0);
    expect(arcCosine1(-1)).toBe(0);
    expect(arcCosine1(0)).toBeCloseTo(1 / Math.PI, 15);
    for (const rho of [-0.9, -0.3, 0.1, 0.6, 0.95]) {
      const h = 1e-5;
      // truncation h²·|κ1'''|/6 ≤ 2e−10 (|κ0''| ≤ 10 for |ρ| ≤ 0.95) plus round-off ~ε/h ≈ 2e−11
      expect(Math.abs((arcCosine1(rho + h) - arcCosine1(rho - h)) / (2 * h) - arcCosine0(rho))).toBeLessThan(1e-9);
      expect(Math.abs(arcCosine0(rho) - (0.5 + Math.asin(rho) / Math.PI))).toBeLessThanOrEqual(TOL.roundoff);
    }
  });

  it('bad input → InvalidArgumentError', () => {
    expect(() => hermiteCoefficient(-1)).toThrow(InvalidArgumentError);
    expect(() => hermiteCoefficient(1.5)).toThrow(InvalidArgumentError);
    expect(() => arcCosine1Series(1.2, 10)).toThrow(InvalidArgumentError);
    expect(() => arcCosine0(1.01)).toThrow(InvalidArgumentError);
    expect(() => arcCosine1(NaN)).toThrow(NonFiniteError);
    expect(arcCosine1(1 + 1e-15)).toBe(1); // round-off past 1 is clamped
    expect(() => hermiteCoefficientQuadrature(2, { upper: -1 })).toThrow(InvalidArgumentError);
  });
});
