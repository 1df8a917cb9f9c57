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
import { NonFiniteError, ShapeError } from '../errors.js';
import { assertOptions, assertPositive } from '../validate.js';
import { assertSequencesFit, assertSignLabels } from './inputs.js';
import { noteSgdSteps, type Rnn } from './model.js';
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
  try {
    scoreOutputs(model, ws, count, labels, 0, perStep, tally, eta / count);
  } catch (err) {
    if (!(err instanceof NonFiniteError)) throw err;
    throw new NonFiniteError(`SGD step ${model.stepsTaken + 1}: ${err.message}`, err.index, err.value);
  }
  backwardPass(model, ws, count);
  assertUpdateFinite(model, ws, count);
  updatePass(model, ws, count);
  noteSgdSteps(model, 1);
}

/** Largest accepted bound on an entry of one update ΔW (leaves W's own range room below f64's 1.8e308). */
const MAX_UPDATE = 1e300;

/**
 * Throws NonFiniteError naming the step when the coming update W += Σ δ_l h_{l−1}ᵀ could overflow
 * f64: |ΔW_ij| ≤ L·count·max|δ|·max|h|. A finite but huge output (inputs near 1e308) would otherwise
 * turn W into ±∞ while later outputs, masked by the ReLU, stay finite and the loss looks fine.
 */
function assertUpdateFinite(model: Rnn, ws: WorkspaceBuffers, count: number): void {
  const { m, L } = model;
  const f = model.backend.heap.f64;
  const largest = (from: number, n: number): number => {
    let max = 0;
    for (let i = from; i < from + n; i++) {
      const v = Math.abs(f[i]);
      if (!(v <= max)) max = v; // NaN propagates
    }
    return max;
  };
  const hMax = largest(ws.h, count * (L + 1) * m);
  const deltaMax = largest(ws.delta, count * L * m);
  const bound = L * count * deltaMax * hMax;
  if (!(bound <= MAX_UPDATE)) {
    throw new NonFiniteError(
      `SGD step ${model.stepsTaken + 1}: the update of W would overflow f64 (hidden states up to ${hMax.toExponential(2)}, ` +
        `back-propagated errors up to ${deltaMax.toExponential(2)}); W was left unchanged. Scale the inputs to norms of order 1 or lower the step size η`,
      model.stepsTaken + 1,
      bound,
    );
  }
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
  assertOptions("sgdStep's options", options);
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
