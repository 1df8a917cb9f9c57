// Public API of rnn-ntk. This file only re-exports.
export * from './errors.js';
export { getBackend, type Backend, type BackendChoice, type BackendName } from './backend/backend.js';
export type { Kernels, KernelName } from './backend/kernels.js';
export { hasWasmSimd } from './wasm/load.js';
export { Heap, type Scope } from './wasm/heap.js';
export { Rng, seedWords } from './random/rng.js';
export * from './linalg/index.js';
export * from './rnn/index.js';
export * from './kernels/index.js';
export * from './theory/index.js';
export * from './io/index.js';
export * from './data/sequences.js';
export * from './model/variances.js';
export * from './experiments/index.js';
export * from './finite-time/index.js';
