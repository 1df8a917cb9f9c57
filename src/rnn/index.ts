// Public API of src/rnn: this file only re-exports.
export { type RnnConfig, type ResolvedRnnConfig } from './config.js';
export { Rnn, createRnn, type RnnParameterOffsets, type RnnParameters } from './model.js';
export { forward, forwardSequence, forwardWithCache, hiddenStates, type ForwardCache } from './forward.js';
export { gradient, stepActivations, type GradientOptions, type StepActivations } from './gradient.js';
export { logisticLoss, logisticLossDerivative } from './loss.js';
export { evaluate, type Evaluation } from './evaluate.js';
export { stepDataset, isStepDataset, type StepDataset, type LabelledData } from './labelling.js';
export { sgdStep, type SgdStepOptions } from './sgd.js';
export type { ObjectiveTally } from './objective.js';
export { train, type Example, type ExampleSampler, type TrainOptions, type TrainReport, type TrainResult } from './train.js';
export { saveModel, loadModel, type LoadOptions } from './serialize.js';
