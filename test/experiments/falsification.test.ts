/**
 * Every criterion can fail: each claim's verdict function is fed a measured-looking table that
 * contradicts the claim (no convergence with width, exponential decay or growth, errors not
 * falling with n, no learning at O(1) inputs, weights that do not settle) and must say
 * "NOT supported"; one that agrees with the claim must say "supported"; and one at the edge of
 * the criterion (too narrow a range to decide) must say "undecided". The tables are built here
 * from closed forms, independent of the experiments.
 */
import { describe, expect, it } from 'vitest';
import { backwardDecayVerdict } from '../../src/experiments/backward-decay.js';
import { complexityGrowthVerdict } from '../../src/experiments/complexity-vs-length.js';
import { kernelConvergenceVerdict } from '../../src/experiments/kernel-convergence.js';
import { lazyTrainingVerdict } from '../../src/experiments/lazy-training.js';
import { learningCurveVerdict } from '../../src/experiments/learning-curve.js';
import { ntkConvergenceVerdict } from '../../src/experiments/ntk-convergence.js';
import type { Row } from '../../src/experiments/result.js';
import { unnormalizedInputsVerdict } from '../../src/experiments/unnormalized-inputs.js';

const widths = [64, 256, 1024, 4096];
/** rows m → metrics c·m^p (one exponent per metric). */
const sweep = (ms: number[], metrics: Record<string, [number, number]>): Row[] =>
  ms.map((m) => ({ m, seeds: 3, ...Object.fromEntries(Object.entries(metrics).map(([k, [c, p]]) => [k, c * m ** p])) }));

describe('kernel-convergence (claim 1)', () => {
  const rate = (p: number) => ({ forward: [2, p], backward: [1, p], crossStep: [0.5, p] }) as Record<string, [number, number]>;
  it('C/√m errors: supported', () => expect(kernelConvergenceVerdict(sweep(widths, rate(-0.5))).supported).toBe(true));
  it('errors flat in m (no convergence): NOT supported', () => expect(kernelConvergenceVerdict(sweep(widths, rate(0))).supported).toBe(false));
  it('one metric converging at 1/m instead: NOT supported', () => {
    expect(kernelConvergenceVerdict(sweep(widths, { ...rate(-0.5), crossStep: [1, -1] })).supported).toBe(false);
  });
  it('widths spanning less than a factor 4: undecided', () => expect(kernelConvergenceVerdict(sweep([64, 128, 255], rate(0))).supported).toBeNull());
});

describe('ntk-convergence (claim 2)', () => {
  it('C/√m: supported; flat: NOT supported; narrow widths: undecided', () => {
    expect(ntkConvergenceVerdict(sweep(widths, { full: [3, -0.5], sameStep: [3, -0.5] })).supported).toBe(true);
    expect(ntkConvergenceVerdict(sweep(widths, { full: [0.3, -0.05], sameStep: [3, -0.5] })).supported).toBe(false);
    expect(ntkConvergenceVerdict(sweep([256, 512], { full: [3, -0.5], sameStep: [3, -0.5] })).supported).toBeNull();
  });
  it('the window edge: slope −0.3 passes, −0.29 fails', () => {
    expect(ntkConvergenceVerdict(sweep(widths, { full: [1, -0.3 - 1e-9], sameStep: [1, -0.5] })).supported).toBe(true);
    expect(ntkConvergenceVerdict(sweep(widths, { full: [1, -0.29], sameStep: [1, -0.5] })).supported).toBe(false);
  });
});

describe('backward-decay (claim 3)', () => {
  /** Both regimes' rows for length L with b_l(i≠j) = b(lag). */
  const decay = (L: number, paper: (lag: number) => number): Row[] =>
    ['unit-norm tokens', 'scaled tokens'].flatMap((regime) =>
      Array.from({ length: L }, (_, t) => {
        const l = t + 1;
        const b = regime === 'unit-norm tokens' ? paper(L - l) : 0.5 * 0.82 ** (L - l);
        return { regime, l, lag: L - l, bMean: b, bMin: b, rhoMean: 0.99, reference: 2 ** -(L - l) };
      }),
    );
  it('b_l held at 0.4–0.5 over L − l ≤ 63: supported', () => expect(backwardDecayVerdict(decay(64, (lag) => 0.5 - 0.1 * (lag / 63))).supported).toBe(true));
  it('b_l decaying like 0.5·0.8^(L−l): NOT supported', () => expect(backwardDecayVerdict(decay(64, (lag) => 0.5 * 0.8 ** lag)).supported).toBe(false));
  it('L = 6, where 1/L² ≤ 2^{−(L−1)}: undecided even for an exponential decay', () => {
    expect(backwardDecayVerdict(decay(6, (lag) => 0.5 * 0.5 ** lag)).supported).toBeNull();
  });
});

