/**
 * The experiments at small sizes: their tables obey the docs/theory.md properties (independent of the
 * experiment code), and each verdict is the stated criterion applied to the table.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { EXPERIMENTS } from '../../src/experiments/registry.js';
import type { Row } from '../../src/experiments/result.js';

describe('backward-decay', () => {
  const r = EXPERIMENTS['backward-decay']!.run({ L: 20, d: 3, n: 4 }, { seed: 3 });
  const rows = r.tables.decay;

  it('tabulates off-diagonal b_l within (0, 1/2], non-increasing in L − l (docs/theory.md#backward-kernel: b_l = b_{l+1}·κ0(ρ_l), κ0 ≤ 1)', () => {
    expect(rows).toHaveLength(2 * 20);
    for (const regime of ['unit-norm tokens', 'scaled tokens']) {
      const byLag = rows.filter((q) => q.regime === regime).sort((a, b) => Number(a.lag) - Number(b.lag));
      expect(byLag.map((q) => q.lag)).toEqual(Array.from({ length: 20 }, (_, k) => k));
      for (const q of byLag) {
        expect(Number(q.bMin)).toBeGreaterThan(0);
        expect(Number(q.bMean)).toBeLessThanOrEqual(0.5);
        expect(Number(q.bMin)).toBeLessThanOrEqual(Number(q.bMean));
        expect(Number(q.reference)).toBe(2 ** -Number(q.lag));
      }
      for (let k = 1; k < byLag.length; k++) expect(Number(byLag[k].bMean)).toBeLessThanOrEqual(Number(byLag[k - 1].bMean) * (1 + 1e-12));
    }
  });

  it('judges by its criterion: min b_l over the unit-norm regime ≥ 1/L²', () => {
    const min = Math.min(...rows.filter((q) => q.regime === 'unit-norm tokens').map((q) => Number(q.bMin)));
    expect(r.verdict.supported).toBe(min >= 1 / 400);
    expect(r.verdict.supported).toBe(true);
    expect(r.plots[0].x.log && r.plots[0].y.log).toBe(true);
  });

  it('is undecided when L is too short for 1/L² to exceed 2^{−(L−1)} (an exponential decay would pass the floor)', () => {
    // L = 6: 1/36 ≈ 0.028 ≤ 2^−5 ≈ 0.031; L = 7: 1/49 ≈ 0.020 > 2^−6 ≈ 0.016
    expect(EXPERIMENTS['backward-decay']!.run({ L: 6, d: 2, n: 3 }, { seed: 3 }).verdict.supported).toBeNull();
    const seven = EXPERIMENTS['backward-decay']!.run({ L: 7, d: 2, n: 3 }, { seed: 3 });
    const min = Math.min(...seven.tables.decay.filter((q) => q.regime === 'unit-norm tokens').map((q) => Number(q.bMin)));
    expect(seven.verdict.supported).toBe(min >= 1 / 49);
  });
});

describe('kernel-convergence', () => {
  it('errors shrink with m and the verdict applies the slope window to the fitted rates', () => {
    const r = EXPERIMENTS['kernel-convergence']!.run({ L: 3, d: 2, n: 3, widths: [64, 512, 4096], seeds: 3 }, { seed: 2 });
    const rows = r.tables.errors;
    expect(rows.map((q) => q.m)).toEqual([64, 512, 4096]);
    // 64× the width: C/√m predicts 8× smaller errors; require at least 3×
    for (const key of ['forward', 'backward', 'crossStep']) expect(Number(rows[2][key]) * 3).toBeLessThan(Number(rows[0][key]));
    const rates = r.tables.rates;
    expect(rates.map((q) => q.metric)).toEqual(['forward', 'backward', 'crossStep']);
    // the slope of log error on log m, recomputed from the table by hand for the forward metric
    const slope = olsSlope(rows.map((q) => Math.log(Number(q.m))), rows.map((q) => Math.log(Number(q.forward))));
    expect(Number(rates[0].slope)).toBeCloseTo(slope, 12);
    expect(r.verdict.supported).toBe(rates.every((q) => Number(q.slope) >= -0.8 && Number(q.slope) <= -0.3));
  });

  it('runs at L = 1, where there is no cross-step pair to measure', () => {
    const r = EXPERIMENTS['kernel-convergence']!.run({ L: 1, d: 2, n: 3, widths: [32, 128], seeds: 1 }, { seed: 2 });
    expect(r.tables.rates.map((q) => q.metric)).toEqual(['forward', 'backward']);
    expect(r.tables.errors.every((q) => q.crossStep === undefined)).toBe(true);
  });

  it.each(['kernel-convergence', 'ntk-convergence'] as const)('%s is undecided across widths spanning less than a factor 4', (name) => {
    // m = 64 → 128: C/√m changes the error by only 1/√2, within the noise of one seed
    const r = EXPERIMENTS[name]!.run({ L: 2, d: 2, n: 3, widths: [64, 128], seeds: 1 }, { seed: 2 });
    expect(r.verdict.supported).toBeNull();
    expect(r.verdict.criterion).toMatch(/undecided when the widths span less than a factor 4/);
  });

  it.each([
    ['kernel-convergence', { widths: [64] }, /widths needs at least 2 distinct values/],
    ['ntk-convergence', { widths: [64, 64] }, /widths needs at least 2 distinct values/],
    ['complexity-vs-length', { lengths: [8, 8] }, /lengths needs at least 2 distinct values/],
  ] as const)('%s rejects %j: a rate needs two distinct abscissae', (name, given, message) => {
    expect(() => EXPERIMENTS[name]!.run(given, { seed: 1 })).toThrow(InvalidArgumentError);
    expect(() => EXPERIMENTS[name]!.run(given, { seed: 1 })).toThrow(message);
  });
});

describe('learning-curve', () => {
  it('judges the fitted rate and the last error against the bar, and states the bound as vacuous when it exceeds 1', () => {
    const r = EXPERIMENTS['learning-curve']!.run({ sizes: [100, 400], m: 32, seeds: 1, testSize: 200, ntkMaxN: 400 }, { seed: 4 });
    const rows = r.tables.errors;
    const bar = 0.8 * Number(rows[0].majority);
    const slope = olsSlope(rows.map((q) => Math.log(Number(q.n))), rows.map((q) => Math.log(Number(q.heldOut))));
    const ntkSlope = olsSlope(rows.map((q) => Math.log(Number(q.n))), rows.map((q) => Math.log(Number(q.ntkError))));
    const expected = slope <= -0.1 && Number(rows[1].heldOut) <= bar && ntkSlope <= 0 && Number(rows[1].ntkError) <= bar;
    expect(r.verdict.supported).toBe(expected);
    expect(r.verdict.figures.sgdSlope).toBeCloseTo(slope, 12);
    const vacuous = rows.every((q) => Number(q.aroraTerm) > 1);
    expect(r.verdict.notes[0]).toMatch(vacuous ? /vacuous/ : /below 1/);
    // the Arora et al. term is √(2·complexity/n) of the same row
    for (const q of rows) expect(Number(q.aroraTerm)).toBeCloseTo(Math.sqrt((2 * Number(q.complexity)) / Number(q.n)), 12);
  });

  it('says so when the NTK predictor was not run, and judges SGD alone', () => {
    const r = EXPERIMENTS['learning-curve']!.run({ sizes: [60, 240], m: 16, seeds: 1, testSize: 100, ntkMaxN: 0 }, { seed: 4 });
    const rows = r.tables.errors;
    expect(rows.every((q) => q.ntkError === undefined)).toBe(true);
    expect(r.verdict.notes[0]).toMatch(/not computed .*SGD alone/);
    const bar = 0.8 * Number(rows[0].majority);
    const slope = olsSlope(rows.map((q) => Math.log(Number(q.n))), rows.map((q) => Math.log(Number(q.heldOut))));
    expect(r.verdict.supported).toBe(slope <= -0.1 && Number(rows[1].heldOut) <= bar);
  });
});

/** Least-squares slope of v on u, written out (Σ(u−ū)(v−v̄) / Σ(u−ū)²). */
function olsSlope(u: readonly number[], v: readonly number[]): number {
  const ub = u.reduce((a, b) => a + b, 0) / u.length;
  const vb = v.reduce((a, b) => a + b, 0) / v.length;
  return u.reduce((a, x, i) => a + (x - ub) * (v[i] - vb), 0) / u.reduce((a, x) => a + (x - ub) ** 2, 0);
}

