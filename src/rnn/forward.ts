/**
 * Forward evaluation (docs/theory.md#initialisation): f(W, x) = Bᵀ h_L for one sequence or a batch, and on request
 * the cache the theorems talk about: h_0..h_L, the masks D_1..D_L and the per-step outputs
 * f_l = Bᵀ h_l (Remark 3.2). Batches run through the fused kernel in rounds of 32 sequences.
 */
import { asSequenceBatch, type SequenceBatch, type Sequences } from '../data/sequences.js';
import { NonFiniteError } from '../errors.js';
import { assertSequencesFit, sequenceFor } from './inputs.js';
import type { Scope } from '../wasm/heap.js';
import type { Rnn } from './model.js';
import { forwardInChunks, outputAt } from './passes.js';

/** Everything the forward pass computes for a batch of n sequences. */
export interface ForwardCache {
  /** Number of sequences. */
  readonly n: number;
  /** f(x_i) = Bᵀ h_L(x_i), n values. */
  readonly f: Float64Array;
  /** f_l(x_i) = Bᵀ h_l(x_i), n×L row-major (entry i·L + l − 1). */
  readonly stepOutputs: Float64Array;
  /** h_l(x_i), n×(L+1)×m row-major (entry (i(L+1) + l)·m + k), l = 0..L. */
  readonly h: Float64Array;
  /** D_l(x_i) diagonals, n×L×m (entry (i·L + l − 1)·m + k is 1 if g_l,k > 0, else 0). */
  readonly masks: Uint8Array;
}

/**
 * f(x_i) for every sequence of the batch (n values). The inputs are checked finite first, so an
 * output that overflows is the network's doing: NonFiniteError says so (its parameters are too large).
 *
 * f(W, x_i) = Bᵀ h_L(x_i) (eq. 3; docs/theory.md#the-network).
 *
 * @example
 * ```ts
 * import { createRnn, forward, sequenceBatch } from 'rnn-ntk';
 *
 * const model = createRnn({ m: 32, d: 1, L: 2, seed: 7 });
 * const x = sequenceBatch(2, 2, 1, [0.5, -1, 2, 0.25]); // or nested: [[[0.5], [-1]], [[2], [0.25]]]
 * console.log(forward(model, x)); // two outputs
 * model.dispose();
 * ```
 */
export function forward(model: Rnn, sequences: Sequences): Float64Array {
  const x = asSequenceBatch(sequences);
  assertSequencesFit(model, x);
  const f = new Float64Array(x.n);
  forwardInChunks(model, x, (ws, first, count) => {
    for (let s = 0; s < count; s++) {
      const value = outputAt(model, ws, s, model.L);
      if (!Number.isFinite(value)) {
        throw new NonFiniteError(
          `the network's output on sequence ${first + s} is ${value} although the input is finite: the model's parameters overflow f64 (a diverged or corrupted W); retrain with a smaller step size`,
          first + s,
          value,
        );
      }
      f[first + s] = value;
    }
  });
  return f;
}

/** f(x) for one sequence given flat L×d (row-major). */
export function forwardSequence(model: Rnn, x: ArrayLike<number>): number {
  const data = sequenceFor(model, x);
  return forward(model, { n: 1, L: model.L, d: model.d, data })[0];
}

/** f, the per-step outputs f_l, the hidden states h_0..h_L and the masks D_1..D_L of a batch. */
export function forwardWithCache(model: Rnn, sequences: Sequences): ForwardCache {
  const x = asSequenceBatch(sequences);
  assertSequencesFit(model, x);
  const { m, L } = model;
  const f = new Float64Array(x.n);
  const stepOutputs = new Float64Array(x.n * L);
  const h = new Float64Array(x.n * (L + 1) * m);
  const masks = new Uint8Array(x.n * L * m);
  const block = (L + 1) * m;
  forwardInChunks(model, x, (ws, first, count) => {
    for (let s = 0; s < count; s++) {
      const i = first + s;
      for (let l = 1; l <= L; l++) stepOutputs[i * L + l - 1] = outputAt(model, ws, s, l);
      f[i] = stepOutputs[i * L + L - 1];
      const src = model.backend.heap.f64.subarray(ws.h + s * block, ws.h + (s + 1) * block);
      h.set(src, i * block);
      for (let k = m; k < block; k++) masks[i * L * m + k - m] = src[k] > 0 ? 1 : 0;
    }
  });
  return { n: x.n, f, stepOutputs, h, masks };
}

/**
 * The hidden states h_0..h_L of every sequence, n×(L+1)×m row-major: the forward
 * correlations ⟨h_l(x_i), h_l(x_j)⟩ of Theorem 5 are dot products of its rows.
 *
 * @example
 * ```ts
 * import { createRnn, hiddenStates } from 'rnn-ntk';
 *
 * const model = createRnn({ m: 8, d: 1, L: 2, seed: 3 });
 * const h = hiddenStates(model, [[[1], [-1]]]); // 1 × (L+1) × m: h_0, h_1, h_2
 * console.log(h.length); // 24
 * model.dispose();
 * ```
 */
export function hiddenStates(model: Rnn, sequences: Sequences): Float64Array {
  const x = asSequenceBatch(sequences);
  assertSequencesFit(model, x);
  const block = (model.L + 1) * model.m;
  const h = new Float64Array(x.n * block);
  forwardInChunks(model, x, (ws, first, count) => {
    h.set(model.backend.heap.f64.subarray(ws.h, ws.h + count * block), first * block);
  });
  return h;
}

/**
 * {@link hiddenStates} written straight into a block that `scope` (a scope of the model's own
 * heap) allocates; returns its element offset. For callers that go on in the heap (the
 * empirical correlations), with no JS copy.
 */
export function hiddenStatesInHeap(model: Rnn, x: SequenceBatch, scope: Scope): number {
  assertSequencesFit(model, x);
  const block = (model.L + 1) * model.m;
  const h = scope.alloc(x.n * block);
  forwardInChunks(model, x, (ws, first, count) => {
    model.backend.heap.f64.copyWithin(h + first * block, ws.h, ws.h + count * block);
  });
  return h;
}