describe('complexity-vs-length (claim 4)', () => {
  const lengths = [2, 4, 8, 16, 32, 64];
  /** Rows of both judged families with the scale-free complexity g(L) (and a C(F*) far above it). */
  const table = (g: (L: number, family: number) => number, Ls = lengths): Row[] =>
    ['additive', 'twoVariable'].flatMap((family, f) =>
      Ls.map((L) => ({ family, L, n: 300, scaleFree: g(L, f), sqrtComplexity: g(L, f) / Math.sqrt(L), logTargetComplexity: 40 })),
    );
  it('power laws L^0.7 and L^0.4 (with ±3 % wiggle): supported', () => {
    const v = complexityGrowthVerdict(table((L, f) => 50 * L ** (f === 0 ? 0.7 : 0.4) * (1 + 0.03 * Math.sin(L))));
    expect(v.supported).toBe(true);
    expect(v.figures.additiveDeltaAic).toBeGreaterThanOrEqual(2);
  });
  it('exponential growth e^{0.08 L} in one family: NOT supported (ΔAIC ≤ −2)', () => {
    const v = complexityGrowthVerdict(table((L, f) => (f === 0 ? 50 * L ** 0.7 : 10 * Math.exp(0.08 * L))));
    expect(v.supported).toBe(false);
    expect(v.figures.twoVariableDeltaAic).toBeLessThanOrEqual(-2);
  });
  it('a flat curve (no growth) is NOT supported: the criterion requires growth', () => {
    expect(complexityGrowthVerdict(table((L) => 30 + 0.01 * L)).supported).toBe(false);
  });
  it('a curve above C(F*): NOT supported', () => {
    const rows = table((L) => 50 * L ** 0.7).map((r) => ({ ...r, logTargetComplexity: 1 }));
    expect(complexityGrowthVerdict(rows).supported).toBe(false);
  });
  it('lengths 2..8 (span 4): undecided, however clearly the points grow', () => {
    expect(complexityGrowthVerdict(table((L) => 50 * L ** 0.7, [2, 4, 8])).supported).toBeNull();
  });
  it('a power law and an exponential that fit equally (|ΔAIC| < 2): undecided', () => {
    // a mixture chosen so both fits leave similar residuals
    const v = complexityGrowthVerdict(table((L) => 20 * L ** 0.35 * Math.exp(0.02 * L)));
    expect(Math.abs(v.figures.additiveDeltaAic)).toBeLessThan(2);
    expect(v.supported).toBeNull();
  });
});

describe('learning-curve (claim 5)', () => {
  const sizes = [500, 1000, 2000, 4000, 8000];
  const table = (sgd: (n: number) => number, ntk: (n: number) => number, ns = sizes): Row[] =>
    ns.map((n) => ({ n, heldOut: sgd(n), prequential: sgd(n) + 0.02, majority: 0.28, ...(n <= 4000 ? { ntkError: ntk(n), aroraTerm: 6 * (n / 500) ** -0.05 } : {}) }));
  it('errors falling like n^−0.3 to below the bar: supported', () => {
    expect(learningCurveVerdict(table((n) => 0.27 * (n / 500) ** -0.3, (n) => 0.1 * (n / 500) ** -0.1)).supported).toBe(true);
  });
  it('SGD stuck at the majority-class error: NOT supported', () => {
    expect(learningCurveVerdict(table(() => 0.28, (n) => 0.1 * (n / 500) ** -0.1)).supported).toBe(false);
  });
  it('SGD falling but the NTK predictor rising: NOT supported', () => {
    expect(learningCurveVerdict(table((n) => 0.27 * (n / 500) ** -0.3, (n) => 0.1 * (n / 500) ** 0.1)).supported).toBe(false);
  });
  it('sizes spanning less than a factor 4: undecided', () => {
    expect(learningCurveVerdict(table((n) => 0.27 * (n / 500) ** -0.3, () => 0.1, [500, 1000, 1999])).supported).toBeNull();
  });
});

describe('unnormalized-inputs (claim 6)', () => {
  const row = (scale: number, heldOut: number, ntkError?: number): Row => ({ scale, Cmin: 0.5 * scale, Cmax: 2 * scale, heldOut, majority: 0.28, ...(ntkError === undefined ? {} : { ntkError }) });
  it('learned at every O(1) scale: supported; the ε-small contrast is not judged', () => {
    expect(unnormalizedInputsVerdict([row(0.05, 0.28), row(1, 0.15, 0.08), row(4, 0.16, 0.09)]).supported).toBe(true);
  });
  it('not learned at an O(1) scale (error at the majority level): NOT supported', () => {
    expect(unnormalizedInputsVerdict([row(0.05, 0.1), row(1, 0.15, 0.08), row(4, 0.27, 0.09)]).supported).toBe(false);
  });
  it('only ε-small scales: undecided', () => expect(unnormalizedInputsVerdict([row(0.05, 0.1, 0.1)]).supported).toBeNull());
});

describe('lazy-training (claim 7)', () => {
  const ms = [128, 256, 512, 1024];
  const table = (move: number, gap: number, m = ms): Row[] =>
    sweep(m, { movement: [2, move], relativeMovement: [0.7, move], relativeFrobenius: [2, move - 0.5], linearisationGap: [5, gap] });
  it('movement m^−1/2 and a shrinking linearisation gap: supported', () => expect(lazyTrainingVerdict(table(-0.5, -0.5)).supported).toBe(true));
  it('width-independent movement (feature learning): NOT supported', () => expect(lazyTrainingVerdict(table(0, -0.5)).supported).toBe(false));
  it('outputs not approaching the linearised model: NOT supported', () => expect(lazyTrainingVerdict(table(-0.5, 0)).supported).toBe(false));
  it('widths spanning less than a factor 8: undecided', () => expect(lazyTrainingVerdict(table(0, 0, [128, 256, 512])).supported).toBeNull());
});
