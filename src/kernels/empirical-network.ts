/**
 * The empirical tangent kernel and its parts for a width-m network and sequences (docs/theory.md#empirical-ntk):
 * runs the network's forward and backward passes (src/rnn) once per set of sequences, writing
 * the stacked activations straight into the model's heap, then the tiled kernel of
 * src/kernels/empirical-ntk.ts on them there (so on the model's backend, with no JS copy).
 */
import { asSequenceBatch, type SequenceBatch, type Sequences } from '../data/sequences.js';
import { ShapeError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { hiddenStates } from '../rnn/forward.js';
import { stepActivations, stepActivationsInHeap, type HeapStepActivations } from '../rnn/gradient.js';
import type { Rnn } from '../rnn/model.js';
import { assertFinite } from '../validate.js';
import type { Scope } from '../wasm/heap.js';
import { backwardCorrelations, forwardCorrelations, type Correlation } from './empirical-correlations.js';
import {
  empiricalNtkCrossInHeap,
  empiricalNtkInHeap,
  resolveNtkOptions,
  type EmpiricalNtkOptions,
  type ResolvedNtkOptions,
} from './empirical-ntk.js';

/**
 * Options of the network-level kernels: those of eq. 23 (the backend is the model's own, whose
 * heap holds the activations) plus the output differentiated.
 */
export interface NetworkNtkOptions extends Omit<EmpiricalNtkOptions, 'backend'> {
  /**
   * Differentiate the per-step output f_l = Bᵀh_l for this l ∈ [1, L] instead of f = Bᵀh_L:
   * the empirical counterpart of H^l (Remark 3.2, sequence labelling). Default L.
   */
  readonly output?: number;
}

/** The options resolved for `model`'s sizes, on its backend. */
function resolveFor(model: Rnn, opts: NetworkNtkOptions): ResolvedNtkOptions {
  return resolveNtkOptions({ variant: opts.variant, tileSequences: opts.tileSequences, backend: model.backend }, model.L, model.m);
}

/**
 * The activations of `model` on `x` in the heap scope `s`, with the checks the kernel's
 * callers expect: at least one sequence, and finite values (a diverged W overflows them).
 */
function checkedActivations(model: Rnn, x: SequenceBatch, s: Scope, output: number | undefined): HeapStepActivations {
  const acts = stepActivationsInHeap(model, x, s, { output });
  if (acts.n === 0) throw new ShapeError('no sequences given: the kernel needs at least one');
  const size = acts.n * model.L * model.m;
  const f = model.backend.heap.f64;
  assertFinite('activations.delta', f.subarray(acts.delta, acts.delta + size));
  assertFinite('activations.hPrev', f.subarray(acts.hPrev, acts.hPrev + size));
  return acts;
}

/**
 * The n×n empirical NTK H_ij = (1/m)⟨∇_W f(x_i), ∇_W f(x_j)⟩ of `model` on `x` (eq. 23; the
 * same-step variant with `variant: 'same-step'`). Throws ShapeError if x does not fit the model.
 * Memory: the stacked activations (2·n·L·m values, in the heap only) plus two (tile·L)² Gram tiles.
 *
 * Eq. 23 (docs/theory.md#empirical-ntk):
 *
 *     H_ij = (1/m) Σ_{l,l'} ⟨δ_l^i, δ_{l'}^j⟩ ⟨h_{l−1}^i, h_{l'−1}^j⟩
 *
 * which tends to H∞ (`analyticNtk`) with error ≈ C/√m (docs/theory.md#convergence).
 *
 * @example
 * ```ts
 * import { analyticNtk, createRnn, empiricalNtk } from 'rnn-ntk';
 *
 * const x = [[[1, 0], [0.5, -1]], [[0, 1], [1, 1]]];
 * const model = createRnn({ m: 512, d: 2, L: 2, seed: 1 });
 * console.log(empiricalNtk(model, x).data, analyticNtk(x).H.data); // close for large m
 * model.dispose();
 * ```
 */
export function empiricalNtk(model: Rnn, sequences: Sequences, opts: NetworkNtkOptions = {}): Matrix {
  const x = asSequenceBatch(sequences);
  const plan = resolveFor(model, opts);
  return plan.b.heap.scope((s) => empiricalNtkInHeap(plan, checkedActivations(model, x, s, opts.output)));
}

/** The test × train empirical NTK of `model` (rows: test sequences, columns: train sequences). */
export function empiricalNtkCross(
  model: Rnn, testSequences: Sequences, trainSequences: Sequences, opts: NetworkNtkOptions = {},
): Matrix {
  const [test, train] = [asSequenceBatch(testSequences), asSequenceBatch(trainSequences)];
  const plan = resolveFor(model, opts);
  return plan.b.heap.scope((s) =>
    empiricalNtkCrossInHeap(plan, checkedActivations(model, test, s, opts.output), checkedActivations(model, train, s, opts.output)),
  );
}

/** Which correlation matrices to compute (each one n×n; none by default). */
export interface CorrelationRequest {
  /** Steps l ∈ [0, L] for ⟨h_l(x_i), h_l(x_j)⟩. */
  readonly forward?: readonly number[];
  /** Pairs (l, l'), 1 ≤ l, l' ≤ L, for (1/m)⟨δ_l(x_i), δ_{l'}(x_j)⟩. */
  readonly backward?: ReadonlyArray<readonly [number, number]>;
}

/** The correlation matrices of {@link empiricalCorrelations}, in the order requested. */
export interface EmpiricalCorrelations {
  /** One per requested step l: ⟨h_l(x_i), h_l(x_j)⟩. */
  readonly forward: Correlation[];
  /** One per requested pair (l, l'): (1/m)⟨δ_l(x_i), δ_{l'}(x_j)⟩. */
  readonly backward: Correlation[];
}

/**
 * The forward correlations (→ k_l, Theorem 5) and backward correlations (→ b_l or 0,
 * Theorem 6) of `model` on `x` that `request` names, computed only when asked.
 *
 * ⟨h_l^i, h_l^j⟩ → k_l (Theorem 5) and (1/m)⟨δ_l^i, δ_{l'}^j⟩ → b_l for l = l', 0 otherwise
 * (Theorem 6); docs/theory.md#correlations.
 *
 * @example
 * ```ts
 * import { createRnn, empiricalCorrelations } from 'rnn-ntk';
 *
 * const model = createRnn({ m: 256, d: 1, L: 3, seed: 2 });
 * const c = empiricalCorrelations(model, [[[1], [0], [-1]], [[0.5], [1], [0]]], { forward: [3], backward: [[1, 1], [1, 3]] });
 * console.log(c.forward[0].matrix.data, c.backward.map((b) => b.matrix.data[1]));
 * model.dispose();
 * ```
 */
export function empiricalCorrelations(model: Rnn, sequences: Sequences, request: CorrelationRequest): EmpiricalCorrelations {
  const x = asSequenceBatch(sequences);
  const { m, L } = model;
  const opts = { backend: model.backend };
  const forward = request.forward?.length
    ? forwardCorrelations({ n: x.n, L, m, h: hiddenStates(model, x) }, request.forward, opts)
    : [];
  const backward = request.backward?.length ? backwardCorrelations(stepActivations(model, x), request.backward, opts) : [];
  return { forward, backward };
}
