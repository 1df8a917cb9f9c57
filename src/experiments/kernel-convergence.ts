/**
 * Claim 1 (Theorems 5 and 6): at initialisation, the forward correlations
 * ⟨h_l(x_i), h_l(x_j)⟩ of a width-m network converge to the analytic k_l, the backward
 * correlations (1/m)⟨δ_l(x_i), δ_l(x_j)⟩ to b_l, with error ≈ C/√m; the cross-step backward
 * correlations (l ≠ l') go to 0. One unit = one network (width m, seed s).
 */
import type { SequenceBatch } from '../data/sequences.js';
import { analyticNtk, backwardCorrelations, forwardCorrelations } from '../kernels/index.js';
import { createRnn, forwardWithCache, stepActivations } from '../rnn/index.js';
import { Rng } from '../random/rng.js';
import { defineExperiment, type UnitContext } from './definition.js';
import { gaussianTokens } from './inputs.js';
import { resolveParams } from './params.js';
import type { Row, Verdict } from './result.js';
import {
  aggregateSweep, convergencePlot, RATE_COUNTER, RATE_WINDOW, rateRows, rateVerdict, relativeMaxError, SPAN_CRITERION, sweepFromTable,
  widthUnitLabel, widthUnits, WIDTH_SWEEP_QUICK, WIDTH_SWEEP_SIZES, widthSweepParams, type WidthSweepParams, type WidthUnit,
} from './width-sweep.js';

/** Parameters of the kernel-convergence experiment: those of every width sweep. */
export type KernelConvergenceParams = WidthSweepParams;

const PARAMS = widthSweepParams(64);

const CLAIM =
  'Forward and backward correlations of a width-m network converge to k_l and b_l (Theorems 5, 6), error ≈ C/√m; cross-step backward correlations → 0.';

const LABELS = { forward: 'forward ⟨h_l, h_l⟩ vs k_l', backward: 'backward (1/m)⟨δ_l, δ_l⟩ vs b_l', crossStep: 'cross-step (1/m)⟨δ_l, δ_l′⟩, l ≠ l′' };

/** The inputs of a run (the same in every unit: drawn from the run's seed). */
function inputs(p: KernelConvergenceParams, ctx: UnitContext): SequenceBatch {
  const rng = new Rng(ctx.seed, ctx.backend ?? 'auto');
  try {
    return gaussianTokens(rng, p.n, p.L, p.d, p.inputScale);
  } finally {
    rng.dispose();
  }
}

/** The errors of one network against the analytic limits. */
function measure(p: KernelConvergenceParams, u: WidthUnit, ctx: UnitContext): Record<string, number> {
  const { L, d, n } = p;
  const x = inputs(p, ctx);
  const steps = Array.from({ length: L }, (_, t) => t + 1);
  const limit = analyticNtk(x, { parts: { k: steps, b: steps }, backend: ctx.backend });
  const bScale = Math.max(...[...limit.b.values()].map((b) => Math.max(...b.data)));
  const same = steps.map((l) => [l, l] as const);
  const cross = steps.flatMap((l) => steps.filter((q) => q !== l).map((q) => [l, q] as const));
  const model = createRnn({ m: u.m, d, L, seed: ctx.seed * 1009 + u.s + 1, backend: ctx.backend });
  try {
    const hidden = { n, L, m: u.m, h: forwardWithCache(model, x).h };
    const acts = stepActivations(model, x);
    const errors: Record<string, number> = {
      forward: Math.max(...forwardCorrelations(hidden, steps, { backend: ctx.backend }).map((c) => relativeMaxError(c.matrix, limit.k.get(c.l)!))),
      backward: Math.max(...backwardCorrelations(acts, same, { backend: ctx.backend }).map((c) => relativeMaxError(c.matrix, limit.b.get(c.l)!))),
    };
    // with L = 1 there is no pair l ≠ l′: nothing to measure (and no rate to fit)
    if (cross.length > 0) {
      errors.crossStep = Math.max(...backwardCorrelations(acts, cross, { backend: ctx.backend }).map((c) => Math.max(...c.matrix.data.map(Math.abs)) / bScale));
    }
    return errors;
  } finally {
    model.dispose();
  }
}

/**
 * The verdict of claim 1 from its `errors` table (one row per width m with the seed-averaged
 * metrics forward, backward and, when L > 1, crossStep): every fitted log-log slope within
 * RATE_WINDOW; undecided over widths spanning less than a factor 4.
 */
export function kernelConvergenceVerdict(rows: readonly Row[]): Verdict {
  const keys = (Object.keys(LABELS) as Array<keyof typeof LABELS>).filter((k) => rows.every((r) => r[k] !== undefined));
  const sweep = sweepFromTable(rows, keys);
  const widths = rows.map((r) => Number(r.m));
  const slopes = keys.map((k) => `${k} ${sweep.fits[k].slope.toFixed(2)} (R² ${sweep.fits[k].r2.toFixed(2)})`);
  const last = rows[rows.length - 1];
  return {
    claim: CLAIM,
    measured:
      `m = ${widths.join(', ')}: fitted log-log slopes ${slopes.join('; ')}. ` +
      `At m = ${last.m}: forward error ${Number(last.forward).toFixed(3)}, backward ${Number(last.backward).toFixed(3)}` +
      (keys.includes('crossStep') ? `, cross-step ${Number(last.crossStep).toFixed(3)} (relative to max b_l).` : '.'),
    predicted: 'errors ≈ C/√m: log-log slope −0.5 for all three; cross-step correlations → 0 at the same rate.',
    criterion: `supported if every fitted slope lies in [${RATE_WINDOW.low}, ${RATE_WINDOW.high}] (−0.5 within the noise of a few seeds); ${SPAN_CRITERION}.`,
    counterCriterion: RATE_COUNTER + '.',
    figures: Object.fromEntries(keys.map((k) => [`${k}Slope`, sweep.fits[k].slope])),
    supported: rateVerdict(widths, keys.map((k) => sweep.fits[k].slope)),
    notes: ['errors are relative maxima over all steps l and pairs (i, j), normalised by the largest entry of the limit.'],
  };
}

const DEFAULTS: KernelConvergenceParams = { ...WIDTH_SWEEP_SIZES, seeds: 3 };

/** The kernel-convergence experiment (claim 1). */
export const kernelConvergence = defineExperiment<KernelConvergenceParams, WidthUnit, Record<string, number>>({
  name: 'kernel-convergence',
  title: 'Correlations converge to k_l and b_l',
  claim: CLAIM,
  params: PARAMS,
  defaults: DEFAULTS,
  quick: WIDTH_SWEEP_QUICK,
  resolve: (given) => resolveParams('kernel-convergence', PARAMS, DEFAULTS, given),
  units: (p) => widthUnits(p.widths, p.seeds),
  unitLabel: widthUnitLabel,
  runUnit: measure,
  assemble(p, results, ctx) {
    const sweep = aggregateSweep(p.widths, p.seeds, results);
    const plotLabels: Record<string, string> = {};
    for (const k of Object.keys(sweep.fits) as Array<keyof typeof LABELS>) plotLabels[k] = LABELS[k];
    return {
      name: 'kernel-convergence',
      title: 'Correlations converge to k_l and b_l',
      params: { ...p, seed: ctx.seed },
      tables: { errors: sweep.rows, rates: rateRows(sweep) },
      plots: [convergencePlot('errors', `Forward/backward correlations vs their limits (L = ${p.L}, n = ${p.n})`, p.widths, sweep, plotLabels)],
      verdict: kernelConvergenceVerdict(sweep.rows),
    };
  },
});
