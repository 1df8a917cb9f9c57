/** The shape of an experiment: its declared parameters, default and quick sizes, and `run`. */
import type { BackendChoice } from '../backend/backend.js';
import type { ParamSpec, ParamValues } from './params.js';
import type { ExperimentName, ExperimentResult, ProgressFn } from './result.js';

/** What every run gets besides its parameters. */
export interface RunContext {
  /** Seed of the one Rng the run derives all randomness from. */
  readonly seed: number;
  /** Kernel backend (default 'auto'). */
  readonly backend?: BackendChoice;
  /** Called as units of work complete (the CLI draws a progress bar from it). */
  readonly onProgress?: ProgressFn;
}

/** One of the six experiments of docs/experiments.md. */
export interface ExperimentDefinition<P extends ParamValues = ParamValues> {
  /** Its command name (`rnn-ntk experiment <name>`). */
  readonly name: ExperimentName;
  /** A short title, as the report shows it. */
  readonly title: string;
  /** The claim, as docs/experiments.md states it. */
  readonly claim: string;
  /** The declarations of its parameters (the CLI's flags, validated by `run`). */
  readonly params: readonly ParamSpec[];
  /** Small default sizes (the demo's). */
  readonly defaults: P;
  /** Tiny sizes for tests (`demo --quick`). */
  readonly quick: P;
  /** Runs the experiment; `params` are merged over `defaults` and validated first. */
  run(params: Partial<Record<string, unknown>>, ctx: RunContext): ExperimentResult;
}
