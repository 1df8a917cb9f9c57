/**
 * The empirical tangent kernel and its parts for a width-m network and sequences (SPEC §3):
 * runs the network's forward and backward passes (src/rnn) once per set of sequences, writing
 * the stacked activations straight into the model's heap, then the tiled kernel of
 * src/kernels/empirical-ntk.ts on them there (so on the model's backend, with no JS copy).
 */
import type { SequenceBatch } from '../data/sequences.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import { hiddenStates } from '../rnn/forward.js';
import { stepActivations, stepActivationsInHeap, type HeapStepActivations } from '../rnn/gradient.js';
import { assertSequencesFit } from '../rnn/inputs.js';
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
import { empiricalGroupKernel } from './empirical-groups.js';
import { checkedGroups, type ParameterGroup } from './parameter-groups.js';

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
  /**
   * Parameter groups whose tangent kernels (1/m)⟨∇_θ f, ∇_θ f′⟩ are summed (default ['W'], eq. 23);
   * 'A', 'M0', 'B' as in docs/kernel-function.md. `variant` applies to W's kernel only.
   */
  readonly trainable?: readonly ParameterGroup[];
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
 * same-step variant with `variant: 'same-step'`). With `trainable`, the sum over the named groups
 * of (1/m)⟨∇_θ f(x_i), ∇_θ f(x_j)⟩ (docs/kernel-function.md). Throws ShapeError if x does not fit
 * the model, InvalidArgumentError for an unknown group or output step.
 * Memory: the stacked activations (2·n·L·m values, in the heap only) plus two (tile·L)² Gram tiles.
 */
export function empiricalNtk(model: Rnn, x: SequenceBatch, opts: NetworkNtkOptions = {}): Matrix {
  const plan = resolveFor(model, opts);
  return withGroups(model, x, x, opts, (trainsW) =>
    trainsW ? plan.b.heap.scope((s) => empiricalNtkInHeap(plan, checkedActivations(model, x, s, opts.output))) : undefined,
  );
}

/** The test × train empirical NTK of `model` (rows: test sequences, columns: train sequences); options as {@link empiricalNtk}. */
export function empiricalNtkCross(
  model: Rnn, test: SequenceBatch, train: SequenceBatch, opts: NetworkNtkOptions = {},
): Matrix {
  const plan = resolveFor(model, opts);
  return withGroups(model, test, train, opts, (trainsW) =>
    trainsW
      ? plan.b.heap.scope((s) =>
          empiricalNtkCrossInHeap(plan, checkedActivations(model, test, s, opts.output), checkedActivations(model, train, s, opts.output)),
        )
      : undefined,
  );
}

/**
 * W's kernel from `kernelW` (called with whether W is trained) plus the kernels of the other
 * trained groups (src/kernels/empirical-groups.ts), summed in the order W, A, M0, B.
 */
function withGroups(
  model: Rnn, a: SequenceBatch, b: SequenceBatch, opts: NetworkNtkOptions, kernelW: (trainsW: boolean) => Matrix | undefined,
): Matrix {
  const groups = checkedGroups(opts.trainable);
  const output = opts.output ?? model.L;
  if (!Number.isInteger(output) || output < 1 || output > model.L) {
    throw new InvalidArgumentError(`output must be a step in 1..${model.L}, got ${String(opts.output)}`);
  }
  assertSequencesFit(model, a);
  assertSequencesFit(model, b);
  if (a.n === 0 || b.n === 0) throw new ShapeError('no sequences given: the kernel needs at least one');
  const w = kernelW(groups.includes('W'));
  if (groups.length === 1 && w !== undefined) return w;
  const sum = w === undefined ? new Float64Array(a.n * b.n) : Float64Array.from(w.data);
  for (const g of groups) {
    if (g === 'W') continue;
    const k = empiricalGroupKernel(model, a, b, g, output);
    for (let t = 0; t < sum.length; t++) sum[t] += k[t];
  }
  return matrix(a.n, b.n, sum);
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
 */
export function empiricalCorrelations(model: Rnn, x: SequenceBatch, request: CorrelationRequest): EmpiricalCorrelations {
  const { m, L } = model;
  const opts = { backend: model.backend };
  const forward = request.forward?.length
    ? forwardCorrelations({ n: x.n, L, m, h: hiddenStates(model, x) }, request.forward, opts)
    : [];
  const backward = request.backward?.length ? backwardCorrelations(stepActivations(model, x), request.backward, opts) : [];
  return { forward, backward };
}
