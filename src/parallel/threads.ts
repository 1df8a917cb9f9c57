/**
 * The public face of multi-threading: how many threads run the kernels, which build of the
 * WebAssembly core is in use and why, starting and shutting down the pool. The pool itself is
 * process-wide (like the wasm backend it serves) and started lazily by the first kernel call
 * large enough to be split.
 */
import { getBackend } from '../backend/backend.js';
import { ThreadPoolError } from '../errors.js';
import type { Heap } from '../wasm/heap.js';
import { coreBuild, hasWasmSimd, type CoreBuildName, type CoreInstance } from '../wasm/load.js';
import { ThreadPool } from './pool.js';
import { resolveThreadCount } from './thread-count.js';

/** Options of {@link configureThreads}. */
export interface ThreadOptions {
  /**
   * Threads running the kernels, the calling thread included: an integer from 1 to 256.
   * Default: the environment variable RNN_NTK_THREADS (Node), else the machine's available
   * parallelism. The results are the same bits for every value.
   */
  readonly threads?: number;
}

/** What {@link threadsInfo} reports. */
export interface ThreadsInfo {
  /** The build of the WebAssembly core: 'threads' or 'single-thread'. */
  readonly build: CoreBuildName;
  /** Why that build was chosen (e.g. "browser not cross-origin isolated"). */
  readonly reason: string;
  /** Threads the kernels use (always 1 with the single-thread build). */
  readonly threads: number;
  /** Worker threads started and ready (threads − 1 once the pool runs; 0 before its first use). */
  readonly workersReady: number;
  /** True after shutdownThreads() until the next configureThreads(). */
  readonly shutDown: boolean;
}

let requested: number | undefined;
let pool: ThreadPool | undefined;
let shutDown = false;
let host: { readonly core: CoreInstance; readonly heap: Heap; readonly scratch: number[] } | undefined;

/**
 * Registers the threaded core and its heap (called once by the wasm backend) and allocates
 * the workers' scratch blocks for the default thread count right away, so that starting the
 * pool later allocates nothing (a larger count set by configureThreads adds blocks then).
 */
export function attachPoolHost(core: CoreInstance, heap: Heap): void {
  host = { core, heap, scratch: [] };
  ensureScratch(resolveThreadCount(requested) - 1);
}

/** Makes sure the host holds at least `workers` scratch blocks (kept for the life of the heap). */
function ensureScratch(workers: number): readonly number[] {
  if (host === undefined) return [];
  while (host.scratch.length < workers) host.scratch.push(host.heap.alloc(host.core.exports.threadScratchSlots()));
  return host.scratch;
}

/** Threads the kernels will use now (1 with the single-thread build). */
function effectiveThreads(): number {
  return coreBuild().build === 'threads' ? resolveThreadCount(requested) : 1;
}

/**
 * The pool kernels should split their work over, or undefined when they run on the calling
 * thread alone (one thread, or the single-thread build). Starts the pool on first use; a pool
 * that failed is replaced. Throws ThreadPoolError after shutdownThreads().
 */
export function kernelPool(): ThreadPool | undefined {
  if (shutDown) {
    throw new ThreadPoolError('the thread pool was shut down (shutdownThreads); call configureThreads() to use the kernels again');
  }
  if (host === undefined) return undefined;
  const threads = effectiveThreads();
  if (threads <= 1) return undefined;
  if (pool === undefined || pool.status === 'closed' || pool.threads !== threads) {
    pool?.shutdown();
    pool = new ThreadPool(host.core, ensureScratch(threads - 1), threads);
  }
  return pool;
}

/**
 * Sets how many threads run the kernels (see ThreadOptions.threads) and re-opens the pool
 * after shutdownThreads(). A pool of another size is stopped; the next kernel call starts one
 * of the new size. Throws InvalidArgumentError unless threads is an integer from 1 to 256.
 */
export function configureThreads(opts: ThreadOptions = {}): ThreadsInfo {
  if (opts.threads !== undefined) resolveThreadCount(opts.threads); // validates
  requested = opts.threads;
  shutDown = false;
  if (pool !== undefined && pool.threads !== effectiveThreads()) {
    pool.shutdown();
    pool = undefined;
  }
  return threadsInfo();
}

/** Which build runs, why, and how many threads the kernels use. */
export function threadsInfo(): ThreadsInfo {
  const { build, reason } = coreBuild();
  return Object.freeze({
    build,
    reason,
    threads: effectiveThreads(),
    workersReady: pool !== undefined && pool.status === 'running' ? pool.readyWorkers : 0,
    shutDown,
  });
}

/**
 * Starts the worker pool now and resolves once every worker runs. Optional in Node (the first
 * kernel call waits for the workers); in browsers, where the page cannot block while workers
 * start, kernels use only the workers already running, so await this before heavy work.
 */
export async function threadsReady(): Promise<ThreadsInfo> {
  if (hasWasmSimd()) getBackend('wasm'); // the wasm backend hosts the pool
  const p = kernelPool();
  await p?.ready();
  return threadsInfo();
}

/**
 * Stops the worker pool. Idle workers never keep a Node process alive, so this is needed only
 * to free the threads early; afterwards every kernel call throws ThreadPoolError until
 * configureThreads() is called again.
 */
export function shutdownThreads(): void {
  pool?.shutdown();
  pool = undefined;
  shutDown = true;
}
