// The portable exp and the logistic loss against Math (independent implementation, within
// stated ulps), their limits, and stability for huge |z|.
import { describe, expect, it } from 'vitest';
import { portableExp } from '../../src/numeric/portable-exp.js';
import { logisticLoss, logisticLossDerivative } from '../../src/rnn/loss.js';
import { Rng } from '../../src/random/rng.js';
import { TOL } from '../helpers.js';

describe('portableExp', () => {
  it('agrees with Math.exp to within 1 ulp-scale relative error across the range', () => {
    const rng = new Rng(3, 'ts');
    const xs = [...rng.uniform(4000)].map((u) => -740 + 1449 * u);
    xs.push(0, 1, -1, 1e-10, -1e-10, 0.5 * Math.LN2, -0.5 * Math.LN2, 700, -700, 709.7, -708);
    let worst = 0;
    for (const x of xs) {
      const e = Math.exp(x);
      if (e === 0 || e < 2.3e-308) continue; // subnormal results are checked below
      worst = Math.max(worst, Math.abs(portableExp(x) - e) / e);
    }
    expect(worst).toBeLessThanOrEqual(TOL.portableExp);
  });
  it('handles the edges: overflow, underflow, subnormal results, NaN, ±∞', () => {
    expect(portableExp(710)).toBe(Infinity);
    expect(portableExp(Infinity)).toBe(Infinity);
    expect(portableExp(-746)).toBe(0);
    expect(portableExp(-Infinity)).toBe(0);
    expect(Number.isNaN(portableExp(NaN))).toBe(true);
    expect(portableExp(0)).toBe(1);
    const sub = portableExp(-740); // 4.2e−322, subnormal
    expect(Math.abs(sub - Math.exp(-740))).toBeLessThanOrEqual(5e-324);
    expect(Math.abs(portableExp(709.78) / Math.exp(709.78) - 1)).toBeLessThanOrEqual(TOL.portableExp);
  });
});

describe('logistic loss ℓ(z) = log(1 + e^{−z})', () => {
  it('matches log1p(exp(−z)) where that is accurate, and ℓ(z) − ℓ(−z) = −z', () => {
    for (const z of [-30, -5, -1, -0.1, 0, 1e-8, 0.3, 2, 7, 30]) {
      expect(Math.abs(logisticLoss(z) - Math.log1p(Math.exp(-z)))).toBeLessThanOrEqual(TOL.roundoff * Math.max(1, Math.abs(z)));
      expect(Math.abs(logisticLoss(z) - logisticLoss(-z) + z)).toBeLessThanOrEqual(TOL.roundoff * Math.max(1, Math.abs(z)));
    }
    expect(logisticLoss(0)).toBeCloseTo(Math.LN2, 15);
  });
  it('is stable for huge |z|: ℓ(z) → e^{−z}, ℓ(−z) → z, never ∞ or NaN', () => {
    expect(logisticLoss(800)).toBe(0);
    expect(logisticLoss(40)).toBeCloseTo(Math.exp(-40), 30);
    expect(logisticLoss(-800)).toBe(800);
    expect(logisticLoss(-1e300)).toBe(1e300);
  });
  it("has ℓ'(z) = −1/(1 + e^z): central differences, limits −1 and −0", () => {
    for (const z of [-4, -1, 0, 0.5, 3]) {
      const h = 1e-5;
      const fd = (logisticLoss(z + h) - logisticLoss(z - h)) / (2 * h);
      // central-difference error: truncation h²·|ℓ'''|/6 ≤ 2e−12 (|ℓ'''| ≤ 0.1) plus round-off ~ε·ℓ/h ≤ 1e−10
      expect(Math.abs(logisticLossDerivative(z) - fd)).toBeLessThanOrEqual(1e-9);
    }
    expect(logisticLossDerivative(-800)).toBe(-1);
    expect(Object.is(logisticLossDerivative(800), -0)).toBe(true);
  });
});
