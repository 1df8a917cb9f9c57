/**
 * Boundary checks of inputs given to a network: sequence shapes against the model's (L, d),
 * finiteness, and labels in {−1, +1}. Each throws a typed error saying what to fix.
 */
import { InvalidArgumentError, ShapeError } from '../errors.js';
import type { SequenceBatch } from '../data/sequences.js';
import { assertFinite } from '../validate.js';
import type { Rnn } from './model.js';

/** Throws ShapeError unless the batch has the model's L and d, NonFiniteError on NaN/∞. */
export function assertSequencesFit(model: Rnn, x: SequenceBatch): void {
  model.assertAlive();
  if (typeof x !== 'object' || x === null || !(x.data instanceof Float64Array)) {
    throw new ShapeError('x must be a SequenceBatch {n, L, d, data}; build one with sequenceBatch(n, L, d, data)');
  }
  if (x.L !== model.L || x.d !== model.d) {
    throw new ShapeError(`the network takes sequences of L = ${model.L} steps of d = ${model.d} features, got L = ${x.L}, d = ${x.d}`);
  }
  if (!Number.isInteger(x.n) || x.n < 0 || x.data.length !== x.n * x.L * x.d) {
    throw new ShapeError(`a batch of ${x.n} sequences of ${x.L}×${x.d} needs ${x.n * x.L * x.d} values, got ${x.data.length}`);
  }
  assertFinite('sequence data', x.data);
}

/** One sequence (flat L×d) checked against the model and copied into a Float64Array. */
export function sequenceFor(model: Rnn, x: ArrayLike<number>): Float64Array {
  model.assertAlive();
  const size = model.L * model.d;
  if (x === null || typeof x !== 'object' || x.length !== size) {
    throw new ShapeError(
      `a sequence for this network is L×d = ${model.L}×${model.d} = ${size} values (row-major), got ${x?.length}`,
    );
  }
  assertFinite('sequence', x);
  return Float64Array.from(x);
}

/** Throws InvalidArgumentError unless every label is exactly −1 or +1. */
export function assertSignLabels(name: string, y: ArrayLike<number>): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1 && y[i] !== -1) throw new InvalidArgumentError(`${name} must be −1 or +1, but entry ${i} is ${y[i]}`);
  }
}
