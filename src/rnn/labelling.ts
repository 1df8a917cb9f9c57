/**
 * Sequence labelling (Remark 3.2): one label y_{i,l} ∈ {−1, +1} per step, outputs
 * f_l = Bᵀ h_l, loss Σ_l ℓ(y_{i,l} f_l(W, x_i)). Each output injects D_l B into the backward
 * pass at step l (src/rnn/passes.ts).
 */
import { asSequenceBatch, assertSequenceBatch, type Dataset, type SequenceBatch, type Sequences } from '../data/sequences.js';
import { ShapeError } from '../errors.js';
import { assertSignLabels } from './inputs.js';

/** A data set labelled at every step: `y[i·L + l − 1]` = y_{i,l}. */
export interface StepDataset {
  /** The n input sequences. */
  readonly x: SequenceBatch;
  /** n·L labels ±1, entry i·L + l − 1 labelling f_l(x_i). */
  readonly y: Float64Array;
  /** Marks a per-step labelled set (as opposed to a `Dataset` with one label per sequence). */
  readonly perStep: true;
}

/** Validates and wraps a per-step labelled set (labels copied; n·L of them, each ±1). */
export function stepDataset(sequences: Sequences, y: ArrayLike<number>): StepDataset {
  const x = asSequenceBatch(sequences);
  assertSequenceBatch('x', x);
  if (x.n === 0) throw new ShapeError('the data set is empty: it needs at least one sequence');
  if (y.length !== x.n * x.L) {
    throw new ShapeError(`a per-step labelled set of ${x.n} sequences of length ${x.L} needs ${x.n * x.L} labels, got ${y.length}`);
  }
  assertSignLabels('per-step labels y', y);
  return { x, y: Float64Array.from(y), perStep: true };
}

/** Either kind of labelled data. */
export type LabelledData = Dataset | StepDataset;

/** True for a per-step labelled set. */
export function isStepDataset(data: LabelledData): data is StepDataset {
  return 'perStep' in data && data.perStep === true;
}
