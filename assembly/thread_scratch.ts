// Per-instance scratch of the gemm engine (packed panels of op(B) and op(A), and the edge tile).
//
// It lives in the TS-side heap, not in static memory: in the threaded build every thread
// instantiates this module on one shared memory, and each instantiation re-writes the static
// data segments, so a static buffer would be shared (and clobbered) by all threads. Module
// globals are per instance, so each instance — the main thread's and every worker's — is
// given its own block once, right after instantiation (src/wasm/load.ts, src/parallel/).
import { addr } from './address';

/** Bytes of the packed op(B) panel: KC · NC · 8 (assembly/gemm_blocking.ts). */
export const PACK_BYTES: usize = 32768;
/** Bytes of the edge tile: MR · NR · 8. */
export const TILE_BYTES: usize = 160;
/** Bytes of the packed op(A) block: MC · KC · 8 = 255 · 128 · 8 (assembly/gemm_blocking.ts). */
export const PACK_A_BYTES: usize = 261120;

let scratchAt: usize = 0;

/** f64 slots one instance's scratch needs (16-byte aligned offset expected). */
export function threadScratchSlots(): u32 {
  return <u32>((PACK_BYTES + TILE_BYTES + PACK_A_BYTES) >> 3);
}

/** Hands this instance its scratch block at element offset `off` (threadScratchSlots() slots). */
export function setThreadScratch(off: u32): void {
  scratchAt = addr(off);
}

/** Byte address of the packed op(B) panel of this instance. */
// @ts-ignore: decorator
@inline export function packBuffer(): usize {
  return scratchAt;
}

/** Byte address of the edge tile of this instance. */
// @ts-ignore: decorator
@inline export function tileBuffer(): usize {
  return scratchAt + PACK_BYTES;
}

/** Byte address of the packed op(A) block of this instance (after the edge tile, 16-byte aligned). */
// @ts-ignore: decorator
@inline export function packABuffer(): usize {
  return scratchAt + PACK_BYTES + TILE_BYTES;
}
