/**
 * Claim 7, the lazy (kernel) regime Theorem 3 rests on (Cao & Gu: W stays in a ball around W₀
 * whose radius shrinks with m): after T steps of Algorithm 1 on networks of widths m spanning
 * at least a factor 8,
 * - the movement ‖W_T − W₀‖_F falls like m^{−1/2}. Relative to the operator norm ‖W₀‖₂ ≈ 2√v_W
 *   (O(1) at every width) that is the relative movement m^{−1/2}; relative to ‖W₀‖_F = √(v_W·m)·(1 + o(1))
 *   it falls like m^{−1} (both are tabulated);
 * - the trained network's outputs approach the linearised model's,
 *   f_lin(x) = f₀(x) + ⟨∇_W f₀(x), W_T − W₀⟩ = f₀(x) + Σ_l δ_l(x)ᵀ (W_T − W₀) h_{l−1}(x)
 *   (eq. 22 for ∇_W f at W₀): the linearisation gap on held-out sequences, pooled over the
 *   networks of a width, Σ_s ‖f_T − f_lin‖ / Σ_s ‖f_T − f₀‖ (RMS over the test set), falls with m.
 *   Pooled, not a mean of per-network ratios: a network whose outputs barely move has a ratio
 *   with a near-zero denominator, and a few such networks decided the fitted slope.
 * One unit = one network (width m, seed s); every network sees the same T examples.
 */
import { matmul } from '../linalg/matmul.js';
import { matrix } from '../linalg/matrix.js';
import { matvec, matvecTransposed } from '../linalg/matvec.js';
import { Rng } from '../random/rng.js';
import { createRnn, forward, stepActivations, train } from '../rnn/index.js';
import { learningCurvePreset } from '../theory/index.js';
import { defineExperiment, type UnitContext } from './definition.js';
import { slice } from './learning-runs.js';
import { resolveParams, type ParamSpec } from './params.js';
import type { Row, Verdict } from './result.js';
import { aggregateSweep, RATE_WINDOW, sweepFromTable, widthUnitLabel, widthUnits, type WidthUnit } from './width-sweep.js';

/** Parameters of the lazy-training experiment. */
export interface LazyTrainingParams {
  [key: string]: number | readonly number[];
  /** Widths m compared (a verdict needs them to span a factor ≥ 8). */
  readonly widths: readonly number[];
  /** Networks per width (results are averaged). */
  readonly seeds: number;
  /** SGD steps T (one pass over T fresh examples). */
  readonly steps: number;
  /** η₀ of the step size η = η₀/m. */
  readonly eta0: number;
  /** Held-out sequences on which f_T and f_lin are compared. */
  readonly testSize: number;
}

const PARAMS: readonly ParamSpec[] = [
  { key: 'widths', kind: 'int-list', min: 2, max: 4096, minDistinct: 2, description: 'comma-separated widths m' },
  { key: 'seeds', kind: 'int', min: 1, max: 32, description: 'networks per width (results are averaged)' },
  { key: 'steps', kind: 'int', min: 1, max: 100000, description: 'SGD steps T' },
  { key: 'eta0', kind: 'number', min: 0, exclusiveMin: true, description: 'step size η₀ (η = η₀/m)' },
  { key: 'testSize', kind: 'int', min: 2, max: 10000, description: 'held-out sequences for f_T vs f_lin' },
];

const CLAIM =
  'Training stays in the lazy regime Theorem 3 relies on: ‖W_T − W₀‖_F falls like m^(−1/2) and the trained outputs approach the linearised model f₀ + ⟨∇_W f₀, W_T − W₀⟩ as m grows.';

/** A verdict needs widths spanning at least this factor. */
const MIN_SPAN = 8;

/** The largest log-log slope of the linearisation gap that counts as "approaches f_lin". */
export const MAX_GAP_SLOPE = -0.3;

/** The Frobenius norm of a flat array. */
function frobenius(a: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * a[k];
  return Math.sqrt(s);
}

/** ‖A‖₂ of an m×m matrix by 40 power iterations on AᵀA from the all-ones vector (a lower estimate, converging from below). */
function operatorNorm(a: ReturnType<typeof matrix>, backend: UnitContext['backend']): number {
  let v = new Float64Array(a.cols).fill(1 / Math.sqrt(a.cols));
  let sigma = 0;
  for (let it = 0; it < 40; it++) {
    const w = matvecTransposed(a, matvec(a, v, { backend }), { backend });
    const norm = frobenius(w);
    if (!(norm > 0)) return 0;
    sigma = Math.sqrt(norm);
    v = w.map((t) => t / norm);
  }
  return sigma;
}

