/**
 * The shape of an experiment: its declared parameters, default and quick sizes, and its work
 * split into independent units. An experiment is planned (`units`: the networks, widths,
 * lengths … it measures, each a plain cloneable description), each unit is run on its own
 * (`runUnit`: deterministic in the unit, the parameters and the seed alone, so units may run in
 * any order, on any thread), and the unit results are assembled into tables, plots and the
 * verdict (`assemble`). `run` does all three in this thread, one unit after another; the CLI
 * hands the units to worker threads instead (src/cli/parallel/) and gets the same bits.
 */
import type { BackendChoice } from '../backend/backend.js';
import type { ParamSpec, ParamValues } from './params.js';
import type { ExperimentName, ExperimentResult, ProgressFn } from './result.js';

/** What every unit of work gets besides the parameters and the unit itself. */
export interface UnitContext {
  /** Seed of the run: every unit derives its generators from it and from the unit alone. */
  readonly seed: number;
  /** Kernel backend (default 'auto'). */
  readonly backend?: BackendChoice;
}

/** What every run gets besides its parameters. */
export interface RunContext extends UnitContext {
  /** Called as units of work complete (the CLI draws a progress bar from it). */
  readonly onProgress?: ProgressFn;
}

/** An experiment's result before its wall-clock time is known. */
export type ExperimentBody = Omit<ExperimentResult, 'seconds'>;

/** What describes an experiment, whichever form it is in. */
export interface ExperimentInfo<P extends ParamValues> {
  /** Its command name (`rnn-ntk experiment <name>`). */
  readonly name: ExperimentName;
  /** A short title, as the report shows it. */
  readonly title: string;
  /** The claim, as the paper states it (docs/experiments.md cites the theorem). */
  readonly claim: string;
  /** The declarations of its parameters (the CLI's flags, validated by `resolve`). */
  readonly params: readonly ParamSpec[];
  /** The demo's default sizes. */
  readonly defaults: P;
  /** Tiny sizes for tests (`demo --quick`). */
  readonly quick: P;
  /** Merges `given` over `defaults` and validates (typed errors naming the parameter). */
  resolve(given: Partial<Record<string, unknown>>): P;
}

/** The parts an experiment is written as (see {@link defineExperiment}). */
export interface ExperimentSpec<P extends ParamValues, U, R> extends ExperimentInfo<P> {
  /** The independent units of work, in the order `assemble` expects their results. */
  units(p: P): readonly U[];
  /** A short label of a unit, for progress bars. */
  unitLabel(unit: U): string;
  /** Runs one unit: a function of (p, unit, ctx) alone; the result must be structured-cloneable. */
  runUnit(p: P, unit: U, ctx: UnitContext): R;
  /** Tables, plots and verdict from the unit results (given in the order of `units`). */
  assemble(p: P, results: readonly R[], ctx: UnitContext): ExperimentBody;
}

/** One of the experiments of docs/experiments.md, with its units type-erased (what the registry holds). */
export interface ExperimentDefinition<P extends ParamValues = ParamValues> extends ExperimentSpec<P, unknown, unknown> {
  /** Runs the experiment in this thread; `params` are merged over `defaults` and validated first. */
  run(params: Partial<Record<string, unknown>>, ctx: RunContext): ExperimentResult;
}

/** Wall-clock seconds since `started` (a `performance.now()` reading). */
export function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}

/** An experiment from its parts; its `run` executes the units one after another in this thread. */
export function defineExperiment<P extends ParamValues, U, R>(spec: ExperimentSpec<P, U, R>): ExperimentDefinition<P> {
  return {
    ...spec,
    unitLabel: (unit) => spec.unitLabel(unit as U),
    runUnit: (p, unit, ctx) => spec.runUnit(p, unit as U, ctx),
    assemble: (p, results, ctx) => spec.assemble(p, results as readonly R[], ctx),
    run(given, ctx) {
      const started = performance.now();
      const p = spec.resolve(given);
      const units = spec.units(p);
      const results = units.map((unit, k) => {
        ctx.onProgress?.(k, units.length, spec.unitLabel(unit));
        return spec.runUnit(p, unit, ctx);
      });
      ctx.onProgress?.(units.length, units.length, 'done');
      return { ...spec.assemble(p, results, ctx), seconds: secondsSince(started) };
    },
  };
}
