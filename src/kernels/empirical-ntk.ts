/**
 * The empirical neural tangent kernel of a width-m network with respect to W (docs/theory.md#empirical-ntk, eq. 23):
 *
 *     H_ij = (1/m) ⟨∇_W f(x_i), ∇_W f(x_j)⟩ = (1/m) Σ_{l,l'} ⟨δ_l^i, δ_{l'}^j⟩ ⟨h_{l−1}^i, h_{l'−1}^j⟩
 *
 * computed from the stacked activations without ever forming an m×m gradient, tiled over
 * blocks of sequences so that the scratch memory is O((tile·L)²) whatever n is. The
 * "same-step" variant keeps only l = l' (the cross-step terms vanish as m → ∞, Theorem 6).
 */
import { getBackend, type Backend, type BackendChoice } from '../backend/backend.js';
import { InvalidArgumentError } from '../errors.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import type { Scope } from '../wasm/heap.js';
import { assertInteger } from '../validate.js';
import { assertActivations, assertCompatible, type StackedActivations } from './empirical-activations.js';
import {
  accumulateFullCross,
  accumulateFullLower,
  accumulateSameStepCross,
  accumulateSameStepLower,
  type HeapActivations,
  type KernelDims,
} from './empirical-tiles.js';

/** Which terms of eq. 23 to keep: all (l, l') pairs, or only l = l'. */
export type EmpiricalNtkVariant = 'full' | 'same-step';

/** Options of the empirical-NTK functions. */
export interface EmpiricalNtkOptions {
  /** 'full' (default): every (l, l') pair; 'same-step': l = l' only. */
  readonly variant?: EmpiricalNtkVariant;
  /** Sequences per tile of the full kernel (default: about 1024 / L, so tiles of ~1024 Gram rows). */
  readonly tileSequences?: number;
  /** Backend that runs the kernels (default 'auto'). */
  readonly backend?: BackendChoice;
}

/** Gram rows per tile by default: two 1024² tiles are 16 MiB of scratch. */
const DEFAULT_TILE_ROWS = 1024;

/** The plan of a kernel call, resolved from the options: the backend, the variant and the sizes. */
export interface ResolvedNtkOptions {
  /** The backend whose heap holds the activations and runs the kernels. */
  readonly b: Backend;
  /** 'full' or 'same-step'. */
  readonly variant: EmpiricalNtkVariant;
  /** L, m and the tile size. */
  readonly dims: KernelDims;
}

/** Validates the options (variant, tileSequences) for activations of length L and width m. */
export function resolveNtkOptions(opts: EmpiricalNtkOptions, L: number, m: number): ResolvedNtkOptions {
  const variant = opts.variant ?? 'full';
  if (variant !== 'full' && variant !== 'same-step') {
    throw new InvalidArgumentError(`variant must be 'full' or 'same-step', got ${String(variant)}`);
  }
  const tile = opts.tileSequences ?? Math.max(1, Math.floor(DEFAULT_TILE_ROWS / L));
  assertInteger('tileSequences', tile, 1);
  return { b: getBackend(opts.backend), variant, dims: { L, m, tile } };
}

/** Copies one activation set into the heap scope `s`. */
function place(s: Scope, acts: StackedActivations): HeapActivations {
  return { n: acts.n, delta: s.put(acts.delta), hPrev: s.put(acts.hPrev) };
}

/** Fills the upper triangle of a row-major n×n matrix from its lower triangle. */
function mirrorLower(data: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) data[j * n + i] = data[i * n + j];
}

/** The n×n kernel of validated activations already in the heap of `plan.b` (lower triangle, mirrored). */
export function empiricalNtkInHeap(plan: ResolvedNtkOptions, x: HeapActivations): Matrix {
  const { b, variant, dims } = plan;
  const n = x.n;
  const data = b.heap.scope((s) => {
    const out = s.alloc(n * n);
    if (variant === 'full') accumulateFullLower(b, x, dims, out);
    else accumulateSameStepLower(b, x, dims, out);
    return b.heap.read(out, n * n);
  });
  mirrorLower(data, n);
  return matrix(n, n, data);
}

/** The nA×nB kernel between validated activation sets already in the heap of `plan.b`. */
export function empiricalNtkCrossInHeap(plan: ResolvedNtkOptions, xa: HeapActivations, xb: HeapActivations): Matrix {
  const { b, variant, dims } = plan;
  const data = b.heap.scope((s) => {
    const out = s.alloc(xa.n * xb.n);
    if (variant === 'full') accumulateFullCross(b, xa, xb, dims, out);
    else accumulateSameStepCross(b, xa, xb, dims, out);
    return b.heap.read(out, xa.n * xb.n);
  });
  return matrix(xa.n, xb.n, data);
}

/**
 * The n×n empirical NTK (eq. 23, or its same-step variant) of the sequences whose stacked
 * activations are `acts`. Throws ShapeError / NonFiniteError / InvalidArgumentError on bad input.
 */
export function empiricalNtkFromActivations(acts: StackedActivations, opts: EmpiricalNtkOptions = {}): Matrix {
  assertActivations('activations', acts);
  const plan = resolveNtkOptions(opts, acts.L, acts.m);
  return plan.b.heap.scope((s) => empiricalNtkInHeap(plan, place(s, acts)));
}

/**
 * The nA×nB test × train empirical NTK, entry (i, j) = (1/m) ⟨∇_W f(a_i), ∇_W f(b_j)⟩ (eq. 23;
 * same-step variant on request), for activations of the same network on two sets of sequences.
 */
export function empiricalNtkCrossFromActivations(
  test: StackedActivations,
  train: StackedActivations,
  opts: EmpiricalNtkOptions = {},
): Matrix {
  assertActivations('test activations', test);
  assertActivations('train activations', train);
  assertCompatible(test, train);
  const plan = resolveNtkOptions(opts, test.L, test.m);
  return plan.b.heap.scope((s) => empiricalNtkCrossInHeap(plan, place(s, test), place(s, train)));
}
