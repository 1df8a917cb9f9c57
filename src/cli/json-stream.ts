/**
 * JSON text in pieces: the same text as `toJson(value)` (no indentation), produced as a
 * sequence of strings so that outputs larger than the engine's longest string (a kernel of
 * n = 6000 as JSON) can be written row by row.
 */
import { toJson, type CliIo } from './io.js';

/** Elements of a typed array serialised per piece. */
const NUMBERS_PER_PIECE = 4096;

function isNumberArray(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** The JSON text of `value` (objects, arrays, typed arrays, primitives) in pieces. */
export function* jsonPieces(value: unknown): Generator<string> {
  if (isNumberArray(value)) {
    yield '[';
    for (let from = 0; from < value.length; from += NUMBERS_PER_PIECE) {
      const part = Array.from({ length: Math.min(NUMBERS_PER_PIECE, value.length - from) }, (_, i) => value[from + i]);
      yield (from > 0 ? ',' : '') + toJson(part).slice(1, -1);
    }
    yield ']';
  } else if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* jsonPieces(value[i] === undefined || typeof value[i] === 'function' ? null : value[i]);
    }
    yield ']';
  } else if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    yield '{';
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* jsonPieces(v);
    }
    yield '}';
  } else {
    yield toJson(value);
  }
}

/** Rows of a row-major rows×cols matrix as views (no copy), for `jsonPieces`. */
export function rowViews(data: Float64Array, rows: number, cols: number): Float64Array[] {
  return Array.from({ length: rows }, (_, i) => data.subarray(i * cols, (i + 1) * cols));
}

/** Prints `value` as one JSON line on the CLI's stdout, piece by piece. */
export function printJson(io: CliIo, value: unknown): void {
  for (const piece of jsonPieces(value)) io.stdout(piece);
  io.stdout('\n');
}
