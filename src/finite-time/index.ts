// Public API of src/finite-time (docs/finite-time.md): this file only re-exports.
export {
  gradientDescentMse,
  type MsePrediction,
  type MsePredictionInputs,
  type MsePredictor,
} from './gradient-descent-mse.js';
export {
  gradientDescentMseEnsemble,
  type EnsembleKernels,
  type EnsemblePrediction,
  type MseEnsemblePredictor,
} from './mse-ensemble.js';
export { NEGATIVE_EIGENVALUE_TOLERANCE, type MseDynamicsOptions } from './mse-spectrum.js';
export { logisticFlow, MAX_FLOW_STEPS, type LogisticFlowOptions, type LogisticFlowResult } from './logistic-flow.js';
