/**
 * Saving and loading a network. Format "rnn-ntk model", version 1, little-endian:
 *
 *     bytes 0–7    magic "RNNNTKMD"
 *     bytes 8–11   u32 format version (1)
 *     bytes 12–15  u32 byte length J of the JSON metadata
 *     bytes 16–19  u32 CRC-32 of every byte from 24 to the end (metadata, padding, payload)
 *     bytes 20–23  u32 number P of f64 values in the payload
 *     bytes 24…    JSON metadata (UTF-8), then zero padding to a multiple of 8 bytes
 *     then         P f64 values: W (m², row-major), A (m·d, row-major), B (m), M0 (m), and the
 *                  6-slot state of the model's generator
 *
 * The metadata holds {format, version, m, d, L, init, variances, seed, stepsTaken, payload}
 * where `payload` lists [name, count] in payload order. Keeping the generator state and the
 * step count means a loaded model continues training with the same bits as a run that was
 * never interrupted. Anything malformed, truncated, corrupted (checksum) or of another version
 * or shape is a FormatError.
 */
import { getBackend, type BackendChoice } from '../backend/backend.js';
import { FormatError, RnnNtkError, ShapeError } from '../errors.js';
import type { InitScheme, Variances } from '../model/variances.js';
import { RNG_STATE_SLOTS } from '../random/rng.js';
import { crc32 } from './checksum.js';
import { resolveConfig } from './config.js';
import { noteSgdSteps, Rnn } from './model.js';
import { assertOptions } from '../validate.js';

const MAGIC = 'RNNNTKMD';
const VERSION = 1;
const HEADER_BYTES = 24;
const FORMAT_NAME = 'rnn-ntk model';

interface Metadata {
  format: string;
  version: number;
  m: number;
  d: number;
  L: number;
  init: 'paper' | 'algorithm1' | 'variances';
  variances: Variances;
  seed: number;
  stepsTaken: number;
  payload: Array<[string, number]>;
}

function payloadLayout(m: number, d: number): Array<[string, number]> {
  return [['W', m * m], ['A', m * d], ['B', m], ['M0', m], ['rngState', RNG_STATE_SLOTS]];
}

/**
 * Serialises `model` (parameters, configuration, generator state, step count) to bytes.
 *
 * @example
 * ```ts
 * import { createRnn, forward, loadModel, saveModel } from 'rnn-ntk';
 *
 * const model = createRnn({ m: 8, d: 1, L: 2, seed: 1 });
 * const copy = loadModel(saveModel(model)); // bytes, e.g. for a file
 * console.log(forward(copy, [[[1], [2]]])[0] === forward(model, [[[1], [2]]])[0]); // true
 * model.dispose();
 * copy.dispose();
 * ```
 */
export function saveModel(model: Rnn): Uint8Array {
  model.assertAlive();
  const { m, d, L } = model;
  const meta: Metadata = {
    format: FORMAT_NAME,
    version: VERSION,
    m,
    d,
    L,
    init: typeof model.init === 'string' ? model.init : 'variances',
    variances: { ...model.variances },
    seed: model.seed,
    stepsTaken: model.stepsTaken,
    payload: payloadLayout(m, d),
  };
  const json = new TextEncoder().encode(JSON.stringify(meta));
  const jsonPadded = Math.ceil(json.length / 8) * 8;
  const p = model.parameters();
  const values = [p.W, p.A, p.B, p.M0, model.rng.snapshot()];
  const count = values.reduce((s, v) => s + v.length, 0);
  const bytes = new Uint8Array(HEADER_BYTES + jsonPadded + count * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 8; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, json.length, true);
  view.setUint32(20, count, true);
  bytes.set(json, HEADER_BYTES);
  let off = HEADER_BYTES + jsonPadded;
  for (const v of values) {
    for (let i = 0; i < v.length; i++, off += 8) view.setFloat64(off, v[i], true);
  }
  view.setUint32(16, crc32(bytes.subarray(HEADER_BYTES)), true);
  return bytes;
}

