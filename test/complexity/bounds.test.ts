import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { boundProxies } from '../../src/theory/bounds.js';
import { TOL } from '../helpers.js';

describe('bound proxies (docs/theory.md#bound-proxies)', () => {
  // complexity 50 on n = 200, δ = e^{-2}: c/n = 1/4 and log(1/δ)/n = 1/100, exact in decimal
  const c = 50;
  const n = 200;
  const delta = Math.exp(-2);

  it('with roots (default): √(c/n) + √(log(1/δ)/n), next to the raw value, labelled a proxy', () => {
    const b = boundProxies(c, n, { delta });
    expect(b.form).toBe('with-roots');
    expect(b.complexity).toBe(c);
    expect(b.complexityTerm).toBeCloseTo(0.5, 15);
    expect(Math.abs(b.confidenceTerm - 0.1)).toBeLessThanOrEqual(TOL.roundoff);
    expect(Math.abs(b.bound - 0.6)).toBeLessThanOrEqual(TOL.roundoff);
    expect(b.note).toMatch(/proxy/);
    expect(b.note).toMatch(/constants/);
  });

  it('without roots: c/n + log(1/δ)/n', () => {
    const b = boundProxies(c, n, { delta, form: 'without-roots' });
    expect(b.complexityTerm).toBe(0.25);
    expect(Math.abs(b.confidenceTerm - 0.01)).toBeLessThanOrEqual(TOL.roundoff);
    expect(Math.abs(b.bound - 0.26)).toBeLessThanOrEqual(TOL.roundoff);
  });

  it('Arora et al. leading term √(2c/n) in both forms', () => {
    for (const form of ['with-roots', 'without-roots'] as const) {
      expect(Math.abs(boundProxies(c, n, { delta, form }).aroraLeadingTerm - Math.SQRT1_2)).toBeLessThanOrEqual(TOL.roundoff);
    }
  });

  it('the default δ is 0.05', () => {
    expect(boundProxies(c, n).delta).toBe(0.05);
  });

  it('bad input: typed errors', () => {
    expect(() => boundProxies(NaN, n)).toThrow(InvalidArgumentError);
    expect(() => boundProxies(-1, n)).toThrow(InvalidArgumentError);
    expect(() => boundProxies(c, 0)).toThrow(InvalidArgumentError);
    expect(() => boundProxies(c, 2.5)).toThrow(InvalidArgumentError);
    expect(() => boundProxies(c, n, { delta: 1 })).toThrow(InvalidArgumentError);
    expect(() => boundProxies(c, n, { delta: 0 })).toThrow(InvalidArgumentError);
    expect(() => boundProxies(c, n, { form: 'roots' as never })).toThrow(InvalidArgumentError);
  });
});
