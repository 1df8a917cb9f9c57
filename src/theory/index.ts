// Public API of src/theory: this file only re-exports.
export * from './bounds.js';
export * from './complexity.js';
export * from './smallest-eigenvalue.js';
export * from './ntk-factor.js';
export * from './psi-catalog.js';
export { functionComplexity, functionComplexityN, logMaxMultinomial, type ComplexityValue, type ComplexityNOptions } from './function-complexity.js';
export {
  evaluateTarget,
  scaleTarget,
  MAX_INPUT_NORM,
  targetComplexity,
  type AdditiveTerm,
  type AdditiveTarget,
  type NVariableTerm,
  type NVariableTarget,
  type ConceptTarget,
  type TargetComplexity,
  type NormRange,
} from './concept-classes.js';
export * from './concept-sampler.js';
export * from './presets.js';
export * from './kernel-regression.js';
export * from './predictor.js';
export * from './zero-one.js';
