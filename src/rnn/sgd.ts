/**
 * One step of Algorithm 1 (docs/theory.md#algorithm-1) on a mini-batch of B sequences:
 *
 *     W ← W − (η/B) Σ_b ℓ'(y_b f(W, x_b)) y_b ∇_W f(W, x_b),   ∇_W f = Σ_l δ_l h_{l−1}ᵀ,
 *
 * (per-step labels: Σ_l over the outputs f_l, Remark 3.2). The coefficient −(η/B) ℓ'(y f) y is
 * injected at the output, so the backward pass yields the scaled δ's and the update adds the
 * rank-(B·L) sum directly into W: no m×m gradient is ever formed. A, B, M0 never change.
 */
import { asSequenceBatch, type Sequences } from '../data/sequences.js';
import { ShapeError } from '../errors.js';
import { assertPositive } from '../validate.js';
import { assertSequencesFit, assertSignLabels } from './inputs.js';
import type { Rnn } from './model.js';
import { emptyTally, scoreOutputs, type ObjectiveTally } from './objective.js';
import { backwardPass, forwardPass, loadInputs, updatePass } from './passes.js';
import type { WorkspaceBuffers } from './workspace.js';

/**
 * The step on `count` sequences already loaded in `ws`, with `labels` (one per sequence, or L
 * when `perStep`, in slot order). Adds the pre-update loss and errors into `tally`.
 */
export function stepOnWorkspace(
  model: Rnn, ws: WorkspaceBuffers, count: number, labels: ArrayLike<number>, perStep: boolean, eta: number, tally: ObjectiveTally,
): void {
  forwardPass(model, ws, count);
  model.backend.heap.f64.fill(0, ws.inject, ws.inject + count * model.L);
  scoreOutputs(model, ws, count, labels, 0, perStep, tally, eta / count);
  backwardPass(model, ws, count);
  updatePass(model, ws, count);
  model.stepsTaken++;
}

/** Options of `sgdStep`. */
export interface SgdStepOptions {
  /** Step size η (default η₀/m with η₀ = 1). */
  readonly eta?: number;
  /** Labels are per step (n·L of them, Remark 3.2) rather than one per sequence. */
  readonly perStep?: boolean;
}

/**
 * One SGD step on the mini-batch `x` (all n sequences, averaged) with labels `y`; returns the
 * loss and 0-1 errors of the batch before the update.
 *
 * The update of Algorithm 1 averaged over the batch (docs/theory.md#algorithm-1):
 * W ← W − (η/B) Σ_s ℓ'(y_s f(W, x_s)) y_s ∇_W f(W, x_s).
 *
 * @example
 * ```ts
 * import { createRnn, sgdStep } from 'rnn-ntk';
 *
 * const model = createRnn({ m: 16, d: 1, L: 2, seed: 4 });
 * const before = sgdStep(model, [[[1], [0.5]], [[-1], [0.2]]], [1, -1], { eta: 0.05 });
 * console.log(before); // loss and errors of the batch before the update
 * model.dispose();
 * ```
 */
export function sgdStep(model: Rnn, sequences: Sequences, y: ArrayLike<number>, options: SgdStepOptions = {}): ObjectiveTally {
  const x = asSequenceBatch(sequences);
  assertSequencesFit(model, x);
  if (x.n === 0) throw new ShapeError('an SGD step needs at least one sequence');
  const perStep = options.perStep ?? false;
  const expected = perStep ? x.n * model.L : x.n;
  if (y.length !== expected) throw new ShapeError(`expected ${expected} labels, got ${y.length}`);
  assertSignLabels('labels y', y);
  const eta = options.eta ?? 1 / model.m;
  assertPositive('eta', eta);
  const ws = model.workspace.ensure(x.n);
  loadInputs(model, ws, x.data, 0, x.n);
  const tally = emptyTally();
  stepOnWorkspace(model, ws, x.n, y, perStep, eta, tally);
  return tally;
}