/** Root mean square of a − b. */
function rmsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
  return Math.sqrt(s / a.length);
}

function runUnit(p: LazyTrainingParams, u: WidthUnit, ctx: UnitContext): Record<string, number> {
  const preset = learningCurvePreset;
  const rng = new Rng(ctx.seed + 9, ctx.backend ?? 'auto');
  let drawn;
  try {
    drawn = preset.sample(rng, preset.target(rng), p.steps + p.testSize);
  } finally {
    rng.dispose();
  }
  const pool = slice(drawn.data, 0, p.steps);
  const test = slice(drawn.data, p.steps, p.steps + p.testSize);
  const { L, d } = pool.x;
  const model = createRnn({ m: u.m, d, L, seed: ctx.seed * 1031 + u.s + 1, backend: ctx.backend });
  try {
    const w0 = model.weights();
    const f0 = forward(model, test.x);
    const acts = stepActivations(model, test.x);
    let next = 0;
    const size = L * d;
    train(model, () => {
      const k = next++;
      return { x: pool.x.data.subarray(k * size, (k + 1) * size), y: pool.y[k] };
    }, { steps: p.steps, eta0: p.eta0, reportEvery: p.steps });
    const fT = forward(model, test.x);
    const dW = model.weights();
    for (let k = 0; k < dW.data.length; k++) dW.data[k] -= w0.data[k];
    // row r = i·L + l − 1 of (ΔW h_{l−1})ᵀ, dotted with δ_l(x_i): ⟨∇_W f₀(x_i), ΔW⟩ summed over l
    const moved = matmul(matrix(test.x.n * L, u.m, acts.hPrev), dW, { transposeB: true, backend: ctx.backend });
    const fLin = new Float64Array(test.x.n);
    for (let i = 0; i < test.x.n; i++) {
      let s = f0[i];
      for (let l = 0; l < L; l++) {
        const r = (i * L + l) * u.m;
        for (let j = 0; j < u.m; j++) s += acts.delta[r + j] * moved.data[r + j];
      }
      fLin[i] = s;
    }
    const move = frobenius(dW.data);
    return {
      movement: move,
      relativeMovement: move / operatorNorm(w0, ctx.backend),
      relativeFrobenius: move / frobenius(w0.data),
      outputChange: rmsDiff(fT, f0),
      linearisationError: rmsDiff(fT, fLin),
    };
  } finally {
    model.dispose();
  }
}

/**
 * The per-width rows of a sweep with the pooled linearisation gap: the mean ‖f_T − f_lin‖ over the
 * mean ‖f_T − f₀‖ of the width's networks (= Σ_s ‖f_T − f_lin‖ / Σ_s ‖f_T − f₀‖).
 */
function withPooledGap(rows: readonly Row[]): Row[] {
  return rows.map((r) => ({ ...r, linearisationGap: Number(r.linearisationError) / Number(r.outputChange) }));
}

/**
 * The verdict of claim 7 from its `movement` table (one row per width m with the averaged
 * movement ‖W_T − W₀‖_F, relativeMovement, relativeFrobenius, and the pooled linearisationGap): supported if
 * the fitted log-log slope of ‖W_T − W₀‖_F lies in RATE_WINDOW (−1/2 within noise) and the
 * gap's slope is ≤ MAX_GAP_SLOPE; undecided over widths spanning less than a factor 8.
 */
