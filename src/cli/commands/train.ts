/**
 * `rnn-ntk train`: Algorithm 1 (SGD on W only, η = η₀/m) on a data set, with the running loss,
 * the prequential 0-1 error and the held-out error on --test; optionally saves the model.
 */
import type { Command } from 'commander';
import { createRnn, isStepDataset, saveModel, train, type TrainReport } from '../../rnn/index.js';
import { labelledDataFromOptions, withDataOptions, type DataOptions } from '../data-options.js';
import { UsageError } from '../errors.js';
import { readLabelledData, writeFile } from '../files.js';
import { toJson, type CliIo } from '../io.js';
import { finiteNumber, intAtLeast, oneOf, withCommonOptions, type CommonOptions } from '../options.js';
import { progressBar } from '../progress.js';

interface TrainCliOptions extends CommonOptions, DataOptions {
  readonly test?: string;
  readonly testLabels?: string;
  readonly width?: number;
  readonly steps?: number;
  readonly lr: number;
  readonly batch: number;
  readonly init: 'paper' | 'algorithm1';
  readonly reportEvery?: number;
  readonly save?: string;
}

function reportLine(r: TrainReport): string {
  return (
    `step ${r.step}: running loss ${r.runningLoss.toFixed(4)}, prequential error ${r.prequentialError.toFixed(4)}` +
    (r.heldOut ? `, held-out loss ${r.heldOut.loss.toFixed(4)}, held-out error ${r.heldOut.error.toFixed(4)}` : '')
  );
}

/** Registers `train`. */
export function registerTrain(program: Command, io: CliIo): Command {
  return withCommonOptions(withDataOptions(program.command('train').description('train the RNN with Algorithm 1 (SGD on W)'), 'training data'))
    .option('--test <file>', 'held-out data (.json, or x .npy with --test-labels)')
    .option('--test-labels <file>', 'held-out labels .npy, when --test is .npy')
    .option('--width <m>', 'network width m', intAtLeast(1))
    .option('--steps <T>', 'number of SGD steps T (at least 1)', intAtLeast(1))
    .option('--lr <eta0>', 'η₀ of the step size η = η₀/m', finiteNumber('positive'), 1)
    .option('--batch <B>', 'mini-batch size (1 = Algorithm 1 exactly)', intAtLeast(1), 1)
    .option('--init <scheme>', "initialisation: 'paper' or 'algorithm1' (SPEC §1)", oneOf(['paper', 'algorithm1'] as const), 'paper')
    .option('--report-every <k>', 'report every k steps (default T/10)', intAtLeast(1))
    .option('--save <file>', 'save the trained model (rnn-ntk model format) to this file')
    .action((opts: TrainCliOptions) => {
      if (opts.width === undefined) throw new UsageError('--width <m> is required (the network width, e.g. --width 256)');
      if (opts.steps === undefined) throw new UsageError('--steps <T> is required (the number of SGD steps, e.g. --steps 2000)');
      if (opts.testLabels !== undefined && opts.test === undefined) throw new UsageError('--test-labels needs --test <x.npy>');
      const data = labelledDataFromOptions(opts);
      const heldOut = opts.test === undefined ? undefined : readLabelledData({ data: opts.test, labels: opts.testLabels });
      if (heldOut !== undefined && (heldOut.x.L !== data.x.L || heldOut.x.d !== data.x.d)) {
        throw new UsageError(`--test has sequences of ${heldOut.x.L}×${heldOut.x.d}, --data of ${data.x.L}×${data.x.d}: they must match`);
      }
      const { L, d } = data.x;
      const model = createRnn({ m: opts.width, d, L, init: opts.init, seed: opts.seed, backend: opts.backend });
      const progress = progressBar(io, 'train');
      try {
        const run = train(model, data, {
          steps: opts.steps,
          eta0: opts.lr,
          batchSize: opts.batch,
          ...(opts.reportEvery !== undefined ? { reportEvery: opts.reportEvery } : {}),
          ...(heldOut !== undefined ? { heldOut } : {}),
          onProgress: (r) => progress.onProgress(r.step, opts.steps!, `loss ${r.runningLoss.toFixed(3)}`),
        });
        progress.stop();
        if (opts.save !== undefined) writeFile(opts.save, saveModel(model));
        const out = {
          n: data.x.n, L, d, m: opts.width, steps: opts.steps, eta0: opts.lr, eta: run.eta, batch: opts.batch, init: opts.init, seed: opts.seed,
          labels: isStepDataset(data) ? 'per-step (Remark 3.2: loss Σ_l ℓ(y_il f_l))' : 'per-sequence',
          backend: model.backend.name,
          final: run.final,
          reports: run.reports,
          note: 'examples are drawn with replacement from the training set: after the first pass the prequential error is not a fresh-sample estimate',
          ...(opts.save !== undefined ? { saved: opts.save } : {}),
        };
        if (opts.json) io.stdout(toJson(out) + '\n');
        else io.stdout(`${run.reports.map(reportLine).join('\n')}\n${opts.save !== undefined ? `saved ${opts.save}\n` : ''}`);
      } finally {
        progress.stop();
        model.dispose();
      }
    });
}
