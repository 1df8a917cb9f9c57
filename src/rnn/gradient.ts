/**
 * Backprop through time (docs/theory.md#gradient): δ_L = D_L B, δ_{l−1} = D_{l−1} Wᵀ δ_l, and
 *
 *     ∇_W f(W, x) = Σ_{l=1..L} δ_l h_{l−1}ᵀ        (δ_l = D_l Back_lᵀ, paper eq. 22),
 *
 * exposed as the per-step pieces (δ_l, h_{l−1}) the empirical tangent kernel (docs/theory.md#empirical-ntk, eq. 23)
 * is built from, and, for inspection, as the m×m matrix itself. For a per-step output
 * f_l = Bᵀ h_l (Remark 3.2) the recursion starts at step l instead of L (δ_k = 0 for k > l).
 */
import { asSequenceBatch, type SequenceBatch, type Sequences } from '../data/sequences.js';
import { InvalidArgumentError } from '../errors.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import type { Scope } from '../wasm/heap.js';
import { assertSequencesFit, sequenceFor } from './inputs.js';
import type { Rnn } from './model.js';
import { backwardPass, forwardInChunks } from './passes.js';
import { assertOptions } from '../validate.js';

/** Per-step activations of n sequences: rows i·L + (l − 1) hold h_{l−1}(x_i) and δ_l(x_i). */
export interface StepActivations {
  /** Number of sequences. */
  readonly n: number;
  /** Sequence length L (rows per sequence). */
  readonly L: number;
  /** Network width m (row length). */
  readonly m: number;
  /** (n·L)×m row-major: row i·L + l − 1 is h_{l−1}(x_i). */
  readonly hPrev: Float64Array;
  /** (n·L)×m row-major: row i·L + l − 1 is δ_l(x_i), so ∇_W f(x_i) = Σ_l δ_l h_{l−1}ᵀ. */
  readonly delta: Float64Array;
}

/** The same stacked activations held in the model's heap: element offsets of the two blocks. */
export interface HeapStepActivations {
  /** Number of sequences. */
  readonly n: number;
  /** (n·L)×m row-major block: row i·L + l − 1 is h_{l−1}(x_i). */
  readonly hPrev: number;
  /** (n·L)×m row-major block: row i·L + l − 1 is δ_l(x_i). */
  readonly delta: number;
}

/** Options of the gradient functions. */
export interface GradientOptions {
  /** Differentiate f_l = Bᵀ h_l for this step l ∈ 1..L (default L: f itself). */
  readonly output?: number;
}

/** The differentiated output step l ∈ 1..L (default L), validated. */
function outputStep(model: Rnn, options: GradientOptions): number {
  const l = options.output ?? model.L;
  if (!Number.isInteger(l) || l < 1 || l > model.L) {
    throw new InvalidArgumentError(`output must be a step in 1..${model.L}, got ${String(options.output)}`);
  }
  return l;
}

/**
 * {@link stepActivations} written straight into two blocks that `scope` (a scope of the
 * model's own heap, `model.backend.heap`) allocates: for callers that go on in the heap, such
 * as the empirical NTK, with no JS copy.
 */
export function stepActivationsInHeap(
  model: Rnn, x: SequenceBatch, scope: Scope, options: GradientOptions = {},
): HeapStepActivations {
  assertSequencesFit(model, x);
  const output = outputStep(model, options);
  const { m, L } = model;
  const hPrev = scope.alloc(x.n * L * m);
  const delta = scope.alloc(x.n * L * m);
  forwardInChunks(model, x, (ws, first, count) => {
    const heap = model.backend.heap.f64; // no allocation until the copies below are done
    heap.fill(0, ws.inject, ws.inject + count * L);
    for (let s = 0; s < count; s++) heap[ws.inject + s * L + output - 1] = 1;
    backwardPass(model, ws, count);
    for (let s = 0; s < count; s++) {
      heap.copyWithin(hPrev + (first + s) * L * m, ws.h + s * (L + 1) * m, ws.h + (s * (L + 1) + L) * m);
    }
    heap.copyWithin(delta + first * L * m, ws.delta, ws.delta + count * L * m);
  });
  return { n: x.n, hPrev, delta };
}

/**
 * h_{l−1}(x_i) and δ_l(x_i) for every sequence and step (docs/theory.md#empirical-ntk: the rows of the stacked
 * matrices Hh and Δ whose Gram matrices give the empirical NTK).
 */
export function stepActivations(model: Rnn, sequences: Sequences, options: GradientOptions = {}): StepActivations {
  const x = asSequenceBatch(sequences);
  assertOptions("stepActivations' options", options);
  const heap = model.backend.heap;
  return heap.scope((s) => {
    const acts = stepActivationsInHeap(model, x, s, options);
    const size = acts.n * model.L * model.m;
    return { n: acts.n, L: model.L, m: model.m, hPrev: heap.read(acts.hPrev, size), delta: heap.read(acts.delta, size) };
  });
}

/**
 * ∇_W f(W, x) = Σ_l δ_l h_{l−1}ᵀ as an m×m matrix (row-major, entry (i, j) = ∂f/∂W_ij), O(L m²).
 *
 * Backprop through time (eq. 21–22; docs/theory.md#gradient):
 *
 *     δ_L = D_L B,   δ_{l−1} = D_{l−1} Wᵀ δ_l,   ∇_W f(W, x) = Σ_{l=1..L} δ_l h_{l−1}ᵀ
 *
 * @example
 * ```ts
 * import { createRnn, gradient } from 'rnn-ntk';
 *
 * const model = createRnn({ m: 16, d: 2, L: 3, seed: 2 });
 * const g = gradient(model, [1, 0, 0.5, -1, 2, 1]); // one sequence, flat L×d
 * console.log(g.rows, g.cols); // 16 16
 * model.dispose();
 * ```
 */
export function gradient(model: Rnn, x: ArrayLike<number>, options: GradientOptions = {}): Matrix {
  assertOptions("gradient's options", options);
  const data = sequenceFor(model, x);
  const { m, L } = model;
  const acts = stepActivations(model, { n: 1, L, d: model.d, data }, options);
  const g = matrix(m, m);
  for (let l = 0; l < L; l++) {
    for (let i = 0; i < m; i++) {
      const di = acts.delta[l * m + i];
      if (di === 0) continue;
      for (let j = 0; j < m; j++) g.data[i * m + j] += di * acts.hPrev[l * m + j];
    }
  }
  return g;
}
