/**
 * Loss and 0-1 error of a network on a labelled set (docs/theory.md#training): the mean over sequences of
 * ℓ(y f(x)) (Σ_l ℓ(y_l f_l) for per-step labels, Remark 3.2), and the share of labelled outputs
 * misclassified by signLabel (y f < 0, or f = 0 with y = −1).
 */
import { ShapeError } from '../errors.js';
import { assertSequencesFit, assertSignLabels } from './inputs.js';
import { isStepDataset, type LabelledData } from './labelling.js';
import type { Rnn } from './model.js';
import { emptyTally, scoreOutputs } from './objective.js';
import { forwardInChunks } from './passes.js';

/** The result of `evaluate`. */
export interface Evaluation {
  /** Number of sequences. */
  readonly n: number;
  /** Mean per-sequence logistic loss. */
  readonly loss: number;
  /** Share of labelled outputs misclassified: sign label of f (signLabel: +1 at f = 0) ≠ y. */
  readonly error: number;
}

/** Validates a labelled set against the model: shapes, finiteness, labels ±1. */
export function assertLabelledDataFits(model: Rnn, data: LabelledData): void {
  if (data === null || typeof data !== 'object' || typeof data.y?.length !== 'number') {
    throw new ShapeError('labelled data must be {x, y}: build it with dataset(x, y) or stepDataset(x, y)');
  }
  assertSequencesFit(model, data.x);
  if (data.x.n === 0) throw new ShapeError('the data set is empty: it needs at least one sequence');
  const expected = isStepDataset(data) ? data.x.n * model.L : data.x.n;
  if (data.y.length !== expected) throw new ShapeError(`expected ${expected} labels, got ${data.y.length}`);
  assertSignLabels('labels y', data.y);
}

/**
 * Mean loss and 0-1 error of `model` on `data` (W is not changed).
 *
 * The loss is the mean of ℓ(y_i f(W, x_i)), the error the fraction of y_i f(W, x_i) < 0 — the
 * 0-1 error that Theorems 2–3 bound (docs/theory.md#prequential-error).
 *
 * @example
 * ```ts
 * import { createRnn, dataset, evaluate } from 'rnn-ntk';
 *
 * const model = createRnn({ m: 16, d: 1, L: 2, seed: 5 });
 * const { loss, error } = evaluate(model, dataset([[[1], [0.5]], [[-1], [0.2]]], [1, -1]));
 * console.log(loss, error);
 * model.dispose();
 * ```
 */
export function evaluate(model: Rnn, data: LabelledData): Evaluation {
  assertLabelledDataFits(model, data);
  const perStep = isStepDataset(data);
  const perSequence = perStep ? model.L : 1;
  const tally = emptyTally();
  forwardInChunks(model, data.x, (ws, first, count) => {
    scoreOutputs(model, ws, count, data.y, first * perSequence, perStep, tally);
  });
  return { n: data.x.n, loss: tally.loss / data.x.n, error: tally.errors / tally.outputs };
}
