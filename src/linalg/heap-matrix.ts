/**
 * A handle on a row-major rows×cols matrix that lives in a backend's heap and is owned by the
 * handle until `dispose()`. Layers above src/linalg hold handles, never heap offsets: the
 * offset is reachable only through `heapOffsetOf` (not exported from the package), and every
 * use after `dispose()` is a DisposedError, while a second `dispose()` does nothing (it never
 * frees memory that now belongs to someone else).
 */
import { getBackend, type Backend } from '../backend/backend.js';
import { DisposedError, ShapeError } from '../errors.js';
import { assertInteger } from '../validate.js';
import { assertMatrix, type Matrix } from './matrix.js';
import type { LinalgOptions } from './options.js';

/** Heap state of a live handle; deleted on dispose or when the memory moves to another owner. */
interface Block {
  readonly backend: Backend;
  readonly offset: number;
}

const blocks = new WeakMap<object, Block>();

/** The live block of `owner`, or DisposedError naming `what` it was. */
function liveBlock(owner: object, what: string): Block {
  const block = blocks.get(owner);
  if (block === undefined) {
    throw new DisposedError(what, 'was disposed (or handed over to a factorisation) and can no longer be used');
  }
  return block;
}

/**
 * Element offset of a live heap handle (a HeapMatrix or a factor). Core-only (src/linalg,
 * src/kernels): not re-exported from the package.
 */
export function heapOffsetOf(owner: object, what = 'heap matrix'): number {
  return liveBlock(owner, what).offset;
}

/** Registers `offset` (allocated on `backend`'s heap) as owned by `owner`. Core-only. */
export function ownHeapBlock(owner: object, backend: Backend, offset: number): void {
  blocks.set(owner, { backend, offset });
}

/**
 * Moves the block of `from` to `to` (no copy): `from` then behaves as disposed. Used when a
 * factorisation takes over the matrix it factors in place. Core-only.
 */
export function transferHeapBlock(from: object, to: object, what: string): Backend {
  const block = liveBlock(from, what);
  blocks.delete(from);
  blocks.set(to, block);
  return block.backend;
}

/** Frees the block of `owner` if it still has one; a second call does nothing. Core-only. */
export function releaseHeapBlock(owner: object): void {
  const block = blocks.get(owner);
  if (block === undefined) return;
  blocks.delete(owner);
  block.backend.heap.free(block.offset);
}

/** A rows×cols matrix in a backend's heap (row-major, leading dimension cols). */
export class HeapMatrix {
  private constructor(
    /** The backend whose heap holds the entries. */
    readonly backend: Backend,
    offset: number,
    /** Number of rows. */
    readonly rows: number,
    /** Number of columns. */
    readonly cols: number,
  ) {
    ownHeapBlock(this, backend, offset);
  }

  /**
   * Takes ownership of the `rows·cols` slots at `offset` of `backend`'s heap (allocated by the
   * caller with `heap.alloc`). Core-only (src/linalg, src/kernels).
   * @internal
   */
  static adopt(backend: Backend, offset: number, rows: number, cols: number): HeapMatrix {
    return new HeapMatrix(backend, offset, rows, cols);
  }

  /** A heap copy of the matrix `a` (checked: well-formed and finite) on the chosen backend. */
  static from(a: Matrix, opts: LinalgOptions = {}): HeapMatrix {
    assertMatrix('A', a);
    const backend = getBackend(opts.backend);
    return new HeapMatrix(backend, backend.heap.put(a.data), a.rows, a.cols);
  }

  /** Whether the handle still owns its memory. */
  get disposed(): boolean {
    return !blocks.has(this);
  }

  /** Copies the matrix out into a fresh Matrix. */
  toMatrix(): Matrix {
    return this.readRows(0, this.rows);
  }

  /** Copies rows [start, end) out into a fresh (end − start)×cols Matrix. */
  readRows(start: number, end: number): Matrix {
    const off = heapOffsetOf(this);
    assertInteger('start', start, 0);
    assertInteger('end', end, start);
    if (end > this.rows) throw new ShapeError(`rows ${start}:${end} run past the ${this.rows} rows of the matrix`);
    const data = this.backend.heap.read(off + start * this.cols, (end - start) * this.cols);
    return Object.freeze({ rows: end - start, cols: this.cols, data });
  }

  /** Frees the heap memory; later use throws DisposedError, a second call does nothing. */
  dispose(): void {
    releaseHeapBlock(this);
  }

  /** `using m = …` disposes at the end of the block. */
  [Symbol.dispose](): void {
    this.dispose();
  }
}
