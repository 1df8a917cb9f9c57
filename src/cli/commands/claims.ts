/**
 * `rnn-ntk claims --seeds 1-8` (`npm run claims`): the full demo at several seeds — every unit of
 * every seed on one pool of worker threads — and the robustness table of the verdicts and the
 * figures each criterion judged, per seed (claims.md, claims.csv, claims.json in --out). With
 * `--update-docs <file>` the Markdown replaces the block between `<!-- claims:begin -->` and
 * `<!-- claims:end -->` of that file (docs/experiments.md carries it as generated output).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { toCsv } from '../../report/csv.js';
import { robustnessMarkdown, robustnessRows, supportCounts, type SeedRun } from '../../report/robustness.js';
import { UsageError } from '../errors.js';
import { writeFile } from '../files.js';
import { toJson, type CliIo } from '../io.js';
import { withCommonOptions } from '../options.js';
import { threadsInfo } from '../../parallel/index.js';
import { demoJobs } from './demo.js';
import { runJobs, type RunOptions } from './experiment.js';

const BEGIN = '<!-- claims:begin -->';
const END = '<!-- claims:end -->';

/** Parses `1-8`, `3` or `1,4,9` into distinct seeds ≥ 0 (at most 64). */
export function parseSeeds(value: string): number[] {
  const seeds = new Set<number>();
  for (const part of value.split(',').map((p) => p.trim())) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    const [from, to] = range ? [Number(range[1]), Number(range[2])] : [Number(part), Number(part)];
    if (part === '' || !Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from > to) {
      throw new UsageError(`--seeds expects seeds such as 1-8 or 1,3,5 (integers ≥ 0, ranges low-high), got '${value}'`);
    }
    for (let s = from; s <= to; s++) seeds.add(s);
  }
  if (seeds.size > 64) throw new UsageError(`--seeds names ${seeds.size} seeds; give at most 64`);
  return [...seeds];
}

/** Replaces the generated block of `file` (between the markers) with `markdown`. */
function updateDocs(file: string, markdown: string): void {
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new UsageError(`${file} has no block '${BEGIN}' … '${END}' to replace`);
  writeFile(file, `${text.slice(0, a + BEGIN.length)}\n${markdown}${text.slice(b)}`);
}

/** Registers `claims`. */
export function registerClaims(program: Command, io: CliIo): Command {
  return withCommonOptions(
    program.command('claims').description('run the full demo at several seeds and tabulate every verdict and the figures it judged, per seed'),
  )
    .option('--seeds <list>', 'seeds, e.g. 1-8 or 1,3,5', '1-8')
    .option('--quick', 'tiny sizes (for tests)', false)
    .option('--out <dir>', 'directory for claims.md, claims.csv and claims.json', 'report/claims')
    .option('--update-docs <file>', 'also replace the generated block of this Markdown file')
    .action(async (opts: RunOptions & { seeds: string; quick: boolean; out: string; updateDocs?: string }) => {
      const seeds = parseSeeds(opts.seeds);
      const threads = threadsInfo().threads;
      const started = Date.now();
      const jobs = seeds.flatMap((seed) => demoJobs(opts.quick, seed, opts.backend));
      const results = await runJobs(jobs, 'claims', { ...opts, threads }, io);
      const per = jobs.length / seeds.length;
      const runs: SeedRun[] = seeds.map((seed, k) => ({ seed, results: results.slice(k * per, (k + 1) * per) }));
      const seconds = (Date.now() - started) / 1000;
      const command = `npm run claims -- --seeds ${opts.seeds}${opts.quick ? ' --quick' : ''}`;
      const markdown = robustnessMarkdown(runs, { command, generatedAt: new Date().toISOString(), how: `${seconds.toFixed(0)} s on ${threads} thread${threads === 1 ? '' : 's'}` });
      writeFile(join(opts.out, 'claims.md'), markdown);
      writeFile(join(opts.out, 'claims.csv'), toCsv(robustnessRows(runs)));
      writeFile(join(opts.out, 'claims.json'), toJson(runs.map((r) => ({ seed: r.seed, verdicts: r.results.map((x) => ({ name: x.name, ...x.verdict })) })), 1));
      if (opts.updateDocs !== undefined) updateDocs(opts.updateDocs, markdown);
      if (opts.json) io.stdout(toJson({ seconds, threads, seeds, counts: supportCounts(runs), out: opts.out }) + '\n');
      else io.stdout(markdown);
    });
}
