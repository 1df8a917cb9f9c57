/**
 * Reading and writing the CLI's files. The formats live in the library (src/io); this file
 * only touches the file system and turns file-system failures into messages that say what to fix.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { Dataset, SequenceBatch } from '../data/sequences.js';
import { FormatError } from '../errors.js';
import { datasetFromNpy, datasetToJson, datasetToNpy, parseDatasetJson, parseSequencesJson, sequencesFromNpy } from '../io/index.js';
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

/** Where a data set comes from: a JSON file, or .npy files for x, labels and fstar. */
export interface DatasetSource {
  readonly data: string;
  readonly labels?: string;
  readonly fstar?: string;
}

/** Reads a data set (.json, or .npy with --labels); FormatError names the file. */
export function readDataset(src: DatasetSource): Dataset {
  const ext = extname(src.data).toLowerCase();
  try {
    if (ext === '.npy') {
      if (src.labels === undefined) {
        throw new UsageError(`--data ${src.data} is a .npy file: give the labels too with --labels y.npy`);
      }
      return datasetFromNpy({
        x: readBytes(src.data, 'data'),
        y: readBytes(src.labels, 'labels'),
        ...(src.fstar === undefined ? {} : { fstar: readBytes(src.fstar, 'fstar') }),
      });
    }
    if (ext !== '.json') {
      throw new UsageError(`cannot tell the format of '${src.data}': use a .json file or .npy files (--data x.npy --labels y.npy)`);
    }
    return parseDatasetJson(new TextDecoder().decode(readBytes(src.data, 'data')));
  } catch (err) {
    if (err instanceof FormatError) throw new FormatError(`${src.data}: ${err.message}`);
    throw err;
  }
}

/** True unless the text is a JSON object without a "y" key (invalid JSON is left to the parser's error). */
function hasLabels(text: string): boolean {
  try {
    const obj: unknown = JSON.parse(text);
    return typeof obj !== 'object' || obj === null || 'y' in obj;
  } catch {
    return true;
  }
}

/**
 * Reads sequences that may be unlabelled: the whole data set when labels are present (JSON
 * with "y", or --labels for .npy), else only x.
 */
export function readSequences(src: DatasetSource): { x: SequenceBatch; dataset?: Dataset } {
  const ext = extname(src.data).toLowerCase();
  try {
    if (ext === '.npy' && src.labels === undefined) return { x: sequencesFromNpy(readBytes(src.data, 'data')) };
    if (ext === '.json') {
      const text = new TextDecoder().decode(readBytes(src.data, 'data'));
      if (!hasLabels(text)) return { x: parseSequencesJson(text) };
    }
  } catch (err) {
    if (err instanceof FormatError) throw new FormatError(`${src.data}: ${err.message}`);
    throw err;
  }
  const dataset = readDataset(src);
  return { x: dataset.x, dataset };
}

/** The files a data set was written to. */
export interface WrittenDataset {
  readonly data: string;
  readonly labels?: string;
  readonly fstar?: string;
}

/**
 * Writes a data set: `path.json` as one JSON file, `path.npy` as x there plus labels and fstar
 * next to it (`<base>.labels.npy`, `<base>.fstar.npy`) unless their paths are given.
 */
export function writeDataset(
  path: string,
  ds: Dataset,
  opts: { labels?: string; fstar?: string; meta?: Record<string, unknown> } = {},
): WrittenDataset {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') {
    writeFile(path, datasetToJson(ds, opts.meta));
    return { data: path };
  }
  if (ext !== '.npy') throw new UsageError(`--out '${path}' must end in .json or .npy`);
  const base = path.slice(0, -ext.length);
  const files = datasetToNpy(ds);
  const labels = opts.labels ?? `${base}.labels.npy`;
  writeFile(path, files.x);
  writeFile(labels, files.y);
  if (files.fstar === undefined) return { data: path, labels };
  const fstar = opts.fstar ?? `${base}.fstar.npy`;
  writeFile(fstar, files.fstar);
  return { data: path, labels, fstar };
}
