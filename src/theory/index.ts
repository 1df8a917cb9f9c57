// Public API of src/theory: this file only re-exports.
export * from './bounds.js';
export * from './complexity.js';
export * from './smallest-eigenvalue.js';
export * from './ntk-factor.js';
export { assertKernelMatrix, assertTargets } from './kernel-matrix.js';
export * from './psi-catalog.js';
export * from './function-complexity.js';
export * from './concept-classes.js';
export * from './concept-sampler.js';
export * from './presets.js';
export * from './kernel-regression.js';
export * from './predictor.js';
export * from './zero-one.js';
