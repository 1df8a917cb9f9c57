/**
 * Reading and writing the CLI's files. The formats live in the library (src/io); this file
 * only touches the file system and turns file-system failures into messages that say what to fix.
 */
import { closeSync, fstatSync, statSync, mkdirSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { assertLabels, dataset, type Dataset, type SequenceBatch } from '../data/sequences.js';
import { FormatError } from '../errors.js';
import { parseMaybeLabelledJson } from '../io/dataset-json.js';
import { decodeNpy } from '../io/npy.js';
import { stepDatasetFromNpy, vectorFromNpy } from '../io/dataset-npy.js';
import { datasetToJson, datasetToNpy, parseDatasetJson, parseLabelledJson, sequencesFromNpy } from '../io/index.js';
import { asFormatError } from '../io/format-context.js';
import type { LabelledData } from '../rnn/labelling.js';
import { jsonPieces } from './json-stream.js';
import { assertFinite } from '../validate.js';
import { UsageError } from './errors.js';
import { writeFully } from './io.js';

/** Largest file the CLI reads (2 GiB − 1: beyond it Node cannot hold the bytes in one buffer). */
export const MAX_INPUT_BYTES = 2 ** 31 - 1;

/** The one-line reason of a file-system error. */
function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
    ENOSPC: 'no space left on the device',
    EPIPE: 'the reader closed the pipe',
    EROFS: 'the file system is read-only',
    ENOTDIR: 'a part of the path is not a directory',
  };
  return (code !== undefined ? known[code] : undefined) ?? (err as Error).message ?? String(err);
}

/**
 * Reads a regular file's bytes, or throws UsageError naming the file and the reason. FIFOs,
 * devices (/dev/zero) and sockets are refused before anything is read, so a read never blocks
 * forever or runs without end; files over 2 GiB are refused before they are read.
 */
export function readBytes(path: string, what: string): Uint8Array {
  let fd: number | undefined;
  try {
    const stat = statSync(path); // before opening: opening a FIFO for reading blocks until a writer comes
    if (stat.isDirectory()) throw new UsageError(`cannot read ${what} '${path}': it is a directory`);
    if (!stat.isFile()) throw new UsageError(`cannot read ${what} '${path}': not a regular file (a pipe, device or socket); save the data to a file first`);
    if (stat.size > MAX_INPUT_BYTES) {
      throw new UsageError(`cannot read ${what} '${path}': ${stat.size} bytes is more than the ${MAX_INPUT_BYTES} bytes (2 GiB) a file may have; use fewer sequences`);
    }
    fd = openSync(path, 'r');
    if (!fstatSync(fd).isFile()) throw new UsageError(`cannot read ${what} '${path}': it changed into something other than a regular file`);
    const bytes = new Uint8Array(stat.size);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, null);
      if (n === 0) break;
      got += n;
    }
    return got === bytes.length ? bytes : bytes.subarray(0, got);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${what} '${path}': ${reasonOf(err)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes a file from `pieces` (strings or bytes), creating its directory. The pieces go to a
 * temporary file beside it, renamed over `path` once complete: a failure (full disk, a
 * generator that throws) leaves no partial file, and no single write exceeds one piece, so
 * outputs larger than 2 GiB stream. UsageError (one line) on a file-system failure.
 */
export function writeFilePieces(path: string, pieces: Iterable<string | Uint8Array>): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  let fd: number | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(temp, 'w');
    for (const piece of pieces) writeFully(fd, piece);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    if (err instanceof Error && !('code' in err)) throw err; // not a file-system error: a bug or a typed error
    throw new UsageError(`cannot write '${path}': ${reasonOf(err)}`);
  }
}