describe('complexity-vs-length', () => {
  /** The criterion recomputed from one setting's rows: growth, OLS in log space, ΔAIC, C(F*) (lengths 2..64: decisive). */
  function recomputed(rows: readonly Row[], family: string): { deltaAic: number; outcome: boolean | null } {
    const f = rows.filter((q) => q.family === family);
    const u = f.map((q) => Number(q.L));
    const v = f.map((q) => Math.log(Number(q.scaleFree)));
    const rss = (x: number[]) => {
      const b = olsSlope(x, v);
      const a = v.reduce((s, t) => s + t, 0) / v.length - (b * x.reduce((s, t) => s + t, 0)) / x.length;
      return x.reduce((s, t, i) => s + (v[i] - a - b * t) ** 2, 0);
    };
    const deltaAic = u.length * Math.log((rss(u) + 1e-12) / (rss(u.map(Math.log)) + 1e-12));
    const exponent = olsSlope(u.map(Math.log), v);
    const below = f.every((q) => Math.log(Number(q.sqrtComplexity)) <= Number(q.logTargetComplexity));
    if (exponent < 0.2 || !below || deltaAic <= -2) return { deltaAic, outcome: false };
    return { deltaAic, outcome: deltaAic >= 2 ? true : null };
  }

  const r = EXPERIMENTS['complexity-vs-length']!.run({ lengths: [2, 4, 8, 16, 32, 64], n: 30, d: 2 }, { seed: 5 });
  const rows = r.tables.complexity;

  it('tabulates the scale-free complexity and judges power law against exponential by AIC, recomputed from the table', () => {
    expect(rows).toHaveLength(4 * 6); // two judged families, the contrast and its control
    for (const q of rows) {
      expect(Number(q.sqrtComplexity)).toBeCloseTo(Math.sqrt(Number(q.complexity)), 12);
      expect(Number(q.scaleFree)).toBeCloseTo(Math.sqrt(Number(q.complexity) * Number(q.meanDiagonal)), 9);
      // at the paper's vW = 2: H∞_ii = L/2 + (1/(2L³)) Σ_{k<L} (L−k)‖X_k‖² ≥ L/2 (docs/experiments.md)
      if (q.family !== 'firstStepSubcritical') expect(Number(q.meanDiagonal)).toBeGreaterThanOrEqual(Number(q.L) / 2);
    }
    const outcomes = ['additive', 'twoVariable'].map((family) => {
      const { deltaAic, outcome } = recomputed(rows, family);
      expect(r.verdict.figures[`${family}DeltaAic`]).toBeCloseTo(deltaAic, 9);
      return outcome;
    });
    const expected = outcomes.includes(false) ? false : outcomes.includes(null) ? null : true;
    expect(r.verdict.supported).toBe(expected);
  });

  it('the sub-critical contrast (vW = 1.5) is NOT supported by the same criterion, its vW = 2 control is', () => {
    // theory: with vW < 2 the backward factor shrinks like (vW/2)^{L−l}, so a target only step 1 explains needs an exponential complexity
    const [control, contrast] = r.verdict.contrasts!;
    expect([control.key, control.expected, contrast.key, contrast.expected]).toEqual(['firstStepPaper', true, 'firstStepSubcritical', false]);
    for (const c of [control, contrast]) {
      const { deltaAic, outcome } = recomputed(rows, c.key);
      expect(c.figures[`${c.key}DeltaAic`]).toBeCloseTo(deltaAic, 9);
      expect(c.supported).toBe(outcome);
    }
    expect(contrast.supported).toBe(false);
    expect(contrast.figures.firstStepSubcriticalDeltaAic).toBeLessThanOrEqual(-2); // the exponential wins, not merely "no growth"
    expect(control.supported).toBe(true);
    // vW alone differs from the control; the diagonal H∞_ii = Σ_l b_l·k_{l−1} has b_l(i,i) ≤ 0.75^{L−l} and
    // k_l(i,i) = 0.75·k_{l−1}(i,i) + (1/L³)‖X_l‖² ≤ 0.75^l + 16/L³ (k_0 = 1, ‖X_l‖ ≤ 2), so H∞_ii ≤ L·0.75^{L−1} + 64/L³,
    // below a hundredth of the control's L/2 from L = 32 on
    for (const L of [32, 64]) {
      const at = (family: string) => Number(rows.find((q) => q.family === family && q.L === L)!.meanDiagonal);
      expect(at('firstStepSubcritical')).toBeLessThan(at('firstStepPaper') / 100);
    }
    // numerically sound: no jitter, pivots far above n·ε
    for (const q of rows) expect([q.jitter, Number(q.smallestPivotRatio) > 1e-10]).toEqual([0, true]);
  });
});

