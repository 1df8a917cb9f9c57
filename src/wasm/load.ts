/**
 * Compiles and instantiates the WebAssembly core once per process (or page). Both builds are
 * inlined as base64 (src/wasm/generated/core-wasm.ts, made by `npm run build:wasm`), so they
 * load with no file access, no fetch and no bundler configuration:
 * - the threaded build imports a shared memory, on which worker threads instantiate the same
 *   module (src/parallel/); it is used wherever shared memory and workers exist — Node (20.16+)
 *   always, browsers when the page is cross-origin isolated;
 * - the single-thread build owns its memory and is used everywhere else.
 * `coreBuild()` says which one runs and why. The modules import nothing else: aborts inside
 * them surface as `RuntimeError: unreachable`, which the TS side prevents by validating every
 * argument first.
 */
import { coreThreadsWasmBase64, coreWasmBase64 } from './generated/core-wasm.js';
import type { CompiledModule, LinearMemory } from './linear-memory.js';

/** The raw exports of the core module. */
export interface CoreExports {
  readonly heapBase: () => number;
  /** f64 slots of per-instance scratch (the gemm engine's packed panel); see setThreadScratch. */
  readonly threadScratchSlots: () => number;
  /** Hands this instance its scratch block (element offset, threadScratchSlots() slots). */
  readonly setThreadScratch: (off: number) => void;
  readonly [name: string]: unknown;
}

/** Which build of the core runs: the threaded one (shared memory, worker pool) or the single-thread one. */
export type CoreBuildName = 'threads' | 'single-thread';

/** The build of the WebAssembly core in use, and why it was chosen. */
export interface CoreBuild {
  /** 'threads' (shared memory, kernels split over a worker pool) or 'single-thread'. */
  readonly build: CoreBuildName;
  /** Why this build was chosen (e.g. "browser not cross-origin isolated"). */
  readonly reason: string;
}

/** The instantiated core: its exports, its memory and (threaded build) what workers need. */
export interface CoreInstance {
  readonly exports: CoreExports;
  readonly memory: LinearMemory;
  /** The compiled module (workers instantiate it on `memory`). */
  readonly module: CompiledModule;
  readonly build: CoreBuild;
}

let instance: CoreInstance | undefined;
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

/** True in Node (where worker_threads exist), false in browsers and other engines. */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** Decides which build this engine can run, with the reason. */
function chooseBuild(): CoreBuild {
  const node = isNode();
  if (!node && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) {
    return {
      build: 'single-thread',
      reason:
        'browser not cross-origin isolated (serve the page with the headers Cross-Origin-Opener-Policy: same-origin ' +
        'and Cross-Origin-Embedder-Policy: require-corp to enable threads)',
    };
  }
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') {
    return { build: 'single-thread', reason: 'this engine has no SharedArrayBuffer/Atomics' };
  }
  if (node) {
    const proc = globalThis.process as unknown as { getBuiltinModule?: unknown };
    if (typeof proc.getBuiltinModule !== 'function') {
      return { build: 'single-thread', reason: 'this Node lacks process.getBuiltinModule (Node ≥ 20.16 runs the threaded build)' };
    }
    return { build: 'threads', reason: 'Node: shared memory and worker_threads are available' };
  }
  if (typeof Worker !== 'function') return { build: 'single-thread', reason: 'this engine has no Web Workers' };
  return { build: 'threads', reason: 'browser is cross-origin isolated: shared memory and Web Workers are available' };
}

/** Largest shared memory the engine grants: 4 GiB (65536 pages), else the largest smaller power of two. */
function sharedMemory(): WebAssembly.Memory {
  for (let maximum = 65536; ; maximum >>= 1) {
    try {
      return new WebAssembly.Memory({ initial: 16, maximum, shared: true });
    } catch (err) {
      if (maximum <= 256) throw err;
    }
  }
}

function instantiate(): CoreInstance {
  const build = chooseBuild();
  if (build.build === 'threads') {
    const module = new WebAssembly.Module(decodeBase64(coreThreadsWasmBase64));
    const memory = sharedMemory();
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as CoreExports;
    return { exports, memory, module, build };
  }
  const module = new WebAssembly.Module(decodeBase64(coreWasmBase64));
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as CoreExports & { memory: WebAssembly.Memory };
  return { exports, memory: exports.memory, module, build };
}

/** The instantiated core (synchronous; compiled on first use). */
export function coreInstance(): CoreInstance {
  instance ??= instantiate();
  return instance;
}

/** The raw exports of the instantiated core. */
export function coreExports(): CoreExports {
  return coreInstance().exports;
}

/**
 * Which build of the WebAssembly core this engine runs — 'threads' (shared memory, kernels
 * split over a worker pool) or 'single-thread' — and why (e.g. "browser not cross-origin
 * isolated"). Decided once, without instantiating anything.
 */
export function coreBuild(): CoreBuild {
  return instance?.build ?? chooseBuild();
}
