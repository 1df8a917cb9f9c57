/**
 * Claim 5 (docs/experiments.md, Theorems 2–3): Algorithm 1 at width m learns an additive target: held-out
 * and prequential 0-1 error fall with the number n of examples, next to the NTK predictor
 * (kernel regression with H∞) and the bound's leading term. The task is the learning-curve preset (docs/experiments.md#the-learning-curve-task)
 * (L = 8, d = 4, ψ(z) = sin 2z + z²/2 − 1/4, norms in [0.5, 2], |F*| < 0.3 rejected).
 */
import { Rng } from '../random/rng.js';
import { learningCurvePreset } from '../theory/index.js';
import type { ExperimentDefinition, RunContext } from './definition.js';
import { mean } from './fit.js';
import { learningRunParams, majorityError, ntkRun, onePassSgd, slice, type LearningRunParams } from './learning-runs.js';
import { resolveParams, type ParamSpec } from './params.js';
import type { ExperimentResult, Row } from './result.js';

/** Parameters of the learning-curve experiment. */
export interface LearningCurveParams extends LearningRunParams {
  /** Training-set sizes n (one-pass SGD uses T = n steps). */
  readonly sizes: readonly number[];
  /** The NTK predictor and the complexity are computed for n ≤ ntkMaxN (O(n³) Cholesky). */
  readonly ntkMaxN: number;
}

const PARAMS: readonly ParamSpec[] = [
  { key: 'sizes', kind: 'int-list', min: 10, max: 100000, description: 'comma-separated training-set sizes n' },
  ...learningRunParams('n'),
  { key: 'ntkMaxN', kind: 'int', min: 0, max: 8000, description: 'largest n for the NTK predictor and the complexity' },
];

const CLAIM =
  'Algorithm 1 at width m learns an additive target: held-out and prequential 0-1 error fall with n, next to the NTK predictor and the bound\'s leading term.';

/** The verdict's bar: "learned" means at most this fraction of the majority-class error. */
export const LEARNED_FRACTION = 0.8;

