/**
 * Runs several experiment runs (e.g. the demo's seven claims, or those over many seeds) with
 * all their units on one pool of worker threads, so both cores stay busy; with one thread,
 * in this thread with no worker at all. Either way each run is assembled from the same unit
 * results, in unit order: the results are identical to `definition.run`'s but for `seconds`.
 */
import type { BackendChoice } from '../../backend/backend.js';
import { secondsSince, type ExperimentDefinition } from '../../experiments/definition.js';
import type { ExperimentResult, ProgressFn } from '../../experiments/result.js';
import { UnitPool } from './pool.js';

/** One experiment run to do. */
export interface ExperimentJob {
  readonly def: ExperimentDefinition;
  readonly params: Partial<Record<string, unknown>>;
  readonly seed: number;
  readonly backend?: BackendChoice;
}

/** Options of {@link runExperiments}. */
export interface RunExperimentsOptions {
  /** Worker threads (1: run in this thread). */
  readonly threads: number;
  /** Called as units complete, over all jobs. */
  readonly onProgress?: ProgressFn;
}

/**
 * Runs every job; resolves to their results in job order. `seconds` of a result is the wall
 * time from the start until its last unit finished (runs overlap on a pool).
 */
export async function runExperiments(jobs: readonly ExperimentJob[], opts: RunExperimentsOptions): Promise<ExperimentResult[]> {
  const started = performance.now();
  // resolve and plan everything first: a bad parameter fails before any work starts
  const plans = jobs.map((job) => {
    const params = job.def.resolve(job.params);
    return { job, params, units: job.def.units(params) };
  });
  const total = plans.reduce((a, p) => a + p.units.length, 0);
  let done = 0;
  const tick = (label: string) => opts.onProgress?.(++done, total, label);
  opts.onProgress?.(0, total, 'starting');
  const pool = opts.threads > 1 ? new UnitPool(opts.threads) : null;
  try {
    const runs = plans.map(async ({ job, params, units }) => {
      const ctx = { seed: job.seed, backend: job.backend };
      const results = await Promise.all(
        units.map(async (unit) => {
          const label = `${job.def.name}: ${job.def.unitLabel(unit)}`;
          const result = pool === null ? job.def.runUnit(params, unit, ctx) : await pool.run({ name: job.def.name, params, unit, seed: job.seed, backend: job.backend });
          tick(label);
          return result;
        }),
      );
      return { ...job.def.assemble(params, results, ctx), seconds: secondsSince(started) };
    });
    return await Promise.all(runs);
  } finally {
    await pool?.close();
  }
}
