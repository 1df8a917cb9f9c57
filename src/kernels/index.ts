// Public API of src/kernels: this file only re-exports.
export * from './analytic.js';
export { arcCosine0, arcCosine1, clampedCorrelation } from '../numeric/arc-cosine.js';
export { portableAcos, portableAsin } from '../numeric/portable-trig.js';
export * from './empirical-activations.js';
export {
  empiricalNtkFromActivations,
  empiricalNtkCrossFromActivations,
  type EmpiricalNtkOptions,
  type EmpiricalNtkVariant,
} from './empirical-ntk.js';
export * from './empirical-correlations.js';
export * from './empirical-network.js';
export * from './hermite.js';
export * from './kernel-fn.js';
export * from './parameter-groups.js';
export * from './monte-carlo-kernel.js';
