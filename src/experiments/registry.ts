/** The experiments of SPEC §7 by name, in the order the report presents them. */
import { backwardDecay } from './backward-decay.js';
import type { ExperimentDefinition } from './definition.js';
import type { ExperimentName } from './result.js';

/** Every experiment, keyed by its command name. */
export const EXPERIMENTS: Partial<Record<ExperimentName, ExperimentDefinition>> = {
  'backward-decay': backwardDecay,
};
