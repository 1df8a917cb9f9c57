/**
 * Independent kernel calls of one pass (one call per sequence of a batch: the forward and
 * backward passes of the RNN) run on the pool when the backend is the threaded wasm one and
 * the pass is large enough; otherwise one after another on the calling thread. Each call is a
 * whole single-thread kernel invocation on its own output, so the bits are the same either way.
 */
import type { Backend } from '../backend/backend.js';
import { TaskList } from './pool.js';
import { kernelPool } from './threads.js';

/** Multiply-adds below which a pass runs on the calling thread alone. */
const MIN_PASS_WORK = 1 << 18;

const threadedBackends = new WeakSet<Backend>();

/** Marks `backend` as the threaded wasm backend (its kernels' exports run on the pool). */
export function markThreaded(backend: Backend): void {
  threadedBackends.add(backend);
}

/** Runs every call of `tasks` (about `workPerCall` multiply-adds each) on `backend`. */
export function runKernelCalls(backend: Backend, tasks: TaskList, workPerCall: number): void {
  const big = tasks.calls.length > 1 && workPerCall * tasks.calls.length >= MIN_PASS_WORK;
  const pool = threadedBackends.has(backend) && big ? kernelPool() : undefined;
  if (pool !== undefined) {
    pool.run(tasks);
    return;
  }
  const kernels = backend.kernels as unknown as Record<string, (...args: number[]) => unknown>;
  for (const { name, args } of tasks.calls) kernels[name](...args);
}

export { TaskList };
