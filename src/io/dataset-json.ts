/**
 * The JSON data-set format of rnn-ntk:
 *
 *     {"x": [[[X_111, …, X_11d], …  (L steps)], …  (n sequences)], "y": [±1, …], "fstar": [F*(x_i), …]}
 *
 * `x` is n×L×d nested arrays, `y` holds n labels in {−1, +1}, `fstar` (optional) the n target
 * values F*(x_i). Other keys are ignored (the sampler writes its settings under "meta").
 * For sequence labelling (Remark 3.2) `y` may instead be n×L nested arrays, y[i][l−1] labelling
 * f_l(x_i) = Bᵀh_l(x_i) (read by {@link parseLabelledJson}; no "fstar" then).
 */
import { FormatError } from '../errors.js';
import { dataset, sequencesFromNested, type Dataset, type SequenceBatch } from '../data/sequences.js';
import { stepDataset, type LabelledData } from '../rnn/labelling.js';
import { asFormatError } from './format-context.js';

function numberArray(name: string, value: unknown): number[] {
  if (!Array.isArray(value)) throw new FormatError(`${name} must be an array of numbers`);
  value.forEach((v, i) => {
    if (typeof v !== 'number') throw new FormatError(`${name}[${i}] must be a number, got ${JSON.stringify(v)}`);
  });
  return value as number[];
}

function nestedSequences(value: unknown): number[][][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new FormatError('"x" must be a non-empty array of sequences (n × L × d nested arrays)');
  }
  return value.map((seq, i) => {
    if (!Array.isArray(seq)) throw new FormatError(`"x"[${i}] must be an array of steps (L × d)`);
    return seq.map((step, l) => numberArray(`x[${i}][${l}]`, step));
  });
}

/** The top-level JSON object of a data file; FormatError when the text is not one. */
function parseObject(text: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new FormatError(`the data file is not valid JSON (${(err as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FormatError('the data file must hold a JSON object {"x": n×L×d, "y": [n], "fstar"?: [n]}');
  }
  return raw as Record<string, unknown>;
}

/** The sequences under "x" of a parsed data file. */
function sequencesOf(obj: Record<string, unknown>): SequenceBatch {
  if (!('x' in obj)) throw new FormatError('the data file needs key "x" (n×L×d nested arrays)');
  return asFormatError('"x"', () => sequencesFromNested(nestedSequences(obj.x)));
}

/** The data set of a parsed data file ("x", "y" and the optional "fstar"). */
function datasetOf(obj: Record<string, unknown>): Dataset {
  if (!('x' in obj) || !('y' in obj)) {
    throw new FormatError('the data file needs keys "x" (n×L×d nested arrays) and "y" (n labels ±1)');
  }
  const x = sequencesOf(obj);
  if (Array.isArray(obj.y) && Array.isArray(obj.y[0])) {
    throw new FormatError('"y" holds per-step labels (n×L): this command takes one label per sequence, "y": [n labels ±1]');
  }
  const y = numberArray('y', obj.y);
  const fstar = obj.fstar === undefined ? undefined : numberArray('fstar', obj.fstar);
  return asFormatError('data file', () => dataset(x, y, fstar));
}

/**
 * The sequences of a JSON data file (only its "x" is read; labels may be absent), for
 * prediction on unlabelled data. FormatError as for {@link parseDatasetJson}.
 */
export function parseSequencesJson(text: string): SequenceBatch {
  return sequencesOf(parseObject(text));
}

/**
 * Parses a data set from JSON text (format above). Throws FormatError with a message that
 * names the offending key or element: invalid JSON, ragged x, labels other than ±1, wrong
 * counts, non-finite values.
 */
export function parseDatasetJson(text: string): Dataset {
  return datasetOf(parseObject(text));
}

/**
 * A data file that may be unlabelled, parsed once: its sequences, and the whole data set when
 * it has labels ("y"). FormatError as for {@link parseDatasetJson}.
 */
export function parseMaybeLabelledJson(text: string): { x: SequenceBatch; dataset?: Dataset } {
  const obj = parseObject(text);
  if (!('y' in obj)) return { x: sequencesOf(obj) };
  const ds = datasetOf(obj);
  return { x: ds.x, dataset: ds };
}

/**
 * A labelled data file whose "y" is either n labels (a `Dataset`) or n×L per-step labels
 * (a `StepDataset`, Remark 3.2). FormatError as for {@link parseDatasetJson}.
 */
export function parseLabelledJson(text: string): LabelledData {
  const obj = parseObject(text);
  if (!(Array.isArray(obj.y) && Array.isArray(obj.y[0]))) return datasetOf(obj);
  const x = sequencesOf(obj);
  if (obj.fstar !== undefined) throw new FormatError('"fstar" is not supported with per-step labels "y" (n×L): drop it');
  const rows = obj.y as unknown[];
  if (rows.length !== x.n) throw new FormatError(`"y" has ${rows.length} rows of per-step labels, "x" ${x.n} sequences: one row per sequence`);
  const flat = rows.flatMap((row, i) => {
    const labels = numberArray(`y[${i}]`, row);
    if (labels.length !== x.L) throw new FormatError(`y[${i}] has ${labels.length} per-step labels; sequences have L = ${x.L} steps`);
    return labels;
  });
  return asFormatError('data file', () => stepDataset(x, flat));
}

/** The nested n×L×d arrays of a data set's sequences. */
export function nestedFromDataset(ds: Dataset): number[][][] {
  const { n, L, d, data } = ds.x;
  const out: number[][][] = [];
  for (let i = 0; i < n; i++) {
    const seq: number[][] = [];
    for (let l = 0; l < L; l++) seq.push(Array.from(data.subarray((i * L + l) * d, (i * L + l + 1) * d)));
    out.push(seq);
  }
  return out;
}

/** Serialises a data set as JSON text (format above); `meta` is stored under "meta". */
export function datasetToJson(ds: Dataset, meta?: Record<string, unknown>): string {
  const body: Record<string, unknown> = { x: nestedFromDataset(ds), y: Array.from(ds.y) };
  if (ds.fstar !== undefined) body.fstar = Array.from(ds.fstar);
  if (meta !== undefined) body.meta = meta;
  return JSON.stringify(body);
}
