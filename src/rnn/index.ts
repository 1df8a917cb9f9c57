// Public API of src/rnn: this file only re-exports.
export { type RnnConfig, type ResolvedRnnConfig } from './config.js';
export { Rnn, createRnn, type RnnParameterOffsets, type RnnParameters } from './model.js';
export { forward, forwardSequence, forwardWithCache, hiddenStates, type ForwardCache } from './forward.js';
export { gradient, stepActivations, type GradientOptions, type StepActivations } from './gradient.js';
export { logisticLoss, logisticLossDerivative } from './loss.js';
