/**
 * The pieces of the empirical NTK that Theorems 5 and 6 talk about (docs/theory.md#empirical-ntk), computed only
 * when asked: forward correlations ⟨h_l(x_i), h_l(x_j)⟩ (→ k_l, Theorem 5) and backward
 * correlations (1/m)⟨δ_l(x_i), δ_{l'}(x_j)⟩ (→ b_l for l = l', → 0 for l ≠ l', Theorem 6).
 */
import { getBackend, type Backend, type BackendChoice } from '../backend/backend.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import { assertFinite, assertInteger } from '../validate.js';
import { assertActivations, type StackedActivations } from './empirical-activations.js';

/** Hidden states h_0..h_L of n sequences: n×(L+1)×m row-major, row i·(L+1) + l is h_l(x_i). */
export interface StackedHiddenStates {
  /** Number of sequences. */
  readonly n: number;
  /** Sequence length L (L + 1 states per sequence, h_0..h_L). */
  readonly L: number;
  /** Network width m. */
  readonly m: number;
  /** The states, n×(L+1)×m row-major. */
  readonly h: Float64Array;
}

/** A correlation matrix for one step l (forward) or one pair (l, l') (backward). */
export interface Correlation {
  /** The step l (of h_l for forward, δ_l for backward correlations). */
  readonly l: number;
  /** Equal to l for forward correlations. */
  readonly lPrime: number;
  /** n×n, entry (i, j) for sequences i and j. */
  readonly matrix: Matrix;
}

/**
 * For each [offX, offY] of `blocks`: C(i, j) = α ⟨x_i, y_j⟩, where x_i (y_j) is the length-m
 * slice at offX (offY) of row i (j) of the n rows (leading dimension `ld`) at heap offset `p`
 * of `b` — data already in the heap is used where it lies.
 */
function gramsAt(
  b: Backend, p: number, n: number, m: number, ld: number, alpha: number,
  blocks: ReadonlyArray<readonly [number, number]>,
): Matrix[] {
  return b.heap.scope((s) => {
    const out = s.alloc(n * n);
    return blocks.map(([offX, offY]) => {
      b.kernels.gemm(0, 1, n, n, m, alpha, p + offX, ld, p + offY, ld, 0, out, n);
      return matrix(n, n, b.heap.read(out, n * n));
    });
  });
}

/** As gramsAt, for rows given as an array: copied into the backend heap once for all the blocks. */
function grams(
  backend: BackendChoice | undefined,
  data: Float64Array, n: number, m: number, ld: number, alpha: number,
  blocks: ReadonlyArray<readonly [number, number]>,
): Matrix[] {
  const b = getBackend(backend);
  return b.heap.scope((s) => gramsAt(b, s.put(data), n, m, ld, alpha, blocks));
}

function assertStep(name: string, l: number, min: number, max: number): void {
  if (!Number.isInteger(l) || l < min || l > max) throw new InvalidArgumentError(`${name} must be an integer in [${min}, ${max}], got ${l}`);
}

/**
 * Forward correlations ⟨h_l(x_i), h_l(x_j)⟩ for each requested step l ∈ [0, L] (the empirical
 * counterpart of k_l, Theorem 5; docs/theory.md#forward-kernel forward recursion).
 */
export function forwardCorrelations(
  hidden: StackedHiddenStates, steps: readonly number[], opts: { backend?: BackendChoice } = {},
): Correlation[] {
  if (hidden === null || typeof hidden !== 'object' || typeof hidden.h?.length !== 'number') {
    throw new ShapeError('hidden states must be {n, L, m, h} with h an array (e.g. forwardWithCache(model, x).h)');
  }
  const { n, L, m, h } = hidden;
  assertInteger('n (number of sequences)', n, 0);
  if (n === 0) throw new ShapeError('no sequences given: the correlations need at least one');
  assertInteger('L (sequence length)', L, 1);
  assertInteger('m (width)', m, 1);
  if (h.length !== n * (L + 1) * m) {
    throw new ShapeError(`hidden states must be n×(L+1)×m = ${n}×${L + 1}×${m} values, got ${h.length}`);
  }
  assertFinite('hidden states', h);
  for (const l of steps) assertStep('forward correlation step l', l, 0, L);
  const matrices = grams(opts.backend, h, n, m, (L + 1) * m, 1, steps.map((l) => [l * m, l * m] as const));
  return steps.map((l, t) => ({ l, lPrime: l, matrix: matrices[t] }));
}

/**
 * forwardCorrelations of the n×(L+1)×m hidden states at heap offset `h` of `b` (no copy).
 * Core-only: not re-exported from the package.
 */
export function forwardCorrelationsInHeap(b: Backend, h: number, n: number, L: number, m: number, steps: readonly number[]): Correlation[] {
  for (const l of steps) assertStep('forward correlation step l', l, 0, L);
  const matrices = gramsAt(b, h, n, m, (L + 1) * m, 1, steps.map((l) => [l * m, l * m] as const));
  return steps.map((l, t) => ({ l, lPrime: l, matrix: matrices[t] }));
}

/**
 * Backward correlations (1/m)⟨δ_l(x_i), δ_{l'}(x_j)⟩ for each requested pair (l, l'),
 * 1 ≤ l, l' ≤ L (Theorem 6: → b_l when l = l', → 0 otherwise).
 */
export function backwardCorrelations(
  acts: StackedActivations, pairs: ReadonlyArray<readonly [number, number]>, opts: { backend?: BackendChoice } = {},
): Correlation[] {
  assertActivations('activations', acts);
  const b = getBackend(opts.backend);
  return b.heap.scope((s) => backwardCorrelationsInHeap(b, s.put(acts.delta), acts.n, acts.L, acts.m, pairs));
}

/**
 * backwardCorrelations of the stacked (n·L)×m δ at heap offset `delta` of `b` (no copy).
 * Core-only: not re-exported from the package.
 */
export function backwardCorrelationsInHeap(
  b: Backend, delta: number, n: number, L: number, m: number, pairs: ReadonlyArray<readonly [number, number]>,
): Correlation[] {
  for (const [l, lPrime] of pairs) {
    assertStep('backward correlation step l', l, 1, L);
    assertStep("backward correlation step l'", lPrime, 1, L);
  }
  const blocks = pairs.map(([l, lPrime]) => [(l - 1) * m, (lPrime - 1) * m] as const);
  const matrices = gramsAt(b, delta, n, m, L * m, 1 / m, blocks);
  return pairs.map(([l, lPrime], t) => ({ l, lPrime, matrix: matrices[t] }));
}
