/**
 * `rnn-ntk demo` (what `npm start` runs): all seven experiments at small default sizes — their
 * independent units on --threads worker threads — their artifacts, the self-contained report
 * page `report/index.html`, and the same summary on the terminal. `--quick` uses tiny sizes (for tests).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { getBackend, type BackendChoice } from '../../backend/backend.js';
import { EXPERIMENTS } from '../../experiments/registry.js';
import { EXPERIMENT_NAMES } from '../../experiments/result.js';
import { summaryText } from '../../report/summary.js';
import { writeExperimentArtifacts, writeReportPage } from '../artifacts.js';
import { toJson, type CliIo } from '../io.js';
import { withCommonOptions } from '../options.js';
import type { ExperimentJob } from '../parallel/run-experiments.js';
import { threadsInfo } from '../../parallel/index.js';
import { runJobs, type RunOptions } from './experiment.js';

/** The demo's runs: every experiment at its default (or quick) sizes with one seed. */
export function demoJobs(quick: boolean, seed: number, backend?: BackendChoice): ExperimentJob[] {
  return EXPERIMENT_NAMES.map((name) => EXPERIMENTS[name]).map((def) => ({ def, params: quick ? def.quick : def.defaults, seed, backend }));
}

/** Registers `demo`. */
export function registerDemo(program: Command, io: CliIo): Command {
  return withCommonOptions(
    program
      .command('demo')
      .description('run all seven experiments at small sizes and write the report page report/index.html'),
  )
    .option('--quick', 'tiny sizes (seconds; for tests)', false)
    .option('--out <dir>', 'directory of the report', 'report')
    .action(async (opts: RunOptions & { out: string; quick: boolean }) => {
      const started = Date.now();
      const threads = threadsInfo().threads;
      if (!opts.json) io.stderr(`running the ${EXPERIMENT_NAMES.length} claims on ${threads} thread${threads === 1 ? '' : 's'} …\n`);
      const results = await runJobs(demoJobs(opts.quick, opts.seed, opts.backend), 'demo', { ...opts, threads }, io);
      const svgs: string[][] = [];
      for (const result of results) svgs.push((await writeExperimentArtifacts(join(opts.out, result.name), result)).svgs);
      const seconds = (Date.now() - started) / 1000;
      const page = writeReportPage(
        opts.out,
        {
          title: 'rnn-ntk: the claims of "On the Provable Generalization of Recurrent Neural Networks", measured',
          subtitle: `rnn-ntk demo${opts.quick ? ' --quick' : ''} --seed ${opts.seed} (backend ${getBackend(opts.backend).name}, ${threads} thread${threads === 1 ? '' : 's'}); ${seconds.toFixed(1)} s in total`,
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