export function lazyTrainingVerdict(rows: readonly Row[]): Verdict {
  const sweep = sweepFromTable(rows, ['movement', 'relativeMovement', 'relativeFrobenius', 'linearisationGap']);
  const widths = rows.map((r) => Number(r.m));
  const f = sweep.fits;
  const decisive = Math.max(...widths) >= MIN_SPAN * Math.min(...widths);
  const ok = f.movement.slope >= RATE_WINDOW.low && f.movement.slope <= RATE_WINDOW.high && f.linearisationGap.slope <= MAX_GAP_SLOPE;
  const series = (k: string) => sweep.means[k].map((v) => v.toPrecision(3)).join(' → ');
  return {
    claim: CLAIM,
    measured:
      `m = ${widths.join(', ')}: ‖W_T − W₀‖_F ${series('movement')} (slope ${f.movement.slope.toFixed(2)}); ` +
      `relative to ‖W₀‖₂ ${series('relativeMovement')} (slope ${f.relativeMovement.slope.toFixed(2)}), to ‖W₀‖_F slope ${f.relativeFrobenius.slope.toFixed(2)}; ` +
      `linearisation gap Σ‖f_T − f_lin‖/Σ‖f_T − f₀‖ ${series('linearisationGap')} (slope ${f.linearisationGap.slope.toFixed(2)}).`,
    predicted:
      '‖W_T − W₀‖_F = O(m^{−1/2}) with η = η₀/m (each step moves W by η‖∇_W f‖_F = O(η₀/√m)), so the relative movement against ‖W₀‖₂ = O(1) is m^{−1/2}; ' +
      'the network is close to its linearisation, the gap shrinking as m grows (Lee et al. 2019: O(m^{−1/2})).',
    criterion:
      `supported if the fitted log-log slope of ‖W_T − W₀‖_F against m lies in [${RATE_WINDOW.low}, ${RATE_WINDOW.high}] and that of the linearisation gap ` +
      `(pooled over the networks of a width: Σ‖f_T − f_lin‖/Σ‖f_T − f₀‖) is ≤ ${MAX_GAP_SLOPE}; ` +
      `undecided when the widths span less than a factor ${MIN_SPAN}.`,
    counterCriterion:
      `NOT supported if the movement does not shrink like m^{−1/2} (slope outside [${RATE_WINDOW.low}, ${RATE_WINDOW.high}], e.g. ≈ 0 for a width-independent feature-learning move) ` +
      `or the trained outputs do not approach f_lin (gap slope > ${MAX_GAP_SLOPE}).`,
    figures: { movementSlope: f.movement.slope, relativeFrobeniusSlope: f.relativeFrobenius.slope, gapSlope: f.linearisationGap.slope },
    supported: decisive ? ok : null,
    notes: [
      `relative to ‖W₀‖_F = √(v_W·m)·(1 + o(1)) the movement falls like m^{−1} (slope ${f.relativeFrobenius.slope.toFixed(2)}): W_T − W₀ has rank ≤ T·L, so its Frobenius and operator norms stay comparable while ‖W₀‖_F grows like √m.`,
      'the operator norm is estimated by 40 power iterations (from below).',
    ],
  };
}

const DEFAULTS: LazyTrainingParams = { widths: [128, 256, 512, 1024, 2048], seeds: 4, steps: 50, eta0: 0.25, testSize: 100 };

/** The lazy-training experiment (claim 7). */
export const lazyTraining = defineExperiment<LazyTrainingParams, WidthUnit, Record<string, number>>({
  name: 'lazy-training',
  title: 'Training stays in the lazy (kernel) regime',
  claim: CLAIM,
  params: PARAMS,
  defaults: DEFAULTS,
  quick: { widths: [16, 64, 256], seeds: 1, steps: 50, eta0: 2, testSize: 20 },
  resolve(given) {
    const p = resolveParams('lazy-training', PARAMS, DEFAULTS, given);
    return { ...p, widths: [...new Set(p.widths)].sort((a, b) => a - b) };
  },
  units: (p) => widthUnits(p.widths, p.seeds),
  unitLabel: widthUnitLabel,
  runUnit,
  assemble(p, results, ctx) {
    const rows = withPooledGap(aggregateSweep(p.widths, p.seeds, results).rows);
    const sweep = sweepFromTable(rows, ['movement', 'relativeMovement', 'relativeFrobenius', 'linearisationGap']);
    const verdict = lazyTrainingVerdict(rows);
    const labels: Record<string, string> = {
      movement: '‖W_T − W₀‖_F',
      relativeMovement: '‖W_T − W₀‖_F / ‖W₀‖₂',
      relativeFrobenius: '‖W_T − W₀‖_F / ‖W₀‖_F',
      linearisationGap: 'Σ‖f_T − f_lin‖ / Σ‖f_T − f₀‖',
    };
    const points = Object.entries(labels).flatMap(([k, label]) =>
      sweep.means[k].map((y, i) => ({ x: p.widths[i], y, series: `${label} (slope ${sweep.fits[k].slope.toFixed(2)})` })),
    );
    const c = sweep.means.movement[0] * Math.sqrt(p.widths[0]);
    for (const m of p.widths) points.push({ x: m, y: c / Math.sqrt(m), series: 'C/√m (slope −0.5)' });
    return {
      name: 'lazy-training',
      title: 'Training stays in the lazy (kernel) regime',
      params: { ...p, seed: ctx.seed, L: learningCurvePreset.L, d: learningCurvePreset.d },
      tables: { movement: rows },
      plots: [
        {
          id: 'movement',
          title: `Weight movement and linearisation gap vs width (T = ${p.steps} steps, η = ${p.eta0}/m)`,
          x: { label: 'width m', log: true },
          y: { label: 'value', log: true },
          points,
          references: ['C/√m (slope −0.5)'],
          caption: verdict.measured,
        },
      ],
      verdict,
    };
  },
});
