/**
 * The empirical tangent kernel and its parts for a width-m network and sequences (docs/theory.md#empirical-ntk):
 * runs the network's forward and backward passes (src/rnn) once per set of sequences, writing
 * the stacked activations straight into the model's heap, then the tiled kernel of
 * src/kernels/empirical-ntk.ts on them there (so on the model's backend, with no JS copy).
 */
import { asSequenceBatch, assertSequenceBatch, type SequenceBatch, type Sequences } from '../data/sequences.js';
import { InvalidArgumentError, RnnNtkError, ShapeError } from '../errors.js';
import { heapOffsetOf, ownHeapBlock, releaseHeapBlock } from '../linalg/heap-matrix.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import { hiddenStatesInHeap } from '../rnn/forward.js';
import { stepActivations, stepActivationsInHeap, type HeapStepActivations } from '../rnn/gradient.js';
import { assertSequencesFit } from '../rnn/inputs.js';
import type { Rnn } from '../rnn/model.js';
import { assertOptions, assertFinite } from '../validate.js';
import type { Scope } from '../wasm/heap.js';
import { backwardCorrelationsInHeap, forwardCorrelationsInHeap, type Correlation } from './empirical-correlations.js';
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
  assertOptions("empiricalNtk's options", opts);
  const plan = resolveFor(model, opts);
  return withGroups(model, x, x, opts, (trainsW) =>
    trainsW ? plan.b.heap.scope((s) => empiricalNtkInHeap(plan, checkedActivations(model, x, s, opts.output))) : undefined,
  );
}

/** The test × train empirical NTK of `model` (rows: test sequences, columns: train sequences); options as {@link empiricalNtk}. */
export function empiricalNtkCross(
  model: Rnn, testSequences: Sequences, trainSequences: Sequences, opts: NetworkNtkOptions = {},
): Matrix {
  const [test, train] = [asSequenceBatch(testSequences), asSequenceBatch(trainSequences)];
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

/**
 * The stacked activations of a network on a fixed set of sequences, kept in the model's heap
 * until `dispose()` (2·n·L·m values, never copied out): for the empirical NTK predictor, which
 * needs K(X, X) once and K(x, X) at every prediction. Use after dispose is a DisposedError; a
 * second dispose does nothing. The kernels run on the model's backend.
 */
export class ResidentActivations {
  private constructor(
    /** The network whose activations these are. */
    readonly model: Rnn,
    /** Number of sequences. */
    readonly n: number,
    private readonly opts: NetworkNtkOptions,
  ) {}

  /** Runs `model` on `x` (forward and backward passes) and keeps the activations in its heap. */
  static of(model: Rnn, x: SequenceBatch, opts: NetworkNtkOptions = {}): ResidentActivations {
    assertSequenceBatch('x', x);
    if (checkedGroups(opts.trainable).join() !== 'W') {
      throw new InvalidArgumentError("resident activations serve W's kernel only: drop trainable, or use empiricalNtk for other groups");
    }
    const heap = model.backend.heap;
    const size = x.n * model.L * model.m;
    const half = Math.ceil(size / 2) * 2; // keeps the second block 16-byte aligned
    const block = heap.alloc(2 * half);
    const resident = new ResidentActivations(model, x.n, opts);
    ownHeapBlock(resident, model.backend, block);
    try {
      let used = 0;
      const within: Scope = {
        alloc: (k) => {
          const off = block + used;
          used += Math.ceil(k / 2) * 2;
          return off;
        },
        put: () => {
          throw new RnnNtkError('ResidentActivations: unexpected put');
        },
      };
      checkedActivations(model, x, within, opts.output);
    } catch (err) {
      resident.dispose();
      throw err;
    }
    return resident;
  }

  /** Where the two blocks sit (throws DisposedError after dispose). */
  private get acts(): HeapStepActivations {
    const block = heapOffsetOf(this, 'set of resident activations');
    const half = Math.ceil((this.n * this.model.L * this.model.m) / 2) * 2;
    return { n: this.n, hPrev: block, delta: block + half };
  }

  /** The n×n empirical NTK of the kept sequences (eq. 23). */
  kernel(): Matrix {
    return empiricalNtkInHeap(resolveFor(this.model, this.opts), this.acts);
  }

  /** The test × kept-sequences empirical NTK, the test activations computed in the heap too. */
  cross(test: SequenceBatch): Matrix {
    const plan = resolveFor(this.model, this.opts);
    const train = this.acts;
    return plan.b.heap.scope((s) => empiricalNtkCrossInHeap(plan, checkedActivations(this.model, test, s, this.opts.output), train));
  }

  /** Frees the heap memory; later use throws DisposedError, a second call does nothing. */
  dispose(): void {
    releaseHeapBlock(this);
  }

  /** `using acts = …` disposes at the end of the block. */
  [Symbol.dispose](): void {
    this.dispose();
  }
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
  const b = model.backend;
  return b.heap.scope((s) => {
    let forward: Correlation[] = [];
    if (request.forward?.length) {
      const h = hiddenStatesInHeap(model, x, s);
      if (x.n === 0) throw new ShapeError('no sequences given: the correlations need at least one');
      assertFinite('hidden states', b.heap.f64.subarray(h, h + x.n * (L + 1) * m));
      forward = forwardCorrelationsInHeap(b, h, x.n, L, m, request.forward);
    }
    const backward = request.backward?.length
      ? backwardCorrelationsInHeap(b, checkedActivations(model, x, s, undefined).delta, x.n, L, m, request.backward)
      : [];
    return { forward, backward };
  });
}
