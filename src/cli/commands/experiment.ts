/**
 * `rnn-ntk experiment <name>`: runs one of the six experiments of docs/experiments.md with its parameters
 * as flags, writes JSON, CSV and SVG into --out, and prints the verdict.
 */
import type { Command } from 'commander';
import type { ExperimentDefinition } from '../../experiments/definition.js';
import type { ParamSpec } from '../../experiments/params.js';
import { EXPERIMENTS } from '../../experiments/registry.js';
import { EXPERIMENT_NAMES } from '../../experiments/result.js';
import { summaryText } from '../../report/summary.js';
import { writeExperimentArtifacts } from '../artifacts.js';
import { toJson, type CliIo } from '../io.js';
import { finiteNumber, intAtLeast, intList, numberList, withCommonOptions, type CommonOptions } from '../options.js';
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

/** Runs one experiment and writes its artifacts; shared with `demo`. */
export async function runExperimentCommand(
  def: ExperimentDefinition,
  params: Partial<Record<string, unknown>>,
  opts: CommonOptions & { out: string },
  io: CliIo,
): Promise<{ result: ReturnType<ExperimentDefinition['run']>; files: string[]; svgs: string[] }> {
  const progress = progressBar(io, def.name);
  let result;
  try {
    result = def.run(params, { seed: opts.seed, backend: opts.backend, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  const { files, svgs } = await writeExperimentArtifacts(opts.out, result);
  return { result, files, svgs };
}

/** Registers `experiment` with one subcommand per experiment. */
export function registerExperiment(program: Command, io: CliIo): Command {
  const parent = program
    .command('experiment')
    .description('run one of the six claims of docs/experiments.md and write JSON, CSV and SVG plots');
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
      .action(async (opts: CommonOptions & { out: string } & Record<string, unknown>) => {
        const params: Record<string, unknown> = {};
        for (const spec of def.params) if (opts[spec.key] !== undefined) params[spec.key] = opts[spec.key];
        const { result, files } = await runExperimentCommand(def, params, opts, io);
        if (opts.json) {
          io.stdout(toJson({ experiment: result.name, verdict: result.verdict, params: result.params, seconds: result.seconds, tables: result.tables, files }) + '\n');
        } else {
          io.stdout(`${summaryText([result])}\nwrote ${files.join(', ')}\n`);
        }
      });
  }
  return parent;
}
