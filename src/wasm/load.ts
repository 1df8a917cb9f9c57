/**
 * Compiles and instantiates the WebAssembly core once per process (or page). The module is
 * inlined as base64 (src/wasm/generated/core-wasm.ts, made by `npm run build:wasm`), so it
 * loads with no file access, no fetch and no bundler configuration. The module has zero
 * imports: aborts inside it surface as `RuntimeError: unreachable`, which the TS side prevents
 * by validating every argument first.
 */
import { coreWasmBase64 } from './generated/core-wasm.js';
import type { LinearMemory } from './linear-memory.js';

/** The raw exports of the core module. */
export interface CoreExports {
  readonly memory: LinearMemory;
  readonly heapBase: () => number;
  readonly [name: string]: unknown;
}

let instance: CoreExports | undefined;
let simdSupport: boolean | undefined;

/** Decodes base64 into a plain ArrayBuffer (not ArrayBufferLike, which compile rejects). */
function decodeBase64(text: string): ArrayBuffer {
  const bin = atob(text);
  const buf = new ArrayBuffer(bin.length);
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return buf;
}

// (module (func (result v128) (v128.const i32x4 0 0 0 0)))
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
]);

/** True when this engine has WebAssembly with 128-bit SIMD (feature-detected once). */
export function hasWasmSimd(): boolean {
  if (simdSupport === undefined) {
    simdSupport = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  }
  return simdSupport;
}

/** The instantiated core module (synchronous; compiled on first use). */
export function coreExports(): CoreExports {
  if (instance === undefined) {
    const module = new WebAssembly.Module(decodeBase64(coreWasmBase64));
    instance = new WebAssembly.Instance(module, {}).exports as unknown as CoreExports;
  }
  return instance;
}
