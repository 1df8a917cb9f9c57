/**
 * The training objective on the outputs of a forward pass already in the workspace: the
 * logistic loss of each labelled output (docs/theory.md#loss: ℓ(y f); Remark 3.2: Σ_l ℓ(y_l f_l)), the 0-1
 * errors (sign label of f ≠ y, the tie f = 0 labelled +1 as by signLabel; the prequential estimator (docs/theory.md#prequential-error)), and, for SGD, the output injections
 * e_l = −scale · ℓ'(y_l f_l) · y_l that fold the step size into the backward pass.
 */
import { NonFiniteError } from '../errors.js';
import { signLabel } from '../theory/zero-one.js';
import { logisticLoss, logisticLossDerivative } from './loss.js';
import type { Rnn } from './model.js';
import { outputAt } from './passes.js';
import type { WorkspaceBuffers } from './workspace.js';

/** Loss and error counts over the scored outputs. */
export interface ObjectiveTally {
  /** Σ of ℓ(y f) over every scored output. */
  loss: number;
  /** Number of scored outputs whose sign label (signLabel, +1 at f = 0) differs from y. */
  errors: number;
  /** Number of scored outputs. */
  outputs: number;
}

/**
 * Scores sequences 0..count−1 of the workspace against `labels` (from `labelOffset`: one per
 * sequence, or L per sequence when `perStep`), adding into `tally`. With `injectScale` set,
 * also writes the injections e^s_l = −injectScale · ℓ'(y f) · y (0 for unlabelled steps).
 * Throws NonFiniteError if an output is NaN or ±∞ (a diverged W), before any update uses it.
 */
export function scoreOutputs(
  model: Rnn,
  ws: WorkspaceBuffers,
  count: number,
  labels: ArrayLike<number>,
  labelOffset: number,
  perStep: boolean,
  tally: ObjectiveTally,
  injectScale?: number,
): void {
  const L = model.L;
  const perSequence = perStep ? L : 1;
  for (let s = 0; s < count; s++) {
    for (let r = 0; r < perSequence; r++) {
      const l = perStep ? r + 1 : L;
      const y = labels[labelOffset + s * perSequence + r];
      const f = outputAt(model, ws, s, l);
      if (!Number.isFinite(f)) {
        throw new NonFiniteError(
          `the network output f_${l} of sequence ${s} is ${f}: W has diverged (no update was applied for this batch); lower the step size η`,
          s,
          f,
        );
      }
      const z = y * f;
      tally.loss += logisticLoss(z);
      if (signLabel(f) !== y) tally.errors++; // the tie rule of signLabel: f = 0 is labelled +1
      tally.outputs++;
      if (injectScale !== undefined) {
        model.backend.heap.f64[ws.inject + s * L + l - 1] = -injectScale * logisticLossDerivative(z) * y;
      }
    }
  }
}

/** A zero tally. */
export function emptyTally(): ObjectiveTally {
  return { loss: 0, errors: 0, outputs: 0 };
}
