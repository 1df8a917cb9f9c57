/**
 * How the parallel kernels cut their work into calls. Only the cut points depend on the thread
 * count; each output element is computed by one call, with the operations of the
 * single-thread kernel, so the bits never depend on where the cuts fall.
 */

/** Calls per thread: a few, so that threads finishing early take more (dynamic balance). */
const CALLS_PER_THREAD = 4;

/** Rounds up to a multiple of `step` (≥ step). */
function roundUp(x: number, step: number): number {
  return Math.max(step, Math.ceil(x / step) * step);
}

/**
 * Cuts [0, n) into consecutive ranges of (about) equal length, each a multiple of `step`
 * except the last, about CALLS_PER_THREAD per thread. Returns the boundaries [0, …, n].
 */
export function evenRanges(n: number, threads: number, step: number): number[] {
  const size = roundUp(n / (threads * CALLS_PER_THREAD), step);
  const cuts = [0];
  for (let i = size; i < n; i += size) cuts.push(i);
  cuts.push(n);
  return cuts;
}

/**
 * Cuts the rows [0, n) of a lower triangle (row i holds i + 1 entries) into ranges of about
 * equal area, each boundary a multiple of `step`: boundary t ≈ n·√(t/T). Returns [0, …, n].
 */
export function triangleRanges(n: number, threads: number, step: number): number[] {
  const parts = threads * CALLS_PER_THREAD;
  const cuts = [0];
  for (let t = 1; t < parts; t++) {
    const b = Math.round((n * Math.sqrt(t / parts)) / step) * step;
    if (b > cuts[cuts.length - 1] && b < n) cuts.push(b);
  }
  cuts.push(n);
  return cuts;
}

/**
 * Cuts the rows [0, n) of an upper triangle (row i holds n − i entries, the symmetric H∞) into
 * ranges of about equal area. Returns [0, …, n].
 */
export function upperTriangleRanges(n: number, threads: number): number[] {
  return triangleRanges(n, threads, 1).map((b) => n - b).reverse();
}