/** Options of `loadModel`. */
export interface LoadOptions {
  /** Backend to load onto (default 'auto'); a model saved on either loads on either. */
  readonly backend?: BackendChoice;
  /** Shape the caller expects; a different saved shape is a FormatError. */
  readonly expect?: {
    /** Expected hidden width m. */
    readonly m?: number;
    /** Expected input width d. */
    readonly d?: number;
    /** Expected sequence length L. */
    readonly L?: number;
  };
}

function fail(what: string): never {
  throw new FormatError(`not a valid rnn-ntk model file: ${what}`);
}

function parseMetadata(bytes: Uint8Array, view: DataView): Metadata {
  if (bytes.length < HEADER_BYTES) fail(`${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte header (truncated?)`);
  for (let i = 0; i < 8; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) fail(`the file does not start with "${MAGIC}"`);
  const version = view.getUint32(8, true);
  if (version !== VERSION) fail(`format version ${version}, this library reads version ${VERSION}`);
  const jsonLength = view.getUint32(12, true);
  if (HEADER_BYTES + jsonLength > bytes.length) fail('the metadata runs past the end of the file (truncated?)');
  const stored = view.getUint32(16, true);
  if (crc32(bytes.subarray(HEADER_BYTES)) !== stored) fail('checksum mismatch: the file is corrupted or truncated');
  let meta: Metadata;
  try {
    meta = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength)));
  } catch (err) {
    return fail(`unreadable metadata (${String(err)})`);
  }
  if (meta === null || typeof meta !== 'object' || meta.format !== FORMAT_NAME || meta.version !== VERSION) {
    fail(`the metadata does not describe a version-${VERSION} "${FORMAT_NAME}"`);
  }
  return meta;
}

/** Rebuilds a model saved by `saveModel`. Throws FormatError on any malformed input. */
export function loadModel(data: Uint8Array | ArrayBuffer, options: LoadOptions = {}): Rnn {
  assertOptions("loadModel's options", options);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta = parseMetadata(bytes, view);
  let config;
  try {
    const init: InitScheme = meta.init === 'variances' ? meta.variances : meta.init;
    config = resolveConfig({ m: meta.m, d: meta.d, L: meta.L, init, seed: meta.seed });
  } catch (err) {
    if (err instanceof RnnNtkError) fail(`invalid configuration in the metadata (${err.message})`);
    throw err;
  }
  const { m, d } = config;
  for (const key of ['m', 'd', 'L'] as const) {
    const want = options.expect?.[key];
    if (want !== undefined && want !== config[key]) {
      // a valid file of another shape: the data (or caller) and the model disagree, the file is fine
      throw new ShapeError(`the saved network has ${key} = ${config[key]}, but ${key} = ${want} was expected (from the data): use a model trained on data of this shape`);
    }
  }
  const layout = payloadLayout(m, d);
  if (JSON.stringify(meta.payload) !== JSON.stringify(layout)) fail('the payload layout does not match m and d');
  if (!Number.isSafeInteger(meta.stepsTaken) || meta.stepsTaken < 0) fail('stepsTaken must be a non-negative integer');
  const count = layout.reduce((s, [, n]) => s + n, 0);
  const start = HEADER_BYTES + Math.ceil(view.getUint32(12, true) / 8) * 8;
  const countField = view.getUint32(20, true);
  if (countField !== count) fail(`the header's payload count is ${countField}, but m = ${m} and d = ${d} need ${count} values (corrupted header)`);
  if (bytes.length !== start + count * 8) {
    fail(`expected ${count} payload values (${count * 8} bytes) after the metadata, the file has ${bytes.length - start} bytes there (truncated or extended)`);
  }
  const parts: Float64Array[] = [];
  let off = start;
  for (const [, n] of layout) {
    const part = new Float64Array(n);
    for (let i = 0; i < n; i++, off += 8) part[i] = view.getFloat64(off, true);
    parts.push(part);
  }
  const [W, A, B, M0, rngState] = parts; // rng.restore below validates the generator state
  const model = new Rnn(config, getBackend(options.backend ?? 'auto'));
  try {
    model.setParameters({ W, A, B, M0 });
    model.rng.restore(rngState);
  } catch (err) {
    model.dispose();
    if (err instanceof RnnNtkError) fail(`invalid payload (${err.message})`);
    throw err;
  }
  noteSgdSteps(model, meta.stepsTaken);
  return model;
}
