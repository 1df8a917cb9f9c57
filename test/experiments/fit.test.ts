import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NonFiniteError } from '../../src/errors.js';
import { fitExponential, fitLine, fitPowerLaw, mean, standardError } from '../../src/experiments/fit.js';
import { resolveParams, type ParamSpec } from '../../src/experiments/params.js';

describe('fits', () => {
  it('recover exact power laws and exponentials (R² = 1)', () => {
    const m = [64, 256, 1024, 4096];
    const p = fitPowerLaw(m, m.map((x) => 3 / Math.sqrt(x)));
    expect(p.slope).toBeCloseTo(-0.5, 12);
    expect(Math.exp(p.intercept)).toBeCloseTo(3, 12);
    expect(p.r2).toBeCloseTo(1, 12);
    const lag = [1, 2, 3, 4, 5];
    const e = fitExponential(lag, lag.map((k) => 0.7 * 0.82 ** k));
    expect(Math.exp(e.slope)).toBeCloseTo(0.82, 12);
  });

  it('matches the closed form of a 3-point least-squares line', () => {
    // points (0, 0), (1, 1), (2, 1): slope = Σ(u−ū)(v−v̄)/Σ(u−ū)² = 1/2, intercept = 2/3 − 1/2 = 1/6
    const f = fitLine([0, 1, 2], [0, 1, 1]);
    expect(f.slope).toBeCloseTo(0.5, 15);
    expect(f.intercept).toBeCloseTo(1 / 6, 15);
    expect(f.r2).toBeCloseTo(0.75, 15); // (Σuv)² / (Σuu Σvv) = 1 / (2 · 2/3)
  });

  it('reject degenerate input with typed errors', () => {
    expect(() => fitLine([1], [2])).toThrow(InvalidArgumentError);
    expect(() => fitLine([1, 1], [2, 3])).toThrow(/distinct abscissae/);
    expect(() => fitPowerLaw([1, 2], [0, 1])).toThrow(/positive/);
    expect(() => fitLine([0, 1], [1, Number.NaN])).toThrow(NonFiniteError);
    expect(() => fitPowerLaw([1, Infinity], [1, 2])).toThrow(/x of a power-law fit must be finite/);
    expect(() => fitExponential([1, 2], [1, Infinity])).toThrow(NonFiniteError);
    expect(() => mean([])).toThrow(/empty list/);
  });

  it('mean and standard error', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(standardError([1, 2, 3, 6])).toBeCloseTo(Math.sqrt(14 / 3 / 4), 14);
    expect(standardError([5])).toBe(0);
  });
});

describe('experiment parameters', () => {
  const specs: ParamSpec[] = [
    { key: 'L', kind: 'int', min: 1, max: 64, description: 'length' },
    { key: 'widths', kind: 'int-list', min: 2, minDistinct: 2, description: 'widths' },
    { key: 'scale', kind: 'number', min: 0, exclusiveMin: true, description: 'scale' },
  ];
  const defaults = { L: 4, widths: [8, 16], scale: 1 };

  it('merge given values over defaults', () => {
    expect(resolveParams('demo', specs, defaults, { L: 7 })).toEqual({ L: 7, widths: [8, 16], scale: 1 });
  });

  it.each([
    [{ L: 0 }, /parameter L must be >= 1 and <= 64, got 0/],
    [{ L: 2.5 }, /parameter L must be an integer/],
    [{ widths: [] }, /non-empty list/],
    [{ widths: [8, 1] }, /widths\[1\] must be >= 2/],
    [{ widths: [8, 8] }, /widths needs at least 2 distinct values \(widths\), got 8, 8/],
    [{ scale: 0 }, /scale must be > 0/],
    [{ scale: Number.NaN }, /finite number/],
    [{ depth: 3 }, /has no parameter 'depth'; its parameters are L, widths, scale/],
  ])('reject %j', (given, message) => {
    expect(() => resolveParams('demo', specs, defaults, given)).toThrow(InvalidArgumentError);
    expect(() => resolveParams('demo', specs, defaults, given)).toThrow(message);
  });
});
