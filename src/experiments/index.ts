// The experiments of docs/experiments.md (claims 1–6), dependency-free: this file only re-exports.
export { EXPERIMENTS } from './registry.js';
export { EXPERIMENT_NAMES, type ExperimentName, type ExperimentResult, type PlotAxis, type PlotData, type ProgressFn, type Row, type Verdict } from './result.js';
export type { ExperimentDefinition, RunContext } from './definition.js';
export { resolveParams, type ParamKind, type ParamSpec, type ParamValues } from './params.js';
export { fitLine, fitPowerLaw, fitExponential, mean, standardError, type LineFit } from './fit.js';
export type { WidthSweepParams } from './width-sweep.js';
export type { LearningRunParams } from './learning-runs.js';
export { kernelConvergence, type KernelConvergenceParams } from './kernel-convergence.js';
export { ntkConvergence, type NtkConvergenceParams } from './ntk-convergence.js';
export { backwardDecay, type BackwardDecayParams } from './backward-decay.js';
export { complexityVsLength, type ComplexityVsLengthParams } from './complexity-vs-length.js';
export { learningCurve, type LearningCurveParams, LEARNED_FRACTION } from './learning-curve.js';
export { unnormalizedInputs, type UnnormalizedInputsParams } from './unnormalized-inputs.js';
