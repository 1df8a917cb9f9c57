/**
 * The protocol between the main thread and the workers of the pool: no postMessage per task.
 * A job is a table of kernel calls in shared memory; the main thread publishes it by bumping a
 * generation counter (Atomics.notify), and every thread — the main thread included — claims
 * calls one at a time with a compare-and-swap on one word until none is left, then counts
 * itself done. The claim word packs (count << 16 | next), so a late worker can never pick a
 * call of a table that is still being written: the word is published after the table.
 *
 * `runClaimedTasks` and `workerLoop` are stringified into the worker source
 * (src/parallel/worker-source.ts), so they reference nothing outside their parameters.
 */
import type { CompiledModule, LinearMemory } from '../wasm/linear-memory.js';

/** Slots of the control block (an Int32Array over a SharedArrayBuffer). */
export const SLOT = {
  /** Job generation; workers wait on it. */
  GEN: 0,
  /** Calls completed in the current job. */
  DONE: 1,
  /** 0, or 1 + the thread index of the first call that threw. */
  ERROR: 2,
  /** Non-zero: workers leave their loop. */
  SHUTDOWN: 3,
  /** Workers that instantiated the module and wait for jobs. */
  READY: 4,
  /** The claim word: count << 16 | next. */
  CLAIM: 5,
  /** Length of the error message in the message buffer. */
  MESSAGE_LENGTH: 6,
  /** 0, or 1 + the index of a worker that failed to start. */
  START_FAILED: 7,
  /** Number of slots. */
  SIZE: 16,
  /** f64 entries per call in the task table: [export index, argc, up to 18 arguments]. */
  TASK_STRIDE: 20,
} as const;

/** The layout as passed to the stringified functions. */
export type Slots = typeof SLOT;

/** Calls per table (the claim word holds counts below 2^15). */
export const MAX_TASKS = 4096;

/** Characters kept of an error message. */
export const MESSAGE_CHARS = 1024;

/** The shared views every thread works on. */
export interface SharedViews {
  readonly ctl: Int32Array;
  readonly table: Float64Array;
  readonly message: Uint16Array;
}

/** Any wasm export (numbers in, a number or nothing out). */
export type KernelFunction = (...args: number[]) => unknown;

/**
 * Claims and runs calls of the current job until none is left. A call that throws is recorded
 * (first error wins: thread and message) and still counted done, so the job always completes.
 */
export function runClaimedTasks(views: SharedViews, fns: readonly KernelFunction[], thread: number, slot: Slots): void {
  const { ctl, table, message } = views;
  for (;;) {
    const word = Atomics.load(ctl, slot.CLAIM);
    const count = word >>> 16;
    const next = word & 0xffff;
    if (next >= count) return;
    if (Atomics.compareExchange(ctl, slot.CLAIM, word, word + 1) !== word) continue;
    const base = next * slot.TASK_STRIDE;
    try {
      const argc = table[base + 1];
      const args: number[] = [];
      for (let t = 0; t < argc; t++) args.push(table[base + 2 + t]);
      fns[table[base]](...args);
    } catch (err) {
      if (Atomics.compareExchange(ctl, slot.ERROR, 0, thread + 1) === 0) {
        const text = String((err as { stack?: string })?.stack ?? err).slice(0, message.length);
        for (let c = 0; c < text.length; c++) message[c] = text.charCodeAt(c);
        Atomics.store(ctl, slot.MESSAGE_LENGTH, text.length);
      }
    }
    if (Atomics.add(ctl, slot.DONE, 1) + 1 === count) Atomics.notify(ctl, slot.DONE);
  }
}

/** What a worker receives once, at its start (structured-cloned: the memory and buffers are shared). */
export interface WorkerInit {
  readonly module: CompiledModule;
  readonly memory: LinearMemory;
  readonly control: SharedArrayBuffer;
  readonly table: SharedArrayBuffer;
  readonly message: SharedArrayBuffer;
  /** Export names; the task table refers to them by index. */
  readonly names: readonly string[];
  /** Element offset of this worker's scratch block (setThreadScratch). */
  readonly scratch: number;
  /** This worker's thread index (1 ..; the main thread is 0). */
  readonly thread: number;
}

/**
 * A worker's whole life: instantiate the module on the shared memory, take its own scratch,
 * report ready, then wait for job generations (Atomics.wait) and run claimed calls until the
 * shutdown flag is set. A failure to start is recorded in the control block, not thrown.
 */
export function workerLoop(init: WorkerInit, runClaimed: typeof runClaimedTasks, slot: Slots): void {
  const ctl = new Int32Array(init.control);
  const views = { ctl, table: new Float64Array(init.table), message: new Uint16Array(init.message) };
  let fns: KernelFunction[];
  try {
    const instance = new WebAssembly.Instance(init.module as WebAssembly.Module, { env: { memory: init.memory as WebAssembly.Memory } });
    const exports = instance.exports as Record<string, KernelFunction>;
    exports.setThreadScratch(init.scratch);
    fns = init.names.map((name) => exports[name]);
  } catch (err) {
    if (Atomics.compareExchange(ctl, slot.START_FAILED, 0, init.thread + 1) === 0) {
      const text = String(err).slice(0, views.message.length);
      for (let c = 0; c < text.length; c++) views.message[c] = text.charCodeAt(c);
      Atomics.store(ctl, slot.MESSAGE_LENGTH, text.length);
    }
    Atomics.notify(ctl, slot.READY);
    return;
  }
  Atomics.add(ctl, slot.READY, 1);
  Atomics.notify(ctl, slot.READY);
  let seen = -1;
  for (;;) {
    if (Atomics.load(ctl, slot.SHUTDOWN) !== 0) return;
    const gen = Atomics.load(ctl, slot.GEN);
    if (gen === seen) {
      Atomics.wait(ctl, slot.GEN, seen);
      continue;
    }
    seen = gen;
    runClaimed(views, fns, init.thread, slot);
  }
}

/** The recorded error message (empty if none). */
export function recordedMessage(views: SharedViews): string {
  const length = Atomics.load(views.ctl, SLOT.MESSAGE_LENGTH);
  let text = '';
  for (let c = 0; c < length; c++) text += String.fromCharCode(views.message[c]);
  return text;
}
