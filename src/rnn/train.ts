/**
 * Algorithm 1 of the paper (docs/theory.md#algorithm-1): SGD on W only, η = η₀/m, T steps, each on an example
 * drawn uniformly with replacement from a data set or fresh from a sampler (optionally
 * mini-batches of B examples with averaged gradients). Deterministic given the generator:
 * by default the model's own (seeded by its config and saved with it), so a saved and
 * reloaded model continues the run bit for bit.
 *
 * Reports every k steps and at the end: the running loss (mean pre-update loss of the examples
 * since the previous report), the prequential 0-1 error (share of all examples so far that were
 * misclassified by W_{t−1} before their update — the unbiased (docs/theory.md#prequential-error) estimator of Theorem 2's
 * averaged error when examples are fresh draws) and, given a held-out set, its loss and 0-1 error.
 */
import { sequenceAt } from '../data/sequences.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import type { Rng } from '../random/rng.js';
import { assertFinite, assertInteger, assertPositive } from '../validate.js';
import { assertLabelledDataFits, evaluate, type Evaluation } from './evaluate.js';
import { assertSignLabels } from './inputs.js';
import { isStepDataset, type LabelledData } from './labelling.js';
import type { Rnn } from './model.js';
import { emptyTally } from './objective.js';
import { stepOnWorkspace } from './sgd.js';

/** One fresh example: x flat L×d; y a label ±1, or L labels ±1 for sequence labelling. */
export interface Example {
  /** The sequence, L×d values row-major. */
  readonly x: ArrayLike<number>;
  /** One label ±1 for f = f_L, or L labels ±1 (entry l − 1 for f_l) with `perStep`. */
  readonly y: number | ArrayLike<number>;
}

/** Draws a fresh example with the training generator. */
export type ExampleSampler = (rng: Rng) => Example;

/** Options of `train`. */
export interface TrainOptions {
  /** Number of SGD steps T (≥ 1). */
  readonly steps: number;
  /** η₀ of η = η₀/m (default 1). Ignored when `eta` is given. */
  readonly eta0?: number;
  /** The step size η itself. */
  readonly eta?: number;
  /** Mini-batch size B (default 1: Algorithm 1 exactly). */
  readonly batchSize?: number;
  /** Report every k steps (default ⌈T/10⌉); a report is always made at the end. */
  readonly reportEvery?: number;
  /** Held-out set scored at each report (never trained on). */
  readonly heldOut?: LabelledData;
  /** Called with each report as it is made. */
  readonly onProgress?: (report: TrainReport) => void;
  /** The generator that draws examples (default the model's own). */
  readonly rng?: Rng;
  /** A sampler returns L labels per example (sequence labelling); data sets say it themselves. */
  readonly perStep?: boolean;
}

/** Progress of a run. */
export interface TrainReport {
  /** Steps done in this run. */
  readonly step: number;
  /** Steps taken by the model over its whole life (including earlier runs). */
  readonly stepsTaken: number;
  /** Mean pre-update loss per example since the previous report. */
  readonly runningLoss: number;
  /** Share of labelled outputs misclassified before their update, over the whole run. */
  readonly prequentialError: number;
  /** Loss and 0-1 error on the held-out set, if one was given. */
  readonly heldOut?: Evaluation;
}

/** The reports of a run (the last one is `final`) and the step size used. */
export interface TrainResult {
  /** Every report in step order, the final one included. */
  readonly reports: TrainReport[];
  /** The report made at the last step. */
  readonly final: TrainReport;
  /** The step size η the run used. */
  readonly eta: number;
}

/** Writes one example's inputs (at heap offset xOffset) and labels (slot `slot`) for a step. */
type ExampleWriter = (slot: number, xOffset: number, labels: Float64Array) => void;

