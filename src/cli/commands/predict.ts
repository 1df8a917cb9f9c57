/** `rnn-ntk predict`: outputs f(x) and labels sign f(x) of a saved model on a data set (error when labelled). */
import type { Command } from 'commander';
import { encodeNpy } from '../../io/npy.js';
import { evaluate, forward, loadModel } from '../../rnn/index.js';
import { signLabels } from '../../theory/index.js';
import { withDataOptions, type DataOptions } from '../data-options.js';
import { UsageError } from '../errors.js';
import { outputFormat, readBytes, readSequences, writeFile } from '../files.js';
import { toJson, type CliIo } from '../io.js';
import { withCommonOptions, type CommonOptions } from '../options.js';

interface PredictOptions extends CommonOptions, DataOptions {
  readonly model?: string;
  readonly out?: string;
}

/** Registers `predict`. */
export function registerPredict(program: Command, io: CliIo): Command {
  return withCommonOptions(withDataOptions(program.command('predict').description('apply a saved model to sequences'), 'the sequences (labels optional)'))
    .option('--model <file>', 'a model saved by `rnn-ntk train --save`')
    .option('--out <file>', 'write the outputs f(x_i): .json {"f", "labels"} or .npy (n,)')
    .action((opts: PredictOptions) => {
      if (opts.model === undefined) throw new UsageError('--model <file> is required (save one with `rnn-ntk train --save model.bin`)');
      if (opts.data === undefined) throw new UsageError('--data <file> is required (.json, or x .npy)');
      const format = opts.out === undefined ? undefined : outputFormat(opts.out);
      const bytes = readBytes(opts.model, 'model');
      const { x, dataset } = readSequences({ data: opts.data, labels: opts.labels, fstar: opts.fstar });
      const model = loadModel(bytes, { backend: opts.backend, expect: { L: x.L, d: x.d } });
      try {
        const f = forward(model, x);
        const labels = signLabels(f);
        const scored = dataset === undefined ? undefined : evaluate(model, dataset);
        if (opts.out !== undefined) writeFile(opts.out, format === '.npy' ? encodeNpy(f, [f.length]) : toJson({ f, labels }));
        const out = {
          n: x.n, L: x.L, d: x.d, m: model.m,
          ...(scored !== undefined ? { error: scored.error, loss: scored.loss } : {}),
          ...(opts.out !== undefined ? { out: opts.out } : { f, labels }),
        };
        if (opts.json) io.stdout(toJson(out) + '\n');
        else {
          io.stdout(
            `${x.n} sequences, model m = ${model.m}` +
              (scored !== undefined ? `: 0-1 error ${scored.error.toFixed(4)}, mean loss ${scored.loss.toFixed(4)}` : '') +
              (opts.out !== undefined ? `\nwrote ${opts.out}` : `\nf = ${Array.from(f.subarray(0, 10), (v) => v.toPrecision(4)).join(', ')}${x.n > 10 ? ', …' : ''}`) +
              '\n',
          );
        }
      } finally {
        model.dispose();
      }
    });
}
