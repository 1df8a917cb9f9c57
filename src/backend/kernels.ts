/**
 * The kernel set every backend provides, derived from the TS twins (src/backend/twins.ts):
 * each twin `f(heap, ...args)` becomes a kernel `f(...args)` acting on the backend's heap.
 */
import type * as twins from './twins.js';

type WithoutHeap<F> = F extends (heap: Float64Array, ...args: infer A) => infer R
  ? (...args: A) => R
  : never;

/** Every kernel, with the heap bound: offsets are element offsets into `Backend.heap`. */
export type Kernels = { readonly [K in keyof typeof twins]: WithoutHeap<(typeof twins)[K]> };

/** Names of all kernels. */
export type KernelName = keyof Kernels;
