/**
 * `rnn-ntk sample additive|nvariable`: draws a labelled data set of one of the paper's concept
 * classes (eq. 9 or 11) with input norms in [Cmin, Cmax] and the margin policy of docs/theory.md#margins, and
 * writes it as JSON or .npy; prints C(F*), the margin achieved and the rejection rate.
 */
import { Option, type Command } from 'commander';
import { nestedFromDataset } from '../../io/dataset-json.js';
import { Rng } from '../../random/rng.js';
import { type AnalyticFunction, type MarginPolicy, sampleAdditiveTarget, sampleConceptData, sampleNVariableTarget } from '../../theory/index.js';
import { UsageError } from '../errors.js';
import { assertFitsHeap } from '../size-limits.js';
import { outputFormat, writeDataset } from '../files.js';
import type { CliIo } from '../io.js';
import { printJson } from '../json-stream.js';
import { finiteNumber, intAtLeast, intList, oneOf, withCommonOptions, type CommonOptions } from '../options.js';
import { parsePsi } from '../psi-option.js';

/** ψ of the learning-curve target (docs/experiments.md#the-learning-curve-task), in the --psi grammar. */
const DEFAULT_PSI = 'sin:2+poly:-0.25,0,0.5';

interface SampleOptions extends CommonOptions {
  readonly n: number;
  readonly L: number;
  readonly d: number;
  readonly cmin: number;
  readonly cmax: number;
  readonly psi: AnalyticFunction;
  readonly terms: number;
  readonly betaNorm: number;
  readonly positions?: number[];
  readonly margin: 'rescale' | 'reject';
  readonly marginValue: number;
  readonly threshold: number;
  readonly c1: number;
  readonly out?: string;
  readonly labelsOut?: string;
  readonly testN?: number;
  readonly testOut?: string;
}

