/**
 * The worker pool of the threaded build: threads − 1 workers (the calling thread is the other
 * one), each with the core module instantiated on the shared memory and its own scratch block.
 * A job — a list of independent kernel calls — is shared by the main thread and the workers
 * through the task protocol (src/parallel/task-protocol.ts): no postMessage per call, and the
 * main thread does its share. Which thread runs a call never changes its bits: every call is
 * a whole kernel invocation on its own output.
 *
 * Nothing hangs: a call that throws is reported as a ThreadPoolError once the job is complete;
 * a worker that dies or stalls in the middle of a job is detected when no call completes for
 * a generous time (the pool then stops its workers and reports a ThreadPoolError; the next
 * kernel call starts a fresh pool).
 */
import { ThreadPoolError } from '../errors.js';
import { isNode, type CoreInstance } from '../wasm/load.js';
import {
  MAX_TASKS,
  MESSAGE_CHARS,
  SLOT,
  recordedMessage,
  runClaimedTasks,
  type KernelFunction,
  type SharedViews,
} from './task-protocol.js';
import { startWorker, type PoolWorker } from './worker-source.js';

/** Longest wait for the workers to start (Node waits synchronously at the first job). */
const START_TIMEOUT_MS = 60_000;
/** A job whose calls stop completing for this long (at least) is declared stalled. */
const MIN_STALL_MS = 60_000;
/** …or for this many times the longest call the main thread has run. */
const STALL_FACTOR = 50;

/** A list of kernel calls, each a wasm export name and its numeric arguments. */
export class TaskList {
  readonly calls: Array<{ readonly name: string; readonly args: readonly number[] }> = [];

  /** Appends one call of the export `name`. */
  add(name: string, ...args: number[]): this {
    if (args.length > SLOT.TASK_STRIDE - 2) throw new ThreadPoolError(`a task call takes at most ${SLOT.TASK_STRIDE - 2} arguments`);
    this.calls.push({ name, args });
    return this;
  }
}

/** The lifecycle of a pool. */
export type PoolState = 'idle' | 'running' | 'closed';

/** A pool of `threads − 1` workers sharing the core's memory with the calling thread. */
export class ThreadPool {
  private readonly views: SharedViews;
  private readonly names: readonly string[];
  private readonly index = new Map<string, number>();
  private readonly mainFns: readonly KernelFunction[];
  private workers: PoolWorker[] = [];
  private failure: string | undefined;
  private longestCallMs = 0;
  private state: PoolState = 'idle';

  constructor(
    private readonly core: CoreInstance,
    /** One scratch block (element offset, threadScratchSlots() slots) per worker. */
    private readonly scratch: readonly number[],
    /** Threads running a job, the calling thread included (≥ 2). */
    readonly threads: number,
  ) {
    if (scratch.length < threads - 1) throw new ThreadPoolError(`a pool of ${threads} threads needs ${threads - 1} scratch blocks`);
    this.views = {
      ctl: new Int32Array(new SharedArrayBuffer(SLOT.SIZE * 4)),
      table: new Float64Array(new SharedArrayBuffer(MAX_TASKS * SLOT.TASK_STRIDE * 8)),
      message: new Uint16Array(new SharedArrayBuffer(MESSAGE_CHARS * 2)),
    };
    const exports = core.exports as unknown as Record<string, unknown>;
    this.names = Object.keys(exports).filter((name) => typeof exports[name] === 'function');
    this.names.forEach((name, i) => this.index.set(name, i));
    this.mainFns = this.names.map((name) => exports[name] as KernelFunction);
  }

  /** 'idle' (no worker yet), 'running' (workers started) or 'closed' (shut down or failed). */
  get status(): PoolState {
    return this.state;
  }

  /** Workers that have instantiated the module and take calls. */
  get readyWorkers(): number {
    return Atomics.load(this.views.ctl, SLOT.READY);
  }

  /** Starts the workers if not yet started (asynchronous in browsers; Node waits in `run`). */
  start(): void {
    this.assertOpen();
    if (this.state === 'running') return;
    this.state = 'running';
    for (let thread = 1; thread < this.threads; thread++) {
      const init = {
        module: this.core.module,
        memory: this.core.memory,
        control: this.views.ctl.buffer as SharedArrayBuffer,
        table: this.views.table.buffer as SharedArrayBuffer,
        message: this.views.message.buffer as SharedArrayBuffer,
        names: this.names,
        scratch: this.scratch[thread - 1],
        thread,
      };
      try {
        this.workers.push(startWorker(init, (message) => (this.failure ??= message)));
      } catch (err) {
        throw this.fail(`worker thread ${thread} could not be created: ${String(err)}`);
      }
    }
  }

  /** Resolves when every worker runs (rejects with ThreadPoolError if one cannot start). */
  async ready(): Promise<void> {
    this.start();
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (this.readyWorkers < this.threads - 1) {
      this.checkStart();
      if (Date.now() > deadline) throw this.fail(`the worker threads did not start within ${START_TIMEOUT_MS / 1000} s`);
      await new Promise((ok) => setTimeout(ok, 5));
    }
  }

