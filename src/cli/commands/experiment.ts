/**
 * `rnn-ntk experiment <name>`: runs one of the seven experiments of docs/experiments.md with its
 * parameters as flags (its independent units on --threads worker threads), writes JSON, CSV and
 * SVG into --out, and prints the verdict.
 */
import type { Command } from 'commander';
import type { ParamSpec } from '../../experiments/params.js';
import { EXPERIMENTS } from '../../experiments/registry.js';
import { EXPERIMENT_NAMES, type ExperimentResult } from '../../experiments/result.js';
import { summaryText } from '../../report/summary.js';
import { writeExperimentArtifacts } from '../artifacts.js';
import { toJson, type CliIo } from '../io.js';
import { finiteNumber, intAtLeast, intList, numberList, withCommonOptions, type CommonOptions } from '../options.js';
import { runExperiments, type ExperimentJob } from '../parallel/run-experiments.js';
import { threadsInfo } from '../../parallel/index.js';
import { progressBar } from '../progress.js';

/**
 * The flag of a parameter key: camelCase becomes kebab-case (`testSize` → `--test-size`), which
 * commander maps back to the key; single capitals such as `L` stay as they are.
 */
function flagName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, (_m, a: string, b: string) => `${a}-${b.toLowerCase()}`);
}

/** The commander parser of a declared parameter. */
function parserOf(spec: ParamSpec): (value: string) => number | number[] {
  switch (spec.kind) {
    case 'int':
      return intAtLeast(spec.min);
    case 'int-list':
      return intList(spec.min);
    case 'number':
      return finiteNumber();
    case 'number-list':
      return numberList();
  }
}

/** The options of a command that runs experiments on worker threads. */
export type RunOptions = CommonOptions & { threads?: number };

/** Runs experiment jobs on `--threads` workers (RNN_NTK_THREADS, else every core) with a progress bar. */
export async function runJobs(jobs: readonly ExperimentJob[], title: string, opts: RunOptions, io: CliIo): Promise<ExperimentResult[]> {
  const progress = progressBar(io, title);
  try {
    return await runExperiments(jobs, { threads: threadsInfo().threads, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
}

/** Registers `experiment` with one subcommand per experiment. */
export function registerExperiment(program: Command, io: CliIo): Command {
  const parent = program
    .command('experiment')
    .description('run one of the seven claims of docs/experiments.md and write JSON, CSV and SVG plots');
  for (const def of EXPERIMENT_NAMES.map((name) => EXPERIMENTS[name])) {
    const sub = parent.command(def.name).description(`${def.title}. Claim: ${def.claim}`);
    for (const spec of def.params) {
      const shown = Array.isArray(def.defaults[spec.key])
        ? (def.defaults[spec.key] as number[]).join(',')
        : String(def.defaults[spec.key]);
      const distinct = spec.minDistinct === undefined ? '' : `, at least ${spec.minDistinct} distinct`;
      sub.option(`--${flagName(spec.key)} <${spec.kind}>`, `${spec.description}${distinct} (default ${shown})`, parserOf(spec));
    }
    withCommonOptions(sub)
      .option('--out <dir>', 'directory for the JSON, CSV and SVG files', `report/${def.name}`)
      .action(async (opts: RunOptions & { out: string } & Record<string, unknown>) => {
        const params: Record<string, unknown> = {};
        for (const spec of def.params) if (opts[spec.key] !== undefined) params[spec.key] = opts[spec.key];
        const [result] = await runJobs([{ def, params, seed: opts.seed, backend: opts.backend }], def.name, opts, io);
        const { files } = await writeExperimentArtifacts(opts.out, result);
        if (opts.json) {
          io.stdout(toJson({ experiment: result.name, verdict: result.verdict, params: result.params, seconds: result.seconds, tables: result.tables, files }) + '\n');
        } else {
          io.stdout(`${summaryText([result])}\nwrote ${files.join(', ')}\n`);
        }
      });
  }
  return parent;
}
