/**
 * Data sets as NumPy arrays: x as float64 n×L×d, y as float64 n (labels ±1), and optionally
 * fstar as float64 n — one `.npy` file each (see npy.ts for the byte format).
 */
import { FormatError } from '../errors.js';
import { dataset, sequenceBatch, type Dataset, type SequenceBatch } from '../data/sequences.js';
import { stepDataset, type LabelledData } from '../rnn/labelling.js';
import { asFormatError } from './format-context.js';
import { decodeNpy, encodeNpy } from './npy.js';

/** The bytes of the `.npy` files of a data set. */
export interface DatasetNpyFiles {
  /** The sequences, shape (n, L, d) (or (n, L) for d = 1). */
  readonly x: Uint8Array;
  /** The labels ±1, shape (n,). */
  readonly y: Uint8Array;
  /** The target values F*(x_i), shape (n,), when known. */
  readonly fstar?: Uint8Array;
}

/** Decodes a 1-D `.npy` of length n named `name` (labels or targets). */
function vectorOf(name: string, bytes: Uint8Array, n: number): Float64Array {
  const arr = asFormatError(`${name} .npy`, () => decodeNpy(bytes));
  if (arr.shape.length !== 1 || arr.shape[0] !== n) {
    throw new FormatError(
      `${name} .npy must have shape (${n},) to match x, got (${arr.shape.join(', ')})`,
    );
  }
  return arr.data;
}

/** Sequences from the `.npy` bytes of x, shape (n, L, d) or (n, L) for d = 1. */
export function sequencesFromNpy(bytes: Uint8Array): SequenceBatch {
  const x = asFormatError('x .npy', () => decodeNpy(bytes));
  if (x.shape.length !== 3 && x.shape.length !== 2) {
    throw new FormatError(`x .npy must have shape (n, L, d) (or (n, L) for d = 1), got (${x.shape.join(', ')})`);
  }
  const [n, L, d = 1] = x.shape;
  if (n === 0) throw new FormatError(`x .npy holds no sequences (shape (${x.shape.join(', ')})): it needs at least one`);
  return asFormatError('x .npy', () => sequenceBatch(n, L, d, x.data));
}

/**
 * A data set from `.npy` bytes: x of shape (n, L, d) (or (n, L) for d = 1), y of shape (n,),
 * fstar of shape (n,). Throws FormatError when a file is malformed or the shapes disagree.
 */
export function datasetFromNpy(files: DatasetNpyFiles): Dataset {
  const batch = sequencesFromNpy(files.x);
  const n = batch.n;
  const y = vectorOf('labels', files.y, n);
  const fstar = files.fstar === undefined ? undefined : vectorOf('fstar', files.fstar, n);
  return asFormatError('data set', () => dataset(batch, y, fstar));
}

/**
 * A labelled set from `.npy` bytes whose labels are either (n,) — a `Dataset`, as
 * {@link datasetFromNpy} — or (n, L) per-step labels of sequence labelling (Remark 3.2), a
 * `StepDataset` (fstar is not supported then). FormatError when the shapes disagree.
 */
export function labelledFromNpy(files: DatasetNpyFiles): LabelledData {
  const batch = sequencesFromNpy(files.x);
  const y = asFormatError('labels .npy', () => decodeNpy(files.y));
  if (y.shape.length === 1) return datasetFromNpy(files);
  if (y.shape.length !== 2) {
    throw new FormatError(`labels .npy must have shape (${batch.n},) or, per step, (${batch.n}, ${batch.L}); got (${y.shape.join(', ')})`);
  }
  if (y.shape[0] !== batch.n || y.shape[1] !== batch.L) {
    throw new FormatError(`per-step labels .npy must have shape (${batch.n}, ${batch.L}) to match x, got (${y.shape.join(', ')})`);
  }
  if (files.fstar !== undefined) throw new FormatError('fstar is not supported with per-step labels (n, L): drop --fstar');
  return asFormatError('data set', () => stepDataset(batch, y.data));
}

/** The `.npy` bytes of a data set: x (n, L, d), y (n,), fstar (n,) when present. */
export function datasetToNpy(ds: Dataset): DatasetNpyFiles {
  const { n, L, d, data } = ds.x;
  return {
    x: encodeNpy(data, [n, L, d]),
    y: encodeNpy(ds.y, [n]),
    ...(ds.fstar === undefined ? {} : { fstar: encodeNpy(ds.fstar, [ds.fstar.length]) }),
  };
}
