/**
 * Checks, before a long computation starts, that the heap memory it will need fits in what
 * WebAssembly linear memory can still hold (4 GiB for wasm32, minus what is live), so a size
 * that cannot fit fails at once — naming the largest size that would — instead of after
 * minutes of work.
 */
import { WasmMemoryError } from '../errors.js';
import { formatBytes, type Heap } from './heap.js';

/** A computation's heap need: f64 slots as a function of its size n (non-decreasing in n). */
export type SlotsFor = (n: number) => number;

/** The largest n' ≤ n with slotsFor(n')·8 ≤ bytes (0 if none), by bisection. */
export function largestFitting(slotsFor: SlotsFor, n: number, bytes: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (slotsFor(mid) * 8 <= bytes) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Throws WasmMemoryError unless `slotsFor(n)` slots fit in `heap` now. `what` names the
 * computation and its size variable (e.g. "H∞ and its Cholesky factor for n sequences"),
 * `advice` says what to do instead; the message names the largest n that fits.
 */
export function assertFitsInHeap(heap: Heap, slotsFor: SlotsFor, n: number, what: string, advice: string): void {
  const needed = slotsFor(n) * 8;
  const available = heap.availableBytes;
  if (needed <= available) return;
  const fits = largestFitting(slotsFor, n, available);
  throw new WasmMemoryError(
    `${what} at n = ${n} needs ${formatBytes(needed)} of heap, but only ${formatBytes(available)} of the ` +
      `${formatBytes(heap.maxBytes)} WebAssembly memory is free: the largest n that fits is ${fits}; ${advice}`,
    needed,
  );
}
