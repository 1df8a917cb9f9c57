/** The two backing stores of a Heap: WebAssembly memory and a plain ArrayBuffer. */
import { WasmMemoryError } from '../errors.js';
import { formatBytes, type HeapStorage } from './heap.js';
import type { LinearMemory } from './linear-memory.js';

const PAGE = 65536;
/** wasm32 linear memory holds at most 65536 pages of 64 KiB. */
const WASM32_MAX_BYTES = 65536 * PAGE;

/** Heap storage over a WebAssembly.Memory; grows by whole pages. */
export class WasmMemoryStorage implements HeapStorage {
  readonly maxBytes = WASM32_MAX_BYTES;
  constructor(private readonly memory: LinearMemory) {}
  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }
  growTo(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    // grow geometrically (at least 1/4) to keep the number of grow calls logarithmic
    const want = Math.min(this.maxBytes, Math.max(bytes, have + (have >> 2)));
    const pages = Math.ceil((want - have) / PAGE);
    try {
      this.memory.grow(pages);
    } catch {
      try {
        this.memory.grow(Math.ceil((bytes - have) / PAGE));
      } catch (err) {
        throw new WasmMemoryError(
          `WebAssembly memory could not grow to ${formatBytes(bytes)} (${String(err)}); ` +
            'the engine refused the allocation: use smaller sizes',
          bytes,
        );
      }
    }
  }
}

/** Heap storage over a plain ArrayBuffer, for the TS twin; grows by copying. */
export class ArrayBufferStorage implements HeapStorage {
  readonly maxBytes = WASM32_MAX_BYTES; // same limit as wasm, so both backends fail alike
  private buf: ArrayBuffer;
  constructor(initialBytes: number) {
    this.buf = new ArrayBuffer(initialBytes);
  }
  get buffer(): ArrayBuffer {
    return this.buf;
  }
  growTo(bytes: number): void {
    const have = this.buf.byteLength;
    if (bytes <= have) return;
    const want = Math.min(this.maxBytes, Math.max(bytes, have * 2));
    let next: ArrayBuffer;
    try {
      next = new ArrayBuffer(want);
    } catch (err) {
      throw new WasmMemoryError(
        `could not allocate ${formatBytes(want)} for the TS heap (${String(err)}): use smaller sizes`,
        bytes,
      );
    }
    new Uint8Array(next).set(new Uint8Array(this.buf));
    this.buf = next;
  }
}
