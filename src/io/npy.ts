/**
 * NumPy `.npy` arrays (format versions 1.0, 2.0 and 3.0), read and written without any
 * dependency, on bytes rather than files so that it works in Node and in browsers alike.
 *
 * Layout (numpy/lib/format.py): the magic `\x93NUMPY`, a major and minor version byte, the
 * header length (little-endian uint16 in v1.0, uint32 in v2.0/3.0), then an ASCII (v3: UTF-8)
 * Python dict literal `{'descr': '<f8', 'fortran_order': False, 'shape': (n, L, d), }` padded
 * with spaces and ended by a newline so that the data starts at a multiple of 64 bytes, then
 * the raw array in C order. Written arrays are always v1.0, `<f8`, C order.
 */
import { FormatError } from '../errors.js';

/** An n-dimensional array of f64 in C (row-major) order. */
export interface NdArray {
  /** Dimensions, outermost first (numpy's `shape`). */
  readonly shape: readonly number[];
  /** The elements in C order, converted to f64. */
  readonly data: Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** NumPy ≥ 1.x pads the header so that the data starts at a multiple of this. */
const ALIGN = 64;

/** Element readers for the dtypes accepted on input (all converted to f64). */
const READERS: Record<string, { size: number; read: (v: DataView, at: number) => number }> = {
  '<f8': { size: 8, read: (v, at) => v.getFloat64(at, true) },
  '>f8': { size: 8, read: (v, at) => v.getFloat64(at, false) },
  '<f4': { size: 4, read: (v, at) => v.getFloat32(at, true) },
  '<i8': { size: 8, read: (v, at) => Number(v.getBigInt64(at, true)) },
  '<i4': { size: 4, read: (v, at) => v.getInt32(at, true) },
  '|i1': { size: 1, read: (v, at) => v.getInt8(at) },
  '|u1': { size: 1, read: (v, at) => v.getUint8(at) },
};

/** Parses the header dict literal; throws FormatError naming what is wrong. */
function parseHeader(header: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (!header.trim().startsWith('{') || descr === null || fortran === null || shape === null) {
    throw new FormatError(
      `.npy header is not a dict with 'descr', 'fortran_order' and 'shape': ${JSON.stringify(header.trim())}`,
    );
  }
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const v = Number(s.replace(/L$/, '')); // Python 2 wrote long integers as 3L
      if (!Number.isSafeInteger(v) || v < 0) throw new FormatError(`.npy shape has an invalid dimension '${s}'`);
      return v;
    });
  return { descr: descr[1], fortranOrder: fortran[1] === 'True', shape: dims };
}

/**
 * Decodes a `.npy` file. Accepts dtypes `<f8`, `>f8`, `<f4`, `<i8`, `<i4`, `|i1`, `|u1` (the
 * values are returned as f64) in C order. Throws FormatError for anything else: a missing
 * magic string, an unknown version, a truncated header or payload, Fortran order, an
 * unsupported dtype.
 */
export function decodeNpy(bytes: Uint8Array): NdArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new FormatError('not a .npy file: it does not start with the magic string \\x93NUMPY');
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLen: number;
  if (major === 1) {
    headerStart = 10;
    headerLen = view.getUint16(8, true);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new FormatError('.npy file truncated inside its header length');
    headerStart = 12;
    headerLen = view.getUint32(8, true);
  } else {
    throw new FormatError(`.npy format version ${major}.${bytes[7]} is not supported (1.0, 2.0 and 3.0 are)`);
  }
  const dataStart = headerStart + headerLen;
  if (dataStart > bytes.length) {
    throw new FormatError(`.npy file truncated: the header says ${headerLen} bytes, the file ends before`);
  }
  const decoder = new TextDecoder(major === 3 ? 'utf-8' : 'latin1');
  const header = parseHeader(decoder.decode(bytes.subarray(headerStart, dataStart)));
  const reader = READERS[header.descr];
  if (reader === undefined) {
    throw new FormatError(
      `.npy dtype '${header.descr}' is not supported; save float64 data (x.astype('<f8')) ` +
        `or one of ${Object.keys(READERS).join(', ')}`,
    );
  }
  if (header.fortranOrder && header.shape.length > 1) {
    throw new FormatError('.npy array is in Fortran order; save it with np.ascontiguousarray(x) first');
  }
  const count = header.shape.reduce((a, b) => a * b, 1);
  const need = count * reader.size;
  if (bytes.length - dataStart !== need) {
    throw new FormatError(
      `.npy payload has ${bytes.length - dataStart} bytes, but shape (${header.shape.join(', ')}) of ` +
        `'${header.descr}' needs ${need}: the file is truncated or corrupted`,
    );
  }
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = reader.read(view, dataStart + i * reader.size);
  return { shape: header.shape, data };
}

