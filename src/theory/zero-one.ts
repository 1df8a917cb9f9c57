/**
 * The sign classifier and its 0-1 error: the quantity Theorems 2–3 bound (docs/theory.md#training, docs/theory.md#bound-proxies).
 */
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { assertFinite } from '../validate.js';

/**
 * The label of a score: +1 for f ≥ 0, −1 for f < 0. The one tie rule of rnn-ntk: a score of
 * exactly 0 (or −0) is labelled +1, in `signLabels`, `zeroOneError`, the errors of `evaluate`
 * and `train`, and the labels sign F* of the concept samplers. So f = 0 counts as an error
 * exactly when y = −1.
 */
export function signLabel(f: number): 1 | -1 {
  return f >= 0 ? 1 : -1;
}

/** sign(f) as labels, by `signLabel` (a score of exactly 0 is labelled +1). */
export function signLabels(scores: ArrayLike<number>): Float64Array {
  assertFinite('scores', scores);
  return Float64Array.from(scores, signLabel);
}

/**
 * The fraction of points whose sign label (see `signLabels`) differs from y_i ∈ {−1, +1}.
 * Throws ShapeError on an empty set or a length mismatch, InvalidArgumentError on labels ≠ ±1.
 */
export function zeroOneError(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (typeof scores?.length !== 'number' || typeof labels?.length !== 'number') {
    throw new ShapeError('scores and labels must be arrays of numbers (one per point)');
  }
  if (scores.length !== labels.length) {
    throw new ShapeError(`scores and labels must have the same length, got ${scores.length} and ${labels.length}`);
  }
  if (labels.length === 0) throw new ShapeError('the 0-1 error of an empty set is undefined: pass at least one point');
  const predicted = signLabels(scores);
  let wrong = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1 && labels[i] !== -1) {
      throw new InvalidArgumentError(`labels must be −1 or +1, but labels[${i}] = ${labels[i]}`);
    }
    if (predicted[i] !== labels[i]) wrong++;
  }
  return wrong / labels.length;
}