describe('lazy-training', () => {
  it('pools the linearisation gap over the networks of a width and judges the fitted slopes, recomputed from the table', () => {
    const r = EXPERIMENTS['lazy-training']!.run({ widths: [16, 64, 256], seeds: 3, steps: 20, eta0: 1, testSize: 20 }, { seed: 2 });
    const rows = r.tables.movement;
    // Σ_s ‖f_T − f_lin‖ / Σ_s ‖f_T − f₀‖ = mean ‖f_T − f_lin‖ / mean ‖f_T − f₀‖ over the width's networks
    for (const q of rows) expect(Number(q.linearisationGap)).toBeCloseTo(Number(q.linearisationError) / Number(q.outputChange), 12);
    const logM = rows.map((q) => Math.log(Number(q.m)));
    const slope = (k: string) => olsSlope(logM, rows.map((q) => Math.log(Number(q[k]))));
    expect(r.verdict.figures.gapSlope).toBeCloseTo(slope('linearisationGap'), 9);
    expect(r.verdict.figures.movementSlope).toBeCloseTo(slope('movement'), 9);
    // widths 16..256 span a factor 16: decisive
    expect(r.verdict.supported).toBe(slope('movement') >= -0.8 && slope('movement') <= -0.3 && slope('linearisationGap') <= -0.3);
  });
});

describe('unnormalized-inputs', () => {
  const quick = { n: 100, ntkN: 50, m: 16, seeds: 1, testSize: 60 };

  it('judges only the scales with ‖X_l‖ ≥ 0.5, SGD and NTK against 0.8 × the majority error', () => {
    const r = EXPERIMENTS['unnormalized-inputs']!.run({ ...quick, scales: [1, 0.05] }, { seed: 6 });
    const rows = r.tables.errors;
    expect(rows.map((q) => q.scale)).toEqual([0.05, 1]); // sorted
    for (const q of rows) expect([q.Cmin, q.Cmax]).toEqual([0.5 * Number(q.scale), 2 * Number(q.scale)]);
    const judged = rows.filter((q) => Number(q.Cmin) >= 0.5);
    expect(judged).toHaveLength(1);
    const bar = 0.8 * Number(judged[0].majority);
    expect(r.verdict.supported).toBe(Number(judged[0].heldOut) <= bar && Number(judged[0].ntkError) <= bar);
  });

  it('is undecided when no scale has ‖X_l‖ ≥ 0.5', () => {
    expect(EXPERIMENTS['unnormalized-inputs']!.run({ ...quick, scales: [0.05] }, { seed: 6 }).verdict.supported).toBeNull();
  });
});
