// Public API of rnn-ntk. This file only re-exports.
export * from './errors.js';
export type { BackendChoice, BackendName } from './backend/backend.js';
export { coreBuild, hasWasmSimd, type CoreBuild, type CoreBuildName } from './wasm/load.js';
export * from './parallel/index.js';
export { Rng, seedWords } from './random/rng.js';
export * from './lifecycle/index.js';
export * from './linalg/index.js';
export * from './rnn/index.js';
export * from './kernels/index.js';
export * from './theory/index.js';
export * from './io/index.js';
export { sequenceBatch, sequencesFromNested, asSequenceBatch, sequenceAt, dataset, type SequenceBatch, type Sequences, type Dataset } from './data/sequences.js';
export * from './model/variances.js';
export * from './experiments/index.js';
export * from './finite-time/index.js';
