/**
 * `memory()`: what rnn-ntk holds in its heaps now, in the spirit of `tf.memory()` — to find
 * forgotten `dispose()` calls and to see how close a run is to the 4 GiB of wasm32 memory.
 */
import { createdBackends, type BackendName } from '../backend/backend.js';
import { liveObjects, reclaimedObjects } from './lifetime.js';

/** One backend's heap. */
export interface HeapMemory {
  /** Which backend. */
  readonly backend: BackendName;
  /** Bytes in live heap blocks (objects plus any temporaries of a running call). */
  readonly bytesInUse: number;
  /** Size of the heap's buffer in bytes (WebAssembly memory never shrinks). */
  readonly heapBytes: number;
}

/** The report of `memory()`. */
export interface MemoryReport {
  /** Live (not yet disposed) heap-owning objects, by kind: `{Rnn: 2, Rng: 3}`. */
  readonly liveObjects: Readonly<Record<string, number>>;
  /** Heap bytes those objects hold, by kind. */
  readonly objectBytes: Readonly<Record<string, number>>;
  /** Bytes in live heap blocks, over every backend created so far. */
  readonly bytesInUse: number;
  /** Heap buffer sizes in bytes, over every backend created so far. */
  readonly heapBytes: number;
  /** Per-backend figures. */
  readonly heaps: readonly HeapMemory[];
  /**
   * Objects the garbage collector found undisposed (their memory was freed then), by kind:
   * a non-zero count means some caller forgets `dispose()` (or `using`).
   */
  readonly collectedUndisposed: Readonly<Record<string, number>>;
}

/** A snapshot of the live heap-owning objects and heap usage. */
export function memory(): MemoryReport {
  const heaps = createdBackends().map((b) => ({ backend: b.name, bytesInUse: b.heap.liveSlots * 8, heapBytes: b.heap.capacityBytes }));
  const { counts, bytes } = liveObjects();
  return {
    liveObjects: counts,
    objectBytes: bytes,
    bytesInUse: heaps.reduce((s, h) => s + h.bytesInUse, 0),
    heapBytes: heaps.reduce((s, h) => s + h.heapBytes, 0),
    heaps,
    collectedUndisposed: reclaimedObjects(),
  };
}
