/**
 * Backends: the SIMD WebAssembly core, or its plain-TS twin (the test oracle and the fallback
 * where WebAssembly SIMD is unavailable). Each backend owns one heap; the kernels act on it.
 * Everything above this layer is written once against `Backend`.
 */
import { InvalidArgumentError, RnnNtkError } from '../errors.js';
import { Heap } from '../wasm/heap.js';
import { parallelKernels } from '../parallel/kernels.js';
import { markThreaded } from '../parallel/run-calls.js';
import { attachPoolHost } from '../parallel/threads.js';
import { coreInstance, hasWasmSimd } from '../wasm/load.js';
import { ArrayBufferStorage, WasmMemoryStorage } from '../wasm/storage.js';
import type { Kernels } from './kernels.js';
import * as twins from './twins.js';

/** Which implementation runs the kernels. */
export type BackendName = 'wasm' | 'ts';

/** A kernel implementation with its heap. */
export interface Backend {
  /** Which implementation this is. */
  readonly name: BackendName;
  /** The heap every kernel of this backend reads and writes (element offsets into it). */
  readonly heap: Heap;
  /** The kernels, with this backend's heap bound. */
  readonly kernels: Kernels;
}

/** Caller's choice: a backend name, 'auto' (wasm when SIMD is available), or a Backend. */
export type BackendChoice = BackendName | 'auto' | Backend;

const cache: Partial<Record<BackendName, Backend>> = {};

/**
 * The wasm backend on the core build this engine runs (src/wasm/load.ts). With the threaded
 * build, the large kernels are the parallel drivers of src/parallel/kernels.ts (same bits).
 */
function createWasmBackend(): Backend {
  const core = coreInstance();
  const ex = core.exports;
  const missing = Object.keys(twins).filter((name) => typeof ex[name] !== 'function');
  if (missing.length > 0) {
    throw new RnnNtkError(`the WebAssembly core lacks kernels ${missing.join(', ')}; rebuild it (npm run build:wasm)`);
  }
  const heap = new Heap(new WasmMemoryStorage(core.memory), Math.ceil(ex.heapBase() / 8));
  ex.setThreadScratch(heap.alloc(ex.threadScratchSlots()));
  const raw = ex as unknown as Kernels;
  if (core.build.build !== 'threads') return { name: 'wasm', heap, kernels: raw };
  attachPoolHost(core, heap);
  const backend: Backend = { name: 'wasm', heap, kernels: parallelKernels(raw, heap) };
  markThreaded(backend);
  return backend;
}

function createTsBackend(): Backend {
  const heap = new Heap(new ArrayBufferStorage(1 << 16), 0);
  const kernels: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(twins) as Array<[string, (h: Float64Array, ...a: never[]) => unknown]>) {
    kernels[name] = (...args: never[]) => fn(heap.f64, ...args);
  }
  return { name: 'ts', heap, kernels: kernels as unknown as Kernels };
}

/**
 * Returns the (process-wide, lazily created) backend for `choice`. 'auto' picks wasm when
 * the engine supports WebAssembly SIMD, else the TS twin.
 */
export function getBackend(choice: BackendChoice = 'auto'): Backend {
  if (typeof choice === 'object') return choice;
  const name: BackendName = choice === 'auto' ? (hasWasmSimd() ? 'wasm' : 'ts') : choice;
  if (name !== 'wasm' && name !== 'ts') {
    throw new InvalidArgumentError(`backend must be 'wasm', 'ts' or 'auto', got ${String(choice)}`);
  }
  if (name === 'wasm' && !hasWasmSimd()) {
    throw new RnnNtkError("this engine has no WebAssembly SIMD; use backend 'ts' or 'auto'");
  }
  return (cache[name] ??= name === 'wasm' ? createWasmBackend() : createTsBackend());
}

/** The backends created so far in this process (their heaps are what `memory()` reports). */
export function createdBackends(): Backend[] {
  return Object.values(cache);
}
