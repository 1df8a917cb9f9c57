/**
 * A heap of f64 slots over one growable buffer — WebAssembly linear memory for the wasm
 * backend, a plain ArrayBuffer for the TS twin — with a first-fit free-list allocator.
 *
 * Offsets are element offsets (f64 units), as every kernel takes them. Blocks are aligned to
 * 16 bytes (two slots) so SIMD loads are aligned. Freed blocks coalesce with their
 * neighbours, and the top block returns to the unallocated tail, so a long run that
 * allocates and frees the same sizes does not grow memory.
 *
 * Growing the buffer detaches every typed-array view over the old one: always read `f64`
 * (re-derived on access) after any call that may allocate; never hold a view across one.
 */
import { InvalidArgumentError, WasmMemoryError } from '../errors.js';

/** What the heap needs from its backing store. */
export interface HeapStorage {
  /** The current buffer (replaced or detached-and-replaced when the storage grows). */
  readonly buffer: ArrayBuffer;
  /** Largest byte size the storage can ever reach. */
  readonly maxBytes: number;
  /** Grows the buffer to at least `bytes` bytes; throws WasmMemoryError if impossible. */
  growTo(bytes: number): void;
}

const ALIGN = 2; // slots (16 bytes)

/** Scoped allocation: everything allocated through `alloc` is freed when the scope ends. */
export interface Scope {
  /** Allocates `n` zero-filled slots and returns their element offset. */
  alloc(n: number): number;
  /** Allocates and fills slots with `values`; returns their element offset. */
  put(values: ArrayLike<number>): number;
}

/** First-fit allocator over a HeapStorage. */
export class Heap {
  private view: Float64Array;
  /** Free blocks, sorted by offset: [offset, size] in slots. */
  private readonly freeList: Array<[number, number]> = [];
  /** Sizes of live blocks, by offset. */
  private readonly live = new Map<number, number>();
  /** First slot past the highest block ever handed out and not returned to the tail. */
  private top: number;

  constructor(
    private readonly storage: HeapStorage,
    /** First usable slot (data below it belongs to the module's static segment). */
    readonly base: number,
  ) {
    this.top = Math.ceil(base / ALIGN) * ALIGN;
    this.view = new Float64Array(storage.buffer);
  }

  /** A Float64Array over the whole current buffer; re-derive after any allocation. */
  get f64(): Float64Array {
    if (this.view.buffer !== this.storage.buffer || this.view.length === 0) {
      this.view = new Float64Array(this.storage.buffer);
    }
    return this.view;
  }

  /** Slots currently allocated (live blocks). */
  get liveSlots(): number {
    let s = 0;
    for (const size of this.live.values()) s += size;
    return s;
  }

  /** Largest size the backing buffer can ever reach, in bytes (4 GiB for wasm32). */
  get maxBytes(): number {
    return this.storage.maxBytes;
  }

  /** Bytes not held by live blocks or the static segment: an upper bound on what can still be allocated. */
  get availableBytes(): number {
    return this.storage.maxBytes - (this.base + this.liveSlots) * 8;
  }

  /** Current size of the backing buffer in bytes. */
  get capacityBytes(): number {
    return this.storage.buffer.byteLength;
  }

  /**
   * Allocates `n` slots (n ≥ 0), zero-filled, and returns the element offset of the first.
   * Throws WasmMemoryError when the request cannot fit in the storage's maximum size.
   */
  alloc(n: number): number {
    if (!Number.isInteger(n) || n < 0) {
      throw new InvalidArgumentError(`heap allocation size must be a non-negative integer, got ${n}`);
    }
    const size = Math.max(ALIGN, Math.ceil(n / ALIGN) * ALIGN);
    let off = -1;
    for (let i = 0; i < this.freeList.length; i++) {
      const [o, s] = this.freeList[i];
      if (s >= size) {
        off = o;
        if (s === size) this.freeList.splice(i, 1);
        else this.freeList[i] = [o + size, s - size];
        break;
      }
    }
    if (off < 0) {
      off = this.top;
      const endBytes = (off + size) * 8;
      if (endBytes > this.storage.maxBytes) {
        throw new WasmMemoryError(
          `cannot allocate ${formatBytes(n * 8)}: the heap would need ${formatBytes(endBytes)}, ` +
            `beyond the ${formatBytes(this.storage.maxBytes)} limit of WebAssembly linear memory; ` +
            'use smaller sizes (width m, number of sequences n, or tiles)',
          n * 8,
        );
      }
      if (endBytes > this.storage.buffer.byteLength) this.storage.growTo(endBytes);
      this.top = off + size;
    }
    this.live.set(off, size);
    this.f64.fill(0, off, off + size);
    return off;
  }

  /** Allocates and copies `values` in; returns the element offset. */
  put(values: ArrayLike<number>): number {
    const off = this.alloc(values.length);
    this.f64.set(values, off);
    return off;
  }

  /** Copies `n` slots starting at `off` out into a fresh Float64Array; the range must lie in the heap. */
  read(off: number, n: number): Float64Array {
    const f = this.f64;
    if (!Number.isInteger(off) || !Number.isInteger(n) || off < 0 || n < 0 || off + n > f.length) {
      throw new InvalidArgumentError(`heap read of ${n} slots at offset ${off} is outside the heap's ${f.length} slots`);
    }
    return f.slice(off, off + n);
  }

  /** Returns a block to the allocator. Freeing an unknown offset is an error. */
  free(off: number): void {
    const size = this.live.get(off);
    if (size === undefined) {
      throw new InvalidArgumentError(`heap offset ${off} is not a live allocation (double free?)`);
    }
    this.live.delete(off);
    // insert sorted, then coalesce with neighbours
    let i = 0;
    while (i < this.freeList.length && this.freeList[i][0] < off) i++;
    this.freeList.splice(i, 0, [off, size]);
    if (i + 1 < this.freeList.length) {
      const [o, s] = this.freeList[i];
      const [o2, s2] = this.freeList[i + 1];
      if (o + s === o2) this.freeList.splice(i, 2, [o, s + s2]);
    }
    if (i > 0) {
      const [o0, s0] = this.freeList[i - 1];
      const [o, s] = this.freeList[i];
      if (o0 + s0 === o) this.freeList.splice(i - 1, 2, [o0, s0 + s]);
    }
    const last = this.freeList[this.freeList.length - 1];
    if (last !== undefined && last[0] + last[1] === this.top) {
      this.top = last[0];
      this.freeList.pop();
    }
  }

  /** Runs `fn` with a scope whose allocations are all freed afterwards (even on throw). */
  scope<T>(fn: (s: Scope) => T): T {
    const owned: number[] = [];
    const scope: Scope = {
      alloc: (n) => {
        const off = this.alloc(n);
        owned.push(off);
        return off;
      },
      put: (values) => {
        const off = this.put(values);
        owned.push(off);
        return off;
      },
    };
    try {
      return fn(scope);
    } finally {
      for (let i = owned.length - 1; i >= 0; i--) this.free(owned[i]);
    }
  }
}

/** Human-readable byte count for error messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  if (bytes >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(1)} KiB`;
  return `${bytes} B`;
}
