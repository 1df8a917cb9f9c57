/**
 * H∞ (docs/theory.md#tangent-kernel) of a batch of sequences, computed in the heap and factored where it lies
 * (the Cholesky (docs/theory.md#jitter), jitter policy included): the one factorisation that the complexity,
 * λ_min, the NTK predictor and the bound proxies share. No n×n copy leaves the heap.
 */
import type { SequenceBatch } from '../data/sequences.js';
import { getBackend, type BackendChoice } from '../backend/backend.js';
import { analyticNtkInHeap } from '../kernels/analytic.js';
import { HeapCholesky } from '../linalg/heap-cholesky.js';
import type { InitScheme } from '../model/variances.js';
import { assertFitsInHeap } from '../wasm/memory-budget.js';

/** Options of `factorAnalyticNtk`. */
export interface AnalyticNtkFactorOptions {
  /** Initialisation variances of H∞ (docs/theory.md#initialisation; default 'paper'). */
  readonly init?: InitScheme;
  /** Network width, needed only by 'algorithm1' (vB = 1/m). */
  readonly m?: number;
  /** Allow the jitter retries of docs/theory.md#jitter when H∞ is not numerically positive definite (default false). */
  readonly jitter?: boolean;
  /** Added to the diagonal before factoring (a ridge λ ≥ 0, for kernel regression; default 0). */
  readonly shift?: number;
  /** Backend that runs the kernels (default 'auto'). */
  readonly backend?: BackendChoice;
  /** Called as each stage starts: 'kernel' (H∞ into the heap), then 'factor' (Cholesky in place). */
  readonly onStage?: (stage: 'kernel' | 'factor') => void;
}

/**
 * Heap slots to compute and factor H∞ of n sequences of L×d: the n² kernel (factored in
 * place, jitter included: it needs no copy), the inputs and their diagonal variances.
 */
export function analyticNtkFactorSlots(n: number, L: number, d: number): number {
  return n * n + n * L * (d + 1) + 5 * (L + 1) + 64;
}

/**
 * The Cholesky factor of H∞(x) (+ shift·I, + jitter·I if needed and allowed), resident in the
 * heap; the caller disposes it (or `using`). Before any work the memory is checked: a batch
 * whose H∞ cannot fit fails at once with a WasmMemoryError naming the largest n that fits.
 */
export function factorAnalyticNtk(x: SequenceBatch, opts: AnalyticNtkFactorOptions = {}): HeapCholesky {
  const backend = getBackend(opts.backend ?? 'auto');
  if (Number.isInteger(x?.n) && Number.isInteger(x?.L) && Number.isInteger(x?.d)) {
    assertFitsInHeap(
      backend.heap,
      (n) => analyticNtkFactorSlots(n, x.L, x.d),
      x.n,
      'H∞ and its Cholesky factor (factored in place)',
      'the solve needs all of H∞ in one WebAssembly heap: beyond this size compute H∞ in blocks of rows ' +
        '(`rnn-ntk kernel --rows a:b`) and solve outside (see the README, "Kernels beyond one machine")',
    );
  }
  opts.onStage?.('kernel');
  const H = analyticNtkInHeap(x, { init: opts.init, m: opts.m, backend });
  opts.onStage?.('factor');
  return HeapCholesky.ofHeapMatrix(H, { jitter: opts.jitter, shift: opts.shift });
}
