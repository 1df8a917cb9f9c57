/**
 * Size checks made before any computation: a request that cannot fit in the 4 GiB of wasm32
 * memory fails at once with the largest size that fits and the option that would help, instead
 * of after minutes of work.
 */
import { formatBytes } from '../wasm/heap.js';
import { UsageError } from './errors.js';

/** Bytes of WebAssembly (wasm32) linear memory, the heap of either backend. */
export const HEAP_LIMIT_BYTES = 2 ** 32;

/**
 * Largest n with bytes(n) ≤ limit, for bytes increasing in n (binary search), and whether
 * `n` itself fits.
 */
function largestFitting(bytes: (n: number) => number, limit = HEAP_LIMIT_BYTES): number {
  let lo = 0;
  let hi = 1;
  while (bytes(hi) <= limit) hi *= 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (bytes(mid) <= limit) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Throws UsageError unless `bytes(n)` fits the heap: the message names the need, the largest n
 * that fits and `hint` (what else would help).
 */
export function assertFitsHeap(what: string, n: number, bytes: (n: number) => number, hint: string): void {
  const need = bytes(n);
  if (need <= HEAP_LIMIT_BYTES) return;
  throw new UsageError(
    `${what} for n = ${n} needs about ${formatBytes(need)} of heap, beyond the ${formatBytes(HEAP_LIMIT_BYTES)} of WebAssembly memory; ` +
      `the largest n that fits is ${largestFitting(bytes)}${hint === '' ? '' : `; ${hint}`}`,
  );
}

/**
 * Heap bytes of the analytic kernel of n sequences of L×d with `slabs` extra n×n matrices
 * (per-step kernels): inputs, the diagonal recursions, H and the slabs (src/kernels/analytic.ts).
 */
export function analyticKernelBytes(L: number, d: number, slabs: number): (n: number) => number {
  return (n) => 8 * (n * L * d + n * L + (1 + slabs) * n * n);
}
