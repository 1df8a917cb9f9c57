/** The data-file flags shared by the commands that read a data set. */
import type { Command } from 'commander';
import type { Dataset } from '../data/sequences.js';
import { UsageError } from './errors.js';
import type { LabelledData } from '../rnn/labelling.js';
import { readDataset, readLabelledData, type DatasetPaths } from './files.js';

/** Values of the data flags --data, --labels and --fstar: the data set's files, each optional on the command line. */
export type DataOptions = Partial<DatasetPaths>;

/** Adds --data, --labels and --fstar to a command. */
export function withDataOptions(cmd: Command, what = 'the data set'): Command {
  return cmd
    .option('--data <file>', `${what}: a .json file {"x": n×L×d, "y": [n], "fstar"?: [n]} or x as .npy (n, L, d)`)
    .option('--labels <file>', 'labels y as .npy of ±1, when --data is .npy: (n,), or (n, L) per-step labels where the command takes them')
    .option('--fstar <file>', 'target values F*(x_i) as .npy (n,), when --data is .npy (optional)');
}

/** Reads the data set named by the flags; UsageError when --data is missing. */
export function datasetFromOptions(opts: DataOptions, flag = '--data'): Dataset {
  if (opts.data === undefined) throw new UsageError(`${flag} <file> is required (a .json data file, or x.npy with --labels y.npy)`);
  return readDataset({ data: opts.data, labels: opts.labels, fstar: opts.fstar });
}

/**
 * Reads the data set named by the flags, with one label per sequence or per-step labels
 * (n×L, Remark 3.2); UsageError when --data is missing.
 */
export function labelledDataFromOptions(opts: DataOptions, flag = '--data'): LabelledData {
  if (opts.data === undefined) throw new UsageError(`${flag} <file> is required (a .json data file, or x.npy with --labels y.npy)`);
  return readLabelledData({ data: opts.data, labels: opts.labels, fstar: opts.fstar });
}
