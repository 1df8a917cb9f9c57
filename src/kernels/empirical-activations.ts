/**
 * The stacked per-step activations the empirical NTK is built from (docs/theory.md#empirical-ntk): for n sequences
 * of L steps in a width-m network, Δ and Hh are (n·L)×m row-major, row i·L + (l−1) holding
 * δ_l(x_i) and h_{l−1}(x_i). This is the layout `stepActivations` (src/rnn) returns.
 */
import { ShapeError } from '../errors.js';
import type { StepActivations } from '../rnn/gradient.js';
import { assertFinite, assertInteger } from '../validate.js';

/**
 * δ_l(x_i) and h_{l−1}(x_i) for n sequences, stacked as (n·L)×m row-major matrices: the type
 * `stepActivations` (src/rnn) returns, under the name the kernel functions use.
 */
export type StackedActivations = StepActivations;

/**
 * Throws ShapeError / NonFiniteError unless `acts` holds n ≥ 1 sequences with consistent
 * sizes and finite values; `name` is used in messages.
 */
export function assertActivations(name: string, acts: StackedActivations): void {
  if (acts === null || typeof acts !== 'object' || typeof acts.delta?.length !== 'number' || typeof acts.hPrev?.length !== 'number') {
    throw new ShapeError(`${name} must be {n, L, m, delta, hPrev} with arrays delta and hPrev, as stepActivations returns`);
  }
  assertInteger(`${name}.L (sequence length)`, acts.L, 1);
  assertInteger(`${name}.m (width)`, acts.m, 1);
  assertInteger(`${name}.n (number of sequences)`, acts.n, 0);
  if (acts.n === 0) throw new ShapeError(`${name} holds no sequences: the kernel needs at least one`);
  const size = acts.n * acts.L * acts.m;
  for (const key of ['delta', 'hPrev'] as const) {
    if (acts[key].length !== size) {
      throw new ShapeError(
        `${name}.${key} must be (n·L)×m = ${acts.n}·${acts.L}×${acts.m} = ${size} values, got ${acts[key].length}`,
      );
    }
    assertFinite(`${name}.${key}`, acts[key]);
  }
}

/** Throws ShapeError unless two activation sets come from sequences of one length and one width. */
export function assertCompatible(a: StackedActivations, b: StackedActivations): void {
  if (a.L !== b.L) {
    throw new ShapeError(`test and train sequences must have the same length L, got ${a.L} and ${b.L}`);
  }
  if (a.m !== b.m) throw new ShapeError(`test and train activations must have the same width m, got ${a.m} and ${b.m}`);
}