/** The Python tuple literal of a shape: `(3,)` for one dimension, `(2, 3)` otherwise. */
function shapeLiteral(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** The header (magic, version, length, padded dict) of a `<f8` C-order v1.0 `.npy` file of `shape`. */
export function npyHeader(shape: readonly number[], count: number): Uint8Array {
  if (shape.some((s) => !Number.isSafeInteger(s) || s < 0) || shape.reduce((a, b) => a * b, 1) !== count) {
    throw new FormatError(`shape (${shape.join(', ')}) does not describe ${count} values`);
  }
  const dict = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shapeLiteral(shape)}, }`;
  const unpadded = 10 + dict.length + 1; // magic+version+length, dict, newline
  const padding = (ALIGN - (unpadded % ALIGN)) % ALIGN;
  const header = dict + ' '.repeat(padding) + '\n';
  if (header.length > 0xffff) throw new FormatError('.npy header too long for format 1.0');
  const out = new Uint8Array(10 + header.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  return out;
}

/** Little-endian f64 bytes of `data[from, to)`. */
function littleEndianBytes(data: ArrayLike<number>, from: number, to: number): Uint8Array {
  const out = new Uint8Array(8 * (to - from));
  const view = new DataView(out.buffer);
  for (let i = from; i < to; i++) view.setFloat64(8 * (i - from), data[i], true);
  return out;
}

/** Values per chunk of `encodeNpyChunks` (1 MiB of payload). */
const CHUNK_VALUES = 1 << 17;

/**
 * The bytes of `encodeNpy(data, shape)` as a sequence of chunks (the header, then at most
 * 1 MiB of payload each), so that arrays larger than any single buffer or write can be streamed.
 */
export function encodeNpyChunks(data: ArrayLike<number>, shape: readonly number[]): Generator<Uint8Array> {
  return encodeStackedNpyChunks([data], shape);
}

/**
 * Like `encodeNpyChunks` for an array stored as consecutive `blocks` (e.g. L matrices of an
 * (L, n, n) stack), without first copying them into one buffer.
 */
export function* encodeStackedNpyChunks(blocks: ReadonlyArray<ArrayLike<number>>, shape: readonly number[]): Generator<Uint8Array> {
  yield npyHeader(shape, blocks.reduce((s, b) => s + b.length, 0));
  for (const data of blocks) {
    for (let from = 0; from < data.length; from += CHUNK_VALUES) {
      yield littleEndianBytes(data, from, Math.min(data.length, from + CHUNK_VALUES));
    }
  }
}

/**
 * Encodes f64 `data` of the given `shape` as a `.npy` v1.0 file: `<f8`, C order, header padded
 * with spaces and a newline so that the data starts at a multiple of 64 bytes.
 */
export function encodeNpy(data: ArrayLike<number>, shape: readonly number[]): Uint8Array {
  const header = npyHeader(shape, data.length);
  const out = new Uint8Array(header.length + 8 * data.length);
  out.set(header, 0);
  out.set(littleEndianBytes(data, 0, data.length), header.length);
  return out;
}
