/**
 * `rnn-ntk demo` (what `npm start` runs): all six experiments at small default sizes, their
 * artifacts, the self-contained report page `report/index.html`, and the same summary on the
 * terminal. `--quick` uses tiny sizes (for tests).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { getBackend } from '../../backend/backend.js';
import { EXPERIMENTS } from '../../experiments/registry.js';
import { EXPERIMENT_NAMES } from '../../experiments/result.js';
import type { ExperimentResult } from '../../experiments/result.js';
import { summaryText } from '../../report/summary.js';
import { writeReportPage } from '../artifacts.js';
import { toJson, type CliIo } from '../io.js';
import { withCommonOptions, type CommonOptions } from '../options.js';
import { runExperimentCommand } from './experiment.js';

/** Registers `demo`. */
export function registerDemo(program: Command, io: CliIo): Command {
  return withCommonOptions(
    program
      .command('demo')
      .description('run all six experiments at small sizes and write the report page report/index.html'),
  )
    .option('--quick', 'tiny sizes (seconds; for tests)', false)
    .option('--out <dir>', 'directory of the report', 'report')
    .action(async (opts: CommonOptions & { out: string; quick: boolean }) => {
      const started = Date.now();
      const results: ExperimentResult[] = [];
      const svgs: string[][] = [];
      for (const def of EXPERIMENT_NAMES.map((name) => EXPERIMENTS[name])) {
        if (!opts.json) io.stderr(`running ${def.name} …\n`);
        const params = opts.quick ? def.quick : def.defaults;
        const run = await runExperimentCommand(def, params, { ...opts, out: join(opts.out, def.name) }, io);
        results.push(run.result);
        svgs.push(run.svgs);
      }
      const seconds = (Date.now() - started) / 1000;
      const page = writeReportPage(
        opts.out,
        {
          title: 'rnn-ntk: the claims of "On the Provable Generalization of Recurrent Neural Networks", measured',
          subtitle: `rnn-ntk demo${opts.quick ? ' --quick' : ''} --seed ${opts.seed} (backend ${getBackend(opts.backend).name}); ${seconds.toFixed(1)} s in total`,
          generatedAt: new Date().toISOString(),
        },
        results,
        svgs,
      );
      const supported = results.filter((r) => r.verdict.supported === true).length;
      if (opts.json) {
        io.stdout(
          toJson({
            report: page,
            seconds,
            supported,
            total: results.length,
            results: results.map((r) => ({ name: r.name, title: r.title, seconds: r.seconds, verdict: r.verdict })),
          }) + '\n',
        );
      } else {
        io.stdout(`${summaryText(results)}\nreport: ${page} (${seconds.toFixed(1)} s)\n`);
      }
    });
}