  /**
   * Runs every call of `tasks` on the pool and returns when all are complete. Throws
   * ThreadPoolError if the pool is shut down, a worker failed, or a call threw.
   */
  run(tasks: TaskList): void {
    this.start();
    if (isNode()) this.awaitWorkersSync();
    for (let from = 0; from < tasks.calls.length; from += MAX_TASKS) {
      this.runTable(tasks, from, Math.min(tasks.calls.length, from + MAX_TASKS));
    }
  }

  /** Stops every worker; later use is a ThreadPoolError. */
  shutdown(): void {
    if (this.state === 'closed') return;
    this.stopWorkers();
    this.state = 'closed';
    this.failure ??= 'the thread pool was shut down (shutdownThreads); call configureThreads() to start a new one';
  }

  private stopWorkers(): void {
    Atomics.store(this.views.ctl, SLOT.SHUTDOWN, 1);
    Atomics.add(this.views.ctl, SLOT.GEN, 1);
    Atomics.notify(this.views.ctl, SLOT.GEN);
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }

  private assertOpen(): void {
    if (this.state === 'closed' || this.failure !== undefined) {
      const message = this.failure ?? 'the thread pool is closed';
      if (this.state !== 'closed') this.shutdown();
      throw new ThreadPoolError(message);
    }
  }

  private checkStart(): void {
    this.assertOpen();
    if (Atomics.load(this.views.ctl, SLOT.START_FAILED) !== 0) {
      throw this.fail(`a worker thread could not start: ${recordedMessage(this.views)}`);
    }
  }

  /** Closes the pool after a failure and returns the error to throw. */
  private fail(message: string): ThreadPoolError {
    this.failure = message;
    if (this.state !== 'closed') {
      this.stopWorkers();
      this.state = 'closed';
    }
    return new ThreadPoolError(message);
  }

  /** Node: blocks until every worker is ready (Atomics.wait is allowed on Node's main thread). */
  private awaitWorkersSync(): void {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const ready = this.readyWorkers;
      if (ready >= this.threads - 1) return;
      this.checkStart();
      if (Date.now() > deadline) throw this.fail(`the worker threads did not start within ${START_TIMEOUT_MS / 1000} s`);
      Atomics.wait(this.views.ctl, SLOT.READY, ready, 50);
    }
  }

  private runTable(tasks: TaskList, from: number, to: number): void {
    this.assertOpen();
    const { ctl, table } = this.views;
    const count = to - from;
    for (let t = 0; t < count; t++) {
      const { name, args } = tasks.calls[from + t];
      const fn = this.index.get(name);
      if (fn === undefined) throw new ThreadPoolError(`the WebAssembly core has no export '${name}'`);
      const base = t * SLOT.TASK_STRIDE;
      table[base] = fn;
      table[base + 1] = args.length;
      for (let a = 0; a < args.length; a++) table[base + 2 + a] = args[a];
    }
    Atomics.store(ctl, SLOT.DONE, 0);
    Atomics.store(ctl, SLOT.ERROR, 0);
    Atomics.store(ctl, SLOT.CLAIM, count << 16);
    Atomics.add(ctl, SLOT.GEN, 1);
    Atomics.notify(ctl, SLOT.GEN);
    const started = performance.now();
    runClaimedTasks(this.views, this.mainFns, 0, SLOT);
    this.longestCallMs = Math.max(this.longestCallMs, (performance.now() - started) / Math.max(1, count));
    this.awaitDone(count);
    const failed = Atomics.load(ctl, SLOT.ERROR);
    if (failed !== 0) {
      const where = failed === 1 ? 'the calling thread' : `worker thread ${failed - 1}`;
      throw new ThreadPoolError(`a kernel call failed on ${where}: ${recordedMessage(this.views)}`);
    }
  }

  /** Waits until `count` calls are done; declares the job stalled when none completes for too long. */
  private awaitDone(count: number): void {
    const { ctl } = this.views;
    const stallMs = Math.max(MIN_STALL_MS, STALL_FACTOR * this.longestCallMs);
    const node = isNode();
    let done = Atomics.load(ctl, SLOT.DONE);
    let lastProgress = performance.now();
    while (done < count) {
      if (node) Atomics.wait(ctl, SLOT.DONE, done, 100);
      const now = Atomics.load(ctl, SLOT.DONE);
      if (now !== done) {
        done = now;
        lastProgress = performance.now();
      } else if (performance.now() - lastProgress > stallMs) {
        throw this.fail(
          `a worker thread stopped responding: ${count - done} of ${count} kernel calls did not complete within ` +
            `${Math.round(stallMs / 1000)} s (${this.failure ?? 'no error was reported'})`,
        );
      }
    }
  }
}
