// Linear-memory layout: static data (constants, Math tables) lives below __heap_base;
// everything above it belongs to the TS-side allocator (src/wasm/heap.ts).

/** First byte free for the TS-side heap (16-byte aligned by the caller). */
export function heapBase(): u32 {
  return <u32>__heap_base;
}