/** Registers `sample`. */
export function registerSample(program: Command, io: CliIo): Command {
  return withCommonOptions(
    program
      .command('sample')
      .description('draw a labelled data set of the additive (eq. 9) or N-variable (eq. 11) concept class')
      .argument('<class>', "'additive' or 'nvariable'", oneOf(['additive', 'nvariable'] as const)),
  )
    .option('--n <int>', 'number of sequences', intAtLeast(1), 100)
    .option('--L <int>', 'sequence length L', intAtLeast(1), 8)
    .option('--d <int>', 'input width d', intAtLeast(1), 4)
    .option('--cmin <x>', 'smallest token norm C_min', finiteNumber('positive'), 0.5)
    .option('--cmax <x>', 'largest token norm C_max', finiteNumber('positive'), 2)
    .addOption(
      new Option('--psi <expr>', "ψ: exp, sin, cos, sinh, cosh (name:a = ψ(a·z)), arctan:a, poly:c0,c1,… joined by '+'")
        .argParser(parsePsi)
        .default(parsePsi(DEFAULT_PSI), `'${DEFAULT_PSI}' (sin 2z + z²/2 − 1/4, docs/experiments.md#the-learning-curve-task)`),
    )
    .option('--terms <int>', 'terms per step (additive, C_l of eq. 9) or number of terms r (nvariable)', intAtLeast(1), 1)
    .option('--beta-norm <x>', '‖β‖ of every term, in (0, 1]', finiteNumber('positive'), 1)
    .option('--positions <list>', 'nvariable: the positions l_1,…,l_N (distinct, in 1..L)', intList(1))
    .option('--margin <mode>', "'rescale' F* to margin y·F* ≥ --margin-value, or 'reject' draws with |F*| < --threshold", oneOf(['rescale', 'reject'] as const), 'reject')
    .option('--margin-value <x>', 'margin for --margin rescale', finiteNumber('positive'), 1)
    .option('--threshold <x>', 'rejection threshold on |F*| for --margin reject', finiteNumber('non-negative'), 0.3)
    .option('--c1 <x>', 'C1 of the N-variable complexity C_N (paper: > 100)', finiteNumber('positive'), 100)
    .option('--out <file>', 'write the data set: .json, or .npy (x; labels and fstar beside it)')
    .option('--labels-out <file>', 'where the labels .npy goes with --out x.npy (default <base>.labels.npy)')
    .option('--test-n <int>', 'also draw this many held-out sequences of the same target', intAtLeast(1))
    .option('--test-out <file>', 'where the held-out set goes (.json or .npy); needs --test-n')
    .action((kind: 'additive' | 'nvariable', opts: SampleOptions) => {
      if (opts.cmin > opts.cmax) throw new UsageError(`--cmin ${opts.cmin} exceeds --cmax ${opts.cmax}: need C_min ≤ C_max`);
      if (kind === 'nvariable' && opts.positions === undefined) throw new UsageError('nvariable needs --positions l1,l2,… (e.g. --positions 1,8)');
      if (kind === 'additive' && opts.positions !== undefined) throw new UsageError('--positions applies to nvariable only');
      if ((opts.testN === undefined) !== (opts.testOut === undefined)) throw new UsageError('--test-n and --test-out go together');
      // bad extensions fail before anything is drawn or written
      if (opts.out !== undefined) outputFormat(opts.out);
      if (opts.testOut !== undefined) outputFormat(opts.testOut, '--test-out');
      // the reject policy draws up to 2n candidate sequences at once (in the heap) before keeping n
      const sampleBytes = (n: number) => 16 * n * opts.L * opts.d;
      assertFitsHeap(`a sample of ${opts.L}×${opts.d} sequences`, 'n', opts.n, sampleBytes, 'use a smaller --n (or --L, --d)');
      if (opts.testN !== undefined) assertFitsHeap(`a held-out sample of ${opts.L}×${opts.d} sequences`, 'n', opts.testN, sampleBytes, 'use a smaller --test-n');
      const rng = new Rng(opts.seed, opts.backend);
      try {
        const target =
          kind === 'additive'
            ? sampleAdditiveTarget(rng, { L: opts.L, d: opts.d, psi: opts.psi, termsPerStep: opts.terms, betaNorm: opts.betaNorm })
            : sampleNVariableTarget(rng, { L: opts.L, d: opts.d, positions: opts.positions!, psi: opts.psi, terms: opts.terms, betaNorm: opts.betaNorm });
        const margin: MarginPolicy = opts.margin === 'rescale' ? { mode: 'rescale', margin: opts.marginValue } : { mode: 'reject', threshold: opts.threshold };
        const s = sampleConceptData(rng, target, { n: opts.n, Cmin: opts.cmin, Cmax: opts.cmax, margin, C1: opts.c1 });
        const positives = s.data.y.filter((v) => v > 0).length;
        const summary = {
          class: kind,
          n: opts.n, L: opts.L, d: opts.d, Cmin: opts.cmin, Cmax: opts.cmax,
          psi: opts.psi.name,
          ...(kind === 'nvariable' ? { positions: opts.positions } : {}),
          seed: opts.seed,
          targetComplexity: { value: s.complexity.value, log: s.complexity.log },
          margin: { mode: opts.margin, achieved: s.marginAchieved, rejectionRate: s.rejectionRate, draws: s.draws, scale: s.scale },
          positiveFraction: positives / opts.n,
        };
        const files = opts.out === undefined ? undefined : writeDataset(opts.out, s.data, { labels: opts.labelsOut, meta: summary });
        const testFiles =
          opts.testN === undefined
            ? undefined
            : writeDataset(opts.testOut!, sampleConceptData(rng, target, { n: opts.testN, Cmin: opts.cmin, Cmax: opts.cmax, margin, C1: opts.c1 }).data, {
                meta: { ...summary, n: opts.testN, heldOut: true },
              });
        if (opts.json) printJson(io, { ...summary, ...(files ? { files } : { data: { x: nestedFromDataset(s.data), y: s.data.y, fstar: s.data.fstar } }), ...(testFiles ? { testFiles } : {}) });
        else {
          io.stdout(
            `${kind} target, ψ = ${opts.psi.name}: ${opts.n} sequences of ${opts.L}×${opts.d}, norms in [${opts.cmin}, ${opts.cmax}]\n` +
              `C(F*) = ${s.complexity.value.toPrecision(4)} (log ${s.complexity.log.toFixed(2)}); margin ${s.marginAchieved.toPrecision(3)} ` +
              `(${opts.margin}, rejection rate ${(100 * s.rejectionRate).toFixed(1)}%); ${(100 * summary.positiveFraction).toFixed(1)}% positive\n` +
              (files ? `wrote ${Object.values(files).join(', ')}\n` : 'no --out given: nothing written (add --out data.json, or --json to print the data)\n') +
              (testFiles ? `wrote held-out set ${Object.values(testFiles).join(', ')}\n` : ''),
          );
        }
      } finally {
        rng.dispose();
      }
    });
}
