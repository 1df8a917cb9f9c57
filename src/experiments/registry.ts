/** The experiments of docs/experiments.md by name, in the order the report presents them. */
import { backwardDecay } from './backward-decay.js';
import { complexityVsLength } from './complexity-vs-length.js';
import type { ExperimentDefinition } from './definition.js';
import { kernelConvergence } from './kernel-convergence.js';
import { lazyTraining } from './lazy-training.js';
import { learningCurve } from './learning-curve.js';
import { ntkConvergence } from './ntk-convergence.js';
import { unnormalizedInputs } from './unnormalized-inputs.js';
import type { ExperimentName } from './result.js';

/** Every experiment, keyed by its command name. */
export const EXPERIMENTS: Readonly<Record<ExperimentName, ExperimentDefinition>> = {
  'kernel-convergence': kernelConvergence,
  'ntk-convergence': ntkConvergence,
  'backward-decay': backwardDecay,
  'complexity-vs-length': complexityVsLength,
  'learning-curve': learningCurve,
  'unnormalized-inputs': unnormalizedInputs,
  'lazy-training': lazyTraining,
};