function run(given: Partial<Record<string, unknown>>, ctx: RunContext): ExperimentResult {
  const started = performance.now();
  const p = resolveParams('learning-curve', PARAMS, DEFAULTS, given);
  const sizes = [...p.sizes].sort((a, b) => a - b);
  const nMax = sizes[sizes.length - 1];
  const preset = learningCurvePreset;
  const rng = new Rng(ctx.seed + 5, ctx.backend ?? 'auto');
  let drawn;
  try {
    drawn = preset.sample(rng, preset.target(rng), nMax + p.testSize);
  } finally {
    rng.dispose();
  }
  const pool = slice(drawn.data, 0, nMax);
  const test = slice(drawn.data, nMax, nMax + p.testSize);
  const baseline = majorityError(test.y);
  const rows: Row[] = [];
  const total = sizes.length * p.seeds;
  sizes.forEach((n, k) => {
    const runs = Array.from({ length: p.seeds }, (_, s) => {
      ctx.onProgress?.(k * p.seeds + s, total, `n = ${n}, seed ${s + 1}/${p.seeds}`);
      return onePassSgd(pool, n, test, { m: p.m, eta0: p.eta0, seed: ctx.seed * 1019 + s + 1, backend: ctx.backend });
    });
    const row: Row = { n, heldOut: mean(runs.map((r) => r.heldOut)), prequential: mean(runs.map((r) => r.prequential)), majority: baseline };
    if (n <= p.ntkMaxN) {
      const ntk = ntkRun(slice(pool, 0, n), test, drawn.marginAchieved, ctx.backend);
      Object.assign(row, { ntkError: ntk.error, complexity: ntk.complexity, boundProxy: ntk.bound, aroraTerm: ntk.arora });
    }
    rows.push(row);
  });
  ctx.onProgress?.(total, total, 'done');

  const first = rows[0];
  const last = rows[rows.length - 1];
  const ntkRows = rows.filter((r) => r.ntkError !== undefined);
  const ntkLast = ntkRows[ntkRows.length - 1];
  const bar = LEARNED_FRACTION * baseline;
  const sgdLearned = Number(last.heldOut) <= bar && Number(last.heldOut) < Number(first.heldOut);
  const ntkLearned = ntkLast === undefined || Number(ntkLast.ntkError) <= bar;
  const points = rows.flatMap((r) => [
    { x: Number(r.n), y: Number(r.heldOut), series: 'SGD held-out error' },
    { x: Number(r.n), y: Number(r.prequential), series: 'SGD prequential error' },
    { x: Number(r.n), y: baseline, series: 'majority-class error' },
  ]);
  for (const r of ntkRows) {
    points.push({ x: Number(r.n), y: Number(r.ntkError), series: 'NTK predictor error' });
    points.push({ x: Number(r.n), y: Number(r.aroraTerm), series: 'bound leading term √(2ỹᵀH⁻¹ỹ/n)' });
  }
  const vacuous = ntkRows.length > 0 && ntkRows.every((r) => Number(r.aroraTerm) > 1);
  return {
    name: 'learning-curve',
    title: 'Algorithm 1 learns the additive target',
    params: { ...p, seed: ctx.seed, L: preset.L, d: preset.d, psi: preset.psi.name, normRange: preset.normRange, rejectionRate: drawn.rejectionRate, margin: drawn.marginAchieved },
    tables: { errors: rows },
    plots: [
      {
        id: 'errors',
        title: `0-1 error vs n (L = ${preset.L}, m = ${p.m}, one pass, ${p.seeds} network${p.seeds === 1 ? "" : "s"} per n)`,
        x: { label: 'training examples n (SGD steps)', log: true },
        y: { label: '0-1 error', log: true },
        points,
        references: ['majority-class error', 'bound leading term √(2ỹᵀH⁻¹ỹ/n)'],
        caption:
          `Held-out error ${rows.map((r) => Number(r.heldOut).toFixed(3)).join(' → ')}; NTK predictor ${ntkRows.map((r) => Number(r.ntkError).toFixed(3)).join(' → ') || 'not run'}; ` +
          `majority-class error ${baseline.toFixed(3)}.`,
      },
    ],
    verdict: {
      claim: CLAIM,
      measured:
        `n = ${sizes.join(', ')} (m = ${p.m}, η₀ = ${p.eta0}, ${p.seeds} network${p.seeds === 1 ? "" : "s"} per n): SGD held-out error ${rows.map((r) => Number(r.heldOut).toFixed(3)).join(' → ')}, ` +
        `prequential ${rows.map((r) => Number(r.prequential).toFixed(3)).join(' → ')}; NTK predictor ${ntkRows.map((r) => Number(r.ntkError).toFixed(3)).join(' → ') || '—'}; ` +
        `majority-class error ${baseline.toFixed(3)}; bound leading term ${ntkRows.map((r) => Number(r.aroraTerm).toFixed(2)).join(' → ') || '—'}.`,
      predicted:
        'error falls with n toward 0 (Theorems 2–3, rate Õ(√(ỹᵀH⁻¹ỹ/n))); the NTK predictor is the infinite-width limit. ' +
        'docs/experiments.md#what-to-expect-at-small-sizes planning figures (numpy reference): one-pass SGD reaches 0.10–0.17 held-out error within about 5,000 steps, the NTK predictor 0.06–0.07.',
      criterion:
        `supported if SGD's held-out error at the largest n is ≤ ${LEARNED_FRACTION} × the majority-class error (${bar.toFixed(3)}) and below its value at the smallest n, ` +
        `and (when it ran: n ≤ ntkMaxN) the NTK predictor's error at its largest n is ≤ ${bar.toFixed(3)}.`,
      supported: sgdLearned && ntkLearned,
      notes: [
        ntkRows.length === 0
          ? `the NTK predictor and the bound were not computed (every n exceeds ntkMaxN = ${p.ntkMaxN}): the verdict rests on SGD alone.`
          : vacuous
            ? 'the bound\'s leading term √(2ỹᵀH⁻¹ỹ/n) exceeds 1 at every n run: the bound is vacuous at these sizes (docs/experiments.md#what-to-expect-at-small-sizes expects this), while the measured errors are far below it.'
            : 'the bound\'s leading term is below 1 for some n (a proxy with constants set to 1, not a certified bound).',
        'single runs are noisy (docs/experiments.md#what-to-expect-at-small-sizes): errors are averaged over seeds; one-pass SGD sees each example once, so its prequential error estimates Theorem 2\'s averaged error.',
      ],
    },
    seconds: (performance.now() - started) / 1000,
  };
}

const DEFAULTS: LearningCurveParams = { sizes: [500, 1000, 2000, 4000, 8000], m: 256, eta0: 2, seeds: 2, testSize: 1000, ntkMaxN: 2000 };

/** The learning-curve experiment (claim 5). */
export const learningCurve: ExperimentDefinition<LearningCurveParams> = {
  name: 'learning-curve',
  title: 'Algorithm 1 learns the additive target',
  claim: CLAIM,
  params: PARAMS,
  defaults: DEFAULTS,
  quick: { sizes: [50, 200], m: 32, eta0: 2, seeds: 1, testSize: 100, ntkMaxN: 200 },
  run,
};
