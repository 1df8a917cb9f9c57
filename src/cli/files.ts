/**
 * Reading and writing the CLI's files. The formats live in the library (src/io); this file
 * only touches the file system and turns file-system failures into messages that say what to fix.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { Dataset, SequenceBatch } from '../data/sequences.js';
import { FormatError } from '../errors.js';
import { parseMaybeLabelledJson } from '../io/dataset-json.js';
import {
  datasetFromNpy, datasetToJson, datasetToNpy, labelledFromNpy, parseDatasetJson, parseLabelledJson, sequencesFromNpy,
} from '../io/index.js';
import type { LabelledData } from '../rnn/labelling.js';
import { UsageError } from './errors.js';

/** Reads a file's bytes, or throws UsageError naming the file and the reason. */
export function readBytes(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(err);
    throw new UsageError(`cannot read ${what} '${path}': ${reason}`);
  }
}

/** Writes a file, creating its directory; UsageError on failure. */
export function writeFile(path: string, content: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  } catch (err) {
    throw new UsageError(`cannot write '${path}': ${(err as Error).message}`);
  }
}

/** The format of an output file from its extension; UsageError naming `flag` unless .json or .npy. */
export function outputFormat(path: string, flag = '--out'): '.json' | '.npy' {
  const ext = extname(path).toLowerCase();
  if (ext !== '.json' && ext !== '.npy') throw new UsageError(`${flag} '${path}' must end in .json or .npy`);
  return ext;
}

/** The files of a data set: one .json file, or .npy files for x, the labels and F*. */
export interface DatasetPaths {
  /** The .json data file, or x as .npy. */
  readonly data: string;
  /** The labels .npy (with a .npy `data`). */
  readonly labels?: string;
  /** The F* values .npy (with a .npy `data`; optional). */
  readonly fstar?: string;
}

/** Runs `read`, prefixing the message of a FormatError with the file it is about. */
function inFile<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof FormatError) throw new FormatError(`${path}: ${err.message}`);
    throw err;
  }
}

/** The text of a `.json` data file; UsageError for any other extension. */
function readJsonText(path: string): string {
  if (extname(path).toLowerCase() !== '.json') {
    throw new UsageError(`cannot tell the format of '${path}': use a .json file or .npy files (--data x.npy --labels y.npy)`);
  }
  return new TextDecoder().decode(readBytes(path, 'data'));
}

/** The .npy files of a data set (x, labels, fstar); UsageError when the labels are not named. */
function npyFiles(src: DatasetPaths): { x: Uint8Array; y: Uint8Array; fstar?: Uint8Array } {
  if (src.labels === undefined) {
    throw new UsageError(`--data ${src.data} is a .npy file: give the labels too with --labels y.npy`);
  }
  return {
    x: readBytes(src.data, 'data'),
    y: readBytes(src.labels, 'labels'),
    ...(src.fstar === undefined ? {} : { fstar: readBytes(src.fstar, 'fstar') }),
  };
}

/** Reads a data set (.json, or .npy with --labels); FormatError names the file. */
export function readDataset(src: DatasetPaths): Dataset {
  if (extname(src.data).toLowerCase() !== '.npy') return inFile(src.data, () => parseDatasetJson(readJsonText(src.data)));
  const files = npyFiles(src);
  return inFile(src.data, () => datasetFromNpy(files));
}

/**
 * Reads a data set whose labels are one per sequence (n) or one per step (n×L, sequence
 * labelling, Remark 3.2), from .json or .npy files; FormatError names the file.
 */
export function readLabelledData(src: DatasetPaths): LabelledData {
  if (extname(src.data).toLowerCase() !== '.npy') return inFile(src.data, () => parseLabelledJson(readJsonText(src.data)));
  const files = npyFiles(src);
  return inFile(src.data, () => labelledFromNpy(files));
}

/**
 * Reads sequences that may be unlabelled: the whole data set when labels are present (JSON
 * with "y", or --labels for .npy), else only x. The file is read and parsed once.
 */
export function readSequences(src: DatasetPaths): { x: SequenceBatch; dataset?: Dataset } {
  if (extname(src.data).toLowerCase() !== '.npy') {
    const text = readJsonText(src.data);
    return inFile(src.data, () => parseMaybeLabelledJson(text));
  }
  if (src.labels === undefined) {
    const bytes = readBytes(src.data, 'data');
    return { x: inFile(src.data, () => sequencesFromNpy(bytes)) };
  }
  const dataset = readDataset(src);
  return { x: dataset.x, dataset };
}

/**
 * Writes a data set: `path.json` as one JSON file (`meta` stored under "meta"), `path.npy` as x
 * there plus labels and fstar next to it (`<base>.labels.npy` unless `labels` is given,
 * `<base>.fstar.npy`). Returns the paths written.
 */
export function writeDataset(
  path: string,
  ds: Dataset,
  opts: { labels?: string; meta?: Record<string, unknown> } = {},
): DatasetPaths {
  const ext = outputFormat(path);
  if (ext === '.json') {
    writeFile(path, datasetToJson(ds, opts.meta));
    return { data: path };
  }
  const base = path.slice(0, -ext.length);
  const files = datasetToNpy(ds);
  const labels = opts.labels ?? `${base}.labels.npy`;
  writeFile(path, files.x);
  writeFile(labels, files.y);
  if (files.fstar === undefined) return { data: path, labels };
  const fstar = `${base}.fstar.npy`;
  writeFile(fstar, files.fstar);
  return { data: path, labels, fstar };
}
