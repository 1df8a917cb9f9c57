// The experiments of docs/experiments.md (claims 1–7), dependency-free: this file only re-exports.
export { EXPERIMENTS } from './registry.js';
export { type ContrastVerdict, EXPERIMENT_NAMES, type ExperimentName, type ExperimentResult, type PlotAxis, type PlotData, type ProgressFn, type Row, type Verdict } from './result.js';
export { defineExperiment, type ExperimentBody, type ExperimentDefinition, type ExperimentInfo, type ExperimentSpec, type RunContext, type UnitContext } from './definition.js';
export { resolveParams, type ParamKind, type ParamSpec, type ParamValues } from './params.js';
export { compareGrowth, fitLine, fitPowerLaw, fitExponential, mean, standardError, type GrowthComparison, type LineFit } from './fit.js';
export type { WidthSweepParams } from './width-sweep.js';
export type { LearningRunParams } from './learning-runs.js';
export { kernelConvergence, kernelConvergenceVerdict, type KernelConvergenceParams } from './kernel-convergence.js';
export { ntkConvergence, ntkConvergenceVerdict, type NtkConvergenceParams } from './ntk-convergence.js';
export { backwardDecay, backwardDecayVerdict, type BackwardDecayParams } from './backward-decay.js';
export { AIC_MARGIN, complexityGrowthVerdict, complexityVsLength, MIN_GROWTH_EXPONENT, SUBCRITICAL_VW, type ComplexityVsLengthParams } from './complexity-vs-length.js';
export { learningCurve, learningCurveVerdict, type LearningCurveParams, LEARNED_FRACTION, MAX_FALLING_SLOPE } from './learning-curve.js';
export { unnormalizedInputs, unnormalizedInputsVerdict, type UnnormalizedInputsParams } from './unnormalized-inputs.js';
export { lazyTraining, lazyTrainingVerdict, MAX_GAP_SLOPE, type LazyTrainingParams } from './lazy-training.js';
