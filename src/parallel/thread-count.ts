/**
 * How many threads run the kernels: the `threads` option of configureThreads, else the
 * environment variable RNN_NTK_THREADS (Node), else the available parallelism of the machine.
 * Every value is validated here, once: an integer in [1, 256].
 */
import { InvalidArgumentError } from '../errors.js';

/** The largest thread count accepted (beyond it a value is a mistake, not a machine). */
export const MAX_THREADS = 256;

/** The environment variable that sets the default thread count (Node only). */
export const THREADS_ENV = 'RNN_NTK_THREADS';

/** Throws InvalidArgumentError unless `value` is an integer in [1, 256]; `source` names where it came from. */
export function assertThreadCount(value: unknown, source: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_THREADS) {
    throw new InvalidArgumentError(
      `${source} must be an integer from 1 to ${MAX_THREADS} (the number of threads running the kernels; ` +
        `1 runs everything on the calling thread), got ${String(value)}`,
    );
  }
}

/** The machine's available parallelism: Node's os.availableParallelism, navigator.hardwareConcurrency, else 1. */
function availableParallelism(): number {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = proc?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  const n = os?.availableParallelism?.() ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_THREADS) : 1;
}

/** The RNN_NTK_THREADS value as a number (validated), or undefined when unset or empty. */
function threadsFromEnvironment(): number | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const text = env?.[THREADS_ENV];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  assertThreadCount(value, `the environment variable ${THREADS_ENV} ('${text}')`);
  return value;
}

/** The thread count to use: `requested` if given (validated), else RNN_NTK_THREADS, else the available parallelism. */
export function resolveThreadCount(requested?: number): number {
  if (requested !== undefined) {
    assertThreadCount(requested, 'threads');
    return requested;
  }
  return threadsFromEnvironment() ?? availableParallelism();
}
