/**
 * The empirical tangent kernel and its parts for a width-m network and sequences (SPEC §3):
 * runs the network's forward and backward passes (src/rnn) once per set of sequences, writing
 * the stacked activations straight into the model's heap, then the tiled kernel of
 * src/kernels/empirical-ntk.ts on them there (so on the model's backend, with no JS copy).
 */
import { assertSequenceBatch, type SequenceBatch } from '../data/sequences.js';
import { RnnNtkError, ShapeError } from '../errors.js';
import { heapOffsetOf, ownHeapBlock, releaseHeapBlock } from '../linalg/heap-matrix.js';
import type { Matrix } from '../linalg/matrix.js';
import { hiddenStatesInHeap } from '../rnn/forward.js';
import { stepActivationsInHeap, type HeapStepActivations } from '../rnn/gradient.js';
import type { Rnn } from '../rnn/model.js';
import { assertFinite } from '../validate.js';
import type { Scope } from '../wasm/heap.js';
import { backwardCorrelationsInHeap, forwardCorrelationsInHeap, type Correlation } from './empirical-correlations.js';
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
 */
export function empiricalNtk(model: Rnn, x: SequenceBatch, opts: NetworkNtkOptions = {}): Matrix {
  const plan = resolveFor(model, opts);
  return plan.b.heap.scope((s) => empiricalNtkInHeap(plan, checkedActivations(model, x, s, opts.output)));
}

/** The test × train empirical NTK of `model` (rows: test sequences, columns: train sequences). */
export function empiricalNtkCross(
  model: Rnn, test: SequenceBatch, train: SequenceBatch, opts: NetworkNtkOptions = {},
): Matrix {
  const plan = resolveFor(model, opts);
  return plan.b.heap.scope((s) =>
    empiricalNtkCrossInHeap(plan, checkedActivations(model, test, s, opts.output), checkedActivations(model, train, s, opts.output)),
  );
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
 */
export function empiricalCorrelations(model: Rnn, x: SequenceBatch, request: CorrelationRequest): EmpiricalCorrelations {
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
