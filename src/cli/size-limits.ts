/**
 * Size checks made before any computation: a request that cannot fit in the 4 GiB of wasm32
 * memory fails at once with the largest size that fits and the option that would help, instead
 * of after minutes of work.
 */
import { formatBytes } from '../wasm/heap.js';
import { largestFitting } from '../wasm/memory-budget.js';
import { UsageError } from './errors.js';

/** Bytes of WebAssembly (wasm32) linear memory, the heap of either backend. */
export const HEAP_LIMIT_BYTES = 2 ** 32;

/**
 * Throws UsageError unless `bytes(value)` fits the heap: the message names the need, the
 * largest value of `variable` (n, m, …) that fits and `hint` (what else would help).
 */
export function assertFitsHeap(what: string, variable: string, value: number, bytes: (v: number) => number, hint: string): void {
  const need = bytes(value);
  if (need <= HEAP_LIMIT_BYTES) return;
  throw new UsageError(
    `${what} for ${variable} = ${value} needs about ${formatBytes(need)} of heap, beyond the ${formatBytes(HEAP_LIMIT_BYTES)} of WebAssembly memory; ` +
      `the largest ${variable} that fits is ${largestFitting((v) => bytes(v) / 8, value, HEAP_LIMIT_BYTES)}${hint === '' ? '' : `; ${hint}`}`,
  );
}

/**
 * Heap bytes of the analytic kernel of n sequences of L×d with `slabs` extra n×n matrices
 * (per-step kernels): inputs, the diagonal recursions, H and the slabs (src/kernels/analytic.ts).
 */
export function analyticKernelBytes(L: number, d: number, slabs: number): (n: number) => number {
  return (n) => 8 * (n * L * d + n * L + (1 + slabs) * n * n);
}

/**
 * Heap bytes of a width-m network on sequences of L×d processed `batch` at a time: W, A, B, M0,
 * h_0, the generator and the pass workspace (src/rnn/model.ts, src/rnn/workspace.ts).
 */
export function networkBytes(L: number, d: number, batch: number): (m: number) => number {
  return (m) => 8 * (m * m + m * d + 3 * m + 6 + batch * ((L + 1) * m + L * m + L * d + 3 * L));
}

/**
 * Heap bytes of the empirical NTK of n sequences with a width-m network: the network, the
 * stacked activations (2·n·L·m) and the n×n result with its two Gram blocks
 * (src/kernels/empirical-network.ts).
 */
export function empiricalKernelBytes(m: number, L: number, d: number): (n: number) => number {
  return (n) => networkBytes(L, d, 32)(m) + 8 * (n * L * d + 2 * n * L * m + 3 * n * n);
}