/** Writes a file, creating its directory; UsageError on failure, and no partial file. */
export function writeFile(path: string, content: string | Uint8Array): void {
  writeFilePieces(path, [content]);
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

/** The flag names of a data set's files, for messages (`--test` / `--test-labels` for a held-out set). */
export interface DataFlags {
  readonly data: string;
  readonly labels: string;
  readonly fstar: string;
}

const DATA_FLAGS: DataFlags = { data: '--data', labels: '--labels', fstar: '--fstar' };

/** UsageError when label or F* files are given with a .json data file, which holds its own. */
function assertNoSideFiles(src: DatasetPaths, flags: DataFlags): void {
  for (const key of ['labels', 'fstar'] as const) {
    if (src[key] !== undefined) {
      throw new UsageError(`${flags[key]} applies to a .npy ${flags.data} only: the .json file '${src.data}' holds its own ${key === 'labels' ? '"y"' : '"fstar"'}; drop ${flags[key]}`);
    }
  }
}

/** Reads a data set (.json, or .npy with --labels); a FormatError names the file at fault. */
export function readDataset(src: DatasetPaths, flags: DataFlags = DATA_FLAGS): Dataset {
  if (extname(src.data).toLowerCase() !== '.npy') {
    assertNoSideFiles(src, flags);
    return inFile(src.data, () => parseDatasetJson(readJsonText(src.data)));
  }
  if (src.labels === undefined) {
    throw new UsageError(`${flags.data} ${src.data} is a .npy file: give the labels too with ${flags.labels} y.npy`);
  }
  const x = inFile(src.data, () => sequencesFromNpy(readBytes(src.data, 'data')));
  const labels = src.labels;
  const y = inFile(labels, () => {
    const values = vectorFromNpy('labels', readBytes(labels, 'labels'), x.n);
    asFormatError('labels .npy', () => assertLabels(values, x.n));
    return values;
  });
  const fstarPath = src.fstar;
  const fstar = fstarPath === undefined ? undefined : inFile(fstarPath, () => {
    const values = vectorFromNpy('fstar', readBytes(fstarPath, 'fstar'), x.n);
    asFormatError('fstar .npy', () => assertFinite('F*', values));
    return values;
  });
  return dataset(x, y, fstar);
}

/**
 * Reads a data set whose labels are one per sequence (n) or one per step (n×L, sequence
 * labelling, Remark 3.2), from .json or .npy files; FormatError names the file.
 */
export function readLabelledData(src: DatasetPaths, flags: DataFlags = DATA_FLAGS): LabelledData {
  if (extname(src.data).toLowerCase() !== '.npy') {
    assertNoSideFiles(src, flags);
    return inFile(src.data, () => parseLabelledJson(readJsonText(src.data)));
  }
  const labels = src.labels;
  if (labels === undefined) return readDataset(src, flags); // its UsageError says to give the labels
  const labelBytes = readBytes(labels, 'labels');
  if (inFile(labels, () => asFormatError('labels .npy', () => decodeNpy(labelBytes))).shape.length === 1) return readDataset(src, flags);
  if (src.fstar !== undefined) throw new UsageError(`${flags.fstar} is not supported with per-step labels (n, L): drop it`);
  const x = inFile(src.data, () => sequencesFromNpy(readBytes(src.data, 'data')));
  return inFile(labels, () => stepDatasetFromNpy(x, labelBytes));
}

/**
 * Reads sequences that may be unlabelled: the whole data set when labels are present (JSON
 * with "y", or --labels for .npy), else only x. The file is read and parsed once.
 */
export function readSequences(src: DatasetPaths): { x: SequenceBatch; dataset?: Dataset } {
  if (extname(src.data).toLowerCase() !== '.npy') {
    assertNoSideFiles(src, DATA_FLAGS);
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

/** The object `datasetToJson` serialises, with x as views of the data (streamed, not copied). */
function datasetJsonBody(ds: Dataset, meta?: Record<string, unknown>): Record<string, unknown> {
  const { n, L, d, data } = ds.x;
  const x = Array.from({ length: n }, (_, i) => Array.from({ length: L }, (_, l) => data.subarray((i * L + l) * d, (i * L + l + 1) * d)));
  return { x, y: ds.y, ...(ds.fstar === undefined ? {} : { fstar: ds.fstar }), ...(meta === undefined ? {} : { meta }) };
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
    writeFilePieces(path, jsonPieces(datasetJsonBody(ds, opts.meta)));
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
