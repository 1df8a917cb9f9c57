/**
 * Claim 1 (docs/experiments.md, Theorems 5 and 6): at initialisation, the forward correlations
 * ⟨h_l(x_i), h_l(x_j)⟩ of a width-m network converge to the analytic k_l, the backward
 * correlations (1/m)⟨δ_l(x_i), δ_l(x_j)⟩ to b_l, with error ≈ C/√m; the cross-step backward
 * correlations (l ≠ l') go to 0.
 */
import { analyticNtk, backwardCorrelations, forwardCorrelations } from '../kernels/index.js';
import { createRnn, forwardWithCache, stepActivations } from '../rnn/index.js';
import { Rng } from '../random/rng.js';
import type { ExperimentDefinition, RunContext } from './definition.js';
import { gaussianTokens } from './inputs.js';
import { resolveParams } from './params.js';
import type { ExperimentResult } from './result.js';
import { convergencePlot, RATE_WINDOW, rateRows, rateVerdict, SPAN_CRITERION, relativeMaxError, widthSweep, WIDTH_SWEEP_QUICK, WIDTH_SWEEP_SIZES, widthSweepParams, type WidthSweepParams } from './width-sweep.js';

/** Parameters of the kernel-convergence experiment: those of every width sweep. */
export type KernelConvergenceParams = WidthSweepParams;

const PARAMS = widthSweepParams(64);

const CLAIM =
  'Forward and backward correlations of a width-m network converge to k_l and b_l (Theorems 5, 6), error ≈ C/√m; cross-step backward correlations → 0.';

const LABELS = { forward: 'forward ⟨h_l, h_l⟩ vs k_l', backward: 'backward (1/m)⟨δ_l, δ_l⟩ vs b_l', crossStep: 'cross-step (1/m)⟨δ_l, δ_l′⟩, l ≠ l′' };

function run(given: Partial<Record<string, unknown>>, ctx: RunContext): ExperimentResult {
  const started = performance.now();
  const p = resolveParams('kernel-convergence', PARAMS, DEFAULTS, given);
  const { L, d, n } = p;
  const rng = new Rng(ctx.seed, ctx.backend ?? 'auto');
  const x = gaussianTokens(rng, n, L, d, p.inputScale);
  rng.dispose();
  const steps = Array.from({ length: L }, (_, t) => t + 1);
  const limit = analyticNtk(x, { parts: { k: steps, b: steps }, backend: ctx.backend });
  const bScale = Math.max(...[...limit.b.values()].map((b) => Math.max(...b.data)));
  const same = steps.map((l) => [l, l] as const);
  const cross = steps.flatMap((l) => steps.filter((q) => q !== l).map((q) => [l, q] as const));

  const sweep = widthSweep(
    p.widths,
    p.seeds,
    (m, s) => {
      const model = createRnn({ m, d, L, seed: ctx.seed * 1009 + s + 1, backend: ctx.backend });
      try {
        const hidden = { n, L, m, h: forwardWithCache(model, x).h };
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
    },
    ctx.onProgress,
  );

  const keys = Object.keys(sweep.fits) as Array<keyof typeof LABELS>;
  const slopes = keys.map((k) => `${k} ${sweep.fits[k].slope.toFixed(2)} (R² ${sweep.fits[k].r2.toFixed(2)})`);
  const last = sweep.rows[sweep.rows.length - 1];
  const plotLabels: Record<string, string> = {};
  for (const k of keys) plotLabels[k] = LABELS[k];
  return {
    name: 'kernel-convergence',
    title: 'Correlations converge to k_l and b_l',
    params: { ...p, seed: ctx.seed },
    tables: { errors: sweep.rows, rates: rateRows(sweep) },
    plots: [convergencePlot('errors', `Forward/backward correlations vs their limits (L = ${L}, n = ${n})`, p.widths, sweep, plotLabels)],
    verdict: {
      claim: CLAIM,
      measured:
        `m = ${p.widths.join(', ')} (${p.seeds} seeds each): fitted log-log slopes ${slopes.join('; ')}. ` +
        `At m = ${last.m}: forward error ${Number(last.forward).toFixed(3)}, backward ${Number(last.backward).toFixed(3)}` +
        (L > 1 ? `, cross-step ${Number(last.crossStep).toFixed(3)} (relative to max b_l).` : '.'),
      predicted: 'errors ≈ C/√m: log-log slope −0.5 for all three; cross-step correlations → 0 at the same rate.',
      criterion: `supported if every fitted slope lies in [${RATE_WINDOW.low}, ${RATE_WINDOW.high}] (−0.5 within the noise of a few seeds); ${SPAN_CRITERION}.`,
      supported: rateVerdict(p.widths, keys.map((k) => sweep.fits[k].slope)),
      notes: ['errors are relative maxima over all steps l and pairs (i, j), normalised by the largest entry of the limit.'],
    },
    seconds: (performance.now() - started) / 1000,
  };
}

const DEFAULTS: KernelConvergenceParams = { ...WIDTH_SWEEP_SIZES, seeds: 3 };

/** The kernel-convergence experiment (claim 1). */
export const kernelConvergence: ExperimentDefinition<KernelConvergenceParams> = {
  name: 'kernel-convergence',
  title: 'Correlations converge to k_l and b_l',
  claim: CLAIM,
  params: PARAMS,
  defaults: DEFAULTS,
  quick: WIDTH_SWEEP_QUICK,
  run,
};
