/**
 * Sequences and labelled data sets, the common currency of every module.
 * A batch of n sequences x_i = (X_{i,1}, …, X_{i,L}), X_{i,l} ∈ R^d, is stored flat and
 * row-major: `data[(i·L + (l−1))·d + k]` is the k-th feature of X_{i,l} (docs/theory.md#notation).
 */
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { assertFinite, assertInteger } from '../validate.js';

/** n sequences of L steps of d features, flat row-major (n × L × d). */
export interface SequenceBatch {
  /** Number of sequences. */
  readonly n: number;
  /** Sequence length (steps per sequence). */
  readonly L: number;
  /** Input width (features per step). */
  readonly d: number;
  /** The n·L·d values: feature k of X_{i,l} at `data[(i·L + (l−1))·d + k]`. */
  readonly data: Float64Array;
}

/** A labelled data set: labels y_i ∈ {−1, +1}; optionally the target values F*(x_i). */
export interface Dataset {
  /** The n input sequences. */
  readonly x: SequenceBatch;
  /** The n labels, each −1 or +1. */
  readonly y: Float64Array;
  /** The target values F*(x_i) the labels were drawn from, when known (n of them). */
  readonly fstar?: Float64Array;
}

/**
 * n sequences, as a {@link SequenceBatch} or as nested arrays `x[i][l][k]` (n × L × d): every
 * function that takes sequences accepts both.
 */
export type Sequences = SequenceBatch | ReadonlyArray<ReadonlyArray<ArrayLike<number>>>;

/**
 * The SequenceBatch that `x` stands for: nested arrays are converted (and validated) by
 * {@link sequencesFromNested}, which throws ShapeError naming the sequence or step of the wrong
 * length and NonFiniteError at a NaN; anything else is returned as is, for the caller's own checks.
 */
export function asSequenceBatch(x: Sequences): SequenceBatch {
  return Array.isArray(x) ? sequencesFromNested(x as ReadonlyArray<ReadonlyArray<ArrayLike<number>>>) : (x as SequenceBatch);
}

/** Validates and wraps n×L×d flat data (copied). Throws ShapeError / NonFiniteError. */
export function sequenceBatch(n: number, L: number, d: number, data: ArrayLike<number>): SequenceBatch {
  assertInteger('n (number of sequences)', n, 0);
  assertInteger('L (sequence length)', L, 1);
  assertInteger('d (input width)', d, 1);
  if (data.length !== n * L * d) {
    throw new ShapeError(`${n} sequences of ${L}×${d} need ${n * L * d} values, got ${data.length}`);
  }
  assertFinite('sequence data', data);
  return { n, L, d, data: Float64Array.from(data) };
}

/**
 * Throws unless `x` is a well-formed SequenceBatch: InvalidArgumentError when it is not one or
 * its dimensions are not integers (L, d ≥ 1, n ≥ 0), ShapeError when `data` does not hold
 * n·L·d values, NonFiniteError at the first NaN/±Infinity.
 */
export function assertSequenceBatch(name: string, x: SequenceBatch): void {
  if (x === null || typeof x !== 'object' || !(x.data instanceof Float64Array)) {
    throw new InvalidArgumentError(`${name} must be a SequenceBatch {n, L, d, data}; build one with sequenceBatch(n, L, d, data)`);
  }
  assertInteger(`${name}.n`, x.n, 0);
  assertInteger(`${name}.L`, x.L, 1);
  assertInteger(`${name}.d`, x.d, 1);
  if (x.data.length !== x.n * x.L * x.d) {
    throw new ShapeError(`${name} claims ${x.n}×${x.L}×${x.d} but holds ${x.data.length} values`);
  }
  assertFinite(`${name}.data`, x.data);
}

/** Throws ShapeError unless `v` is an array (or array-like); `what` names it in the message. */
function assertArrayLike(what: string, v: unknown): asserts v is ArrayLike<unknown> {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<unknown>).length !== 'number') {
    throw new ShapeError(`${what} must be an array, got ${String(v)}`);
  }
}

/**
 * A batch from nested arrays x[i][l][k]; every sequence must have the same L and d.
 *
 * @example
 * ```ts
 * import { sequencesFromNested } from 'rnn-ntk';
 *
 * const x = sequencesFromNested([[[1, 0], [0.5, -1]], [[0, 1], [1, 1]]]); // n = 2, L = 2, d = 2
 * console.log(x.n, x.L, x.d, x.data); // data[(i·L + (l−1))·d + k]
 * ```
 */
export function sequencesFromNested(x: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>): SequenceBatch {
  assertArrayLike('x (n×L×d nested arrays)', x);
  const n = x.length;
  if (n === 0) throw new ShapeError('no sequences given: x is empty');
  assertArrayLike('sequence 0', x[0]);
  const L = x[0].length;
  if (L === 0) throw new ShapeError('sequence 0 has no steps');
  assertArrayLike('sequence 0 step 0', x[0][0]);
  const d = x[0][0].length;
  const data = new Float64Array(n * L * d);
  for (let i = 0; i < n; i++) {
    assertArrayLike(`sequence ${i}`, x[i]);
    if (x[i].length !== L) {
      throw new ShapeError(`sequence ${i} has ${x[i].length} steps, sequence 0 has ${L}: all must have the same length`);
    }
    for (let l = 0; l < L; l++) {
      const step = x[i][l];
      assertArrayLike(`sequence ${i} step ${l}`, step);
      if (step.length !== d) {
        throw new ShapeError(`sequence ${i} step ${l} has ${step.length} features, expected ${d}`);
      }
      for (let k = 0; k < d; k++) data[(i * L + l) * d + k] = step[k];
    }
  }
  return sequenceBatch(n, L, d, data);
}

/** The flat L×d view of sequence i (a subarray: do not mutate); i must be in 0..n−1. */
export function sequenceAt(batch: SequenceBatch, i: number): Float64Array {
  if (!Number.isInteger(i) || i < 0 || i >= batch.n) {
    throw new InvalidArgumentError(`sequence index must be an integer in 0..${batch.n - 1}, got ${i}`);
  }
  const size = batch.L * batch.d;
  return batch.data.subarray(i * size, (i + 1) * size);
}

/** Throws InvalidArgumentError unless every label is −1 or +1, ShapeError unless there are n. */
export function assertLabels(y: ArrayLike<number>, n: number): void {
  assertArrayLike('labels y', y);
  if (y.length !== n) throw new ShapeError(`expected ${n} labels (one per sequence), got ${y.length}`);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1 && y[i] !== -1) {
      throw new InvalidArgumentError(`labels must be −1 or +1, but y[${i}] = ${y[i]}`);
    }
  }
}

/** Validates and wraps a data set (copies). */
export function dataset(sequences: Sequences, y: ArrayLike<number>, fstar?: ArrayLike<number>): Dataset {
  const x = asSequenceBatch(sequences);
  assertSequenceBatch('x', x);
  if (x.n === 0) throw new ShapeError('the data set is empty: it needs at least one sequence');
  assertLabels(y, x.n);
  if (fstar !== undefined) {
    if (fstar.length !== x.n) throw new ShapeError(`expected ${x.n} target values fstar, got ${fstar.length}`);
    assertFinite('fstar', fstar);
  }
  return { x, y: Float64Array.from(y), ...(fstar === undefined ? {} : { fstar: Float64Array.from(fstar) }) };
}