/** The example source as a writer for slot b of a mini-batch. */
function exampleWriter(model: Rnn, source: LabelledData | ExampleSampler, rng: Rng, perStep: boolean): ExampleWriter {
  const { L, d } = model;
  const perSequence = perStep ? L : 1;
  if (typeof source === 'function') {
    return (slot, xOffset, labels) => {
      const ex = source(rng);
      if (ex === null || typeof ex !== 'object' || ex.x === undefined || ex.x.length !== L * d) {
        throw new ShapeError(`the sampler must return {x, y} with x of L×d = ${L * d} values, got ${ex?.x?.length}`);
      }
      assertFinite('sampled x', ex.x);
      const ys = typeof ex.y === 'number' ? [ex.y] : ex.y;
      if (ys.length !== perSequence) {
        throw new ShapeError(`the sampler must return ${perStep ? `${L} labels per example` : 'one label y'}, got ${ys.length}`);
      }
      assertSignLabels('sampled y', ys);
      model.backend.heap.f64.set(ex.x, xOffset); // after the sampler, which may allocate
      for (let r = 0; r < perSequence; r++) labels[slot * perSequence + r] = ys[r];
    };
  }
  const n = source.x.n;
  return (slot, xOffset, labels) => {
    const i = rng.integers(1, n)[0];
    model.backend.heap.f64.set(sequenceAt(source.x, i), xOffset);
    for (let r = 0; r < perSequence; r++) labels[slot * perSequence + r] = source.y[i * perSequence + r];
  };
}

/**
 * Trains W by Algorithm 1 on `source`: a Dataset / StepDataset (sampled with replacement) or
 * a sampler `(rng) => {x, y}` of fresh examples (set `perStep: true` if it returns L labels).
 *
 * Algorithm 1 (docs/theory.md#algorithm-1): for t = 1..T draw (x_t, y_t) and update
 *
 *     W ← W − η ℓ'(y_t f(W, x_t)) y_t ∇_W f(W, x_t),   η = η₀/m,   ℓ(z) = log(1 + e^{−z})
 *
 * reporting the running loss, the prequential 0-1 error (docs/theory.md#prequential-error) and,
 * with `heldOut`, the held-out error.
 *
 * @example
 * ```ts
 * import { createRnn, dataset, train } from 'rnn-ntk';
 *
 * const data = dataset([[[1], [0.5]], [[-1], [0.2]], [[0.8], [-0.3]], [[-0.6], [-0.9]]], [1, -1, 1, -1]);
 * const model = createRnn({ m: 32, d: 1, L: 2, seed: 1 });
 * const run = train(model, data, { steps: 200, eta0: 2 });
 * console.log(run.final.runningLoss, run.final.prequentialError);
 * model.dispose();
 * ```
 */
export function train(
  model: Rnn,
  source: LabelledData | ExampleSampler,
  options: TrainOptions,
): TrainResult {
  model.assertAlive();
  if (options === null || typeof options !== 'object') throw new InvalidArgumentError('train needs options {steps, …}');
  if (typeof source !== 'function') assertLabelledDataFits(model, source);
  assertInteger('steps (T)', options.steps, 1);
  const batch = options.batchSize ?? 1;
  assertInteger('batchSize', batch, 1);
  const eta = options.eta ?? (options.eta0 ?? 1) / model.m;
  assertPositive(options.eta === undefined ? 'eta0' : 'eta', options.eta ?? options.eta0 ?? 1);
  const every = options.reportEvery ?? Math.max(1, Math.ceil(options.steps / 10));
  assertInteger('reportEvery', every, 1);
  const perStep = typeof source === 'function' ? options.perStep === true : isStepDataset(source);
  if (options.heldOut !== undefined) assertLabelledDataFits(model, options.heldOut);
  const rng = options.rng ?? model.rng;
  const write = exampleWriter(model, source, rng, perStep);
  const labels = new Float64Array(batch * (perStep ? model.L : 1));
  const window = emptyTally();
  const run = emptyTally();
  const reports: TrainReport[] = [];
  const report = (step: number) => {
    const r: TrainReport = {
      step,
      stepsTaken: model.stepsTaken,
      runningLoss: window.loss / (window.outputs / (perStep ? model.L : 1)),
      prequentialError: run.errors / run.outputs,
      ...(options.heldOut === undefined ? {} : { heldOut: evaluate(model, options.heldOut) }),
    };
    reports.push(r);
    options.onProgress?.(r);
    Object.assign(window, emptyTally());
  };
  const stride = model.L * model.d;
  for (let t = 1; t <= options.steps; t++) {
    const ws = model.workspace.ensure(batch); // re-fetched: a held-out evaluation may have regrown it
    for (let b = 0; b < batch; b++) write(b, ws.x + b * stride, labels);
    const step = emptyTally();
    stepOnWorkspace(model, ws, batch, labels, perStep, eta, step);
    for (const tally of [window, run]) {
      tally.loss += step.loss;
      tally.errors += step.errors;
      tally.outputs += step.outputs;
    }
    if (t % every === 0 && t !== options.steps) report(t);
  }
  report(options.steps);
  return { reports, final: reports[reports.length - 1], eta };
}
