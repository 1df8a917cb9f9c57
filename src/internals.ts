/**
 * `rnn-ntk/internals`: the building blocks below the public API, for code that extends the
 * library (new kernels, new backends) and for its tests. The heap and the backend kernels work
 * on raw offsets into WebAssembly linear memory; the validators throw the library's typed
 * errors. Nothing here is needed to use the library, and it may change in any release.
 *
 * @example
 * ```ts
 * import { getBackend, assertSequenceBatch } from 'rnn-ntk/internals';
 * import { sequenceBatch } from 'rnn-ntk';
 *
 * const backend = getBackend('ts'); // the plain-TypeScript twin of the WebAssembly kernels
 * assertSequenceBatch('x', sequenceBatch(1, 2, 1, [0.5, -1])); // throws a typed error if malformed
 * console.log(backend.name);
 * ```
 * @module
 */
// This file only re-exports.
export { getBackend, type Backend } from './backend/backend.js';
export type { Kernels, KernelName } from './backend/kernels.js';
export { Heap, type Scope, type HeapStorage } from './wasm/heap.js';
export type { LinearMemory } from './wasm/linear-memory.js';
export { choleskyInHeap, type InHeapCholeskyOptions } from './linalg/cholesky.js';
export { assertMatrix, assertSquare } from './linalg/matrix.js';
export { assertSequenceBatch, assertLabels } from './data/sequences.js';
export { assertActivations, assertCompatible } from './kernels/empirical-activations.js';
export { assertKernelMatrix, assertTargets } from './theory/kernel-matrix.js';
export { assertTarget, assertNormRange } from './theory/concept-classes.js';
export { resolveC1 } from './theory/function-complexity.js';
