/**
 * A small pool of Node worker threads that runs experiment units (src/experiments/definition.ts)
 * concurrently. Each worker imports the experiment registry and uses its own backend; a unit is
 * a function of its parameters, the unit and the seed alone, so the results are the bits a
 * sequential run gives. Workers start lazily, are unref'd while idle (an idle pool never keeps
 * the process alive), and a unit that throws or a worker that dies rejects with a typed error.
 * Node-only: the browser-safe library never imports this module.
 */
import { Worker } from 'node:worker_threads';
import type { BackendChoice } from '../../backend/backend.js';
import { RnnNtkError } from '../../errors.js';
import type { ParamValues } from '../../experiments/params.js';
import type { ExperimentName } from '../../experiments/result.js';

/** A unit failed in a worker (its error's name and message are kept), or a worker died. */
export class ExperimentWorkerError extends RnnNtkError {
  constructor(
    message: string,
    /** The name of the error the unit threw ('' when the worker itself died). */
    readonly causeName: string,
  ) {
    super(message);
  }
}

/** One unit to run: which experiment, its resolved parameters, the unit and the run's seed. */
export interface UnitTask {
  readonly name: ExperimentName;
  readonly params: ParamValues;
  readonly unit: unknown;
  readonly seed: number;
  readonly backend?: BackendChoice;
}

/** The message a worker receives. */
export interface UnitRequest extends UnitTask {
  readonly id: number;
}

/** The message a worker sends back. */
export type UnitResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string };

/**
 * A new worker: the compiled worker.js next to this module, or — when this module runs from
 * its TypeScript source (tests) — worker.ts loaded through tsx's import API.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const source = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${source}, ${JSON.stringify(import.meta.url)}));`, { eval: true });
}

interface Slot {
  readonly worker: Worker;
  busy: { readonly id: number; resolve(v: unknown): void; reject(e: Error): void } | null;
}

/** A fixed-size pool of unit workers; call `close()` when done (idle workers never block exit). */
export class UnitPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Array<{ task: UnitTask; resolve(v: unknown): void; reject(e: Error): void }> = [];
  private nextId = 0;
  private closed = false;

  /** A pool of at most `threads` workers (started on first use). */
  constructor(readonly threads: number) {}

  /** Runs one unit on a free worker; resolves to its result. */
  run(task: UnitTask): Promise<unknown> {
    if (this.closed) return Promise.reject(new ExperimentWorkerError('the unit pool is closed', ''));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /** Terminates every worker; pending units reject. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new ExperimentWorkerError('the unit pool was closed before the unit ran', ''));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.busy === null);
      if (slot === undefined && this.slots.length < this.threads) slot = this.spawn();
      if (slot === undefined) return;
      const { task, resolve, reject } = this.queue.shift()!;
      const id = this.nextId++;
      slot.busy = { id, resolve, reject };
      slot.worker.ref();
      slot.worker.postMessage({ ...task, id } satisfies UnitRequest);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker(), busy: null };
    slot.worker.unref();
    slot.worker.on('message', (res: UnitResponse) => {
      const busy = slot.busy;
      if (busy === null || busy.id !== res.id) return;
      this.release(slot);
      if (res.ok) busy.resolve(res.result);
      else busy.reject(new ExperimentWorkerError(`${res.name}: ${res.message}`, res.name));
    });
    const fail = (message: string) => {
      const busy = slot.busy;
      this.slots.splice(this.slots.indexOf(slot), 1);
      slot.busy = null;
      busy?.reject(new ExperimentWorkerError(message, ''));
      this.dispatch();
    };
    slot.worker.on('error', (err) => fail(`an experiment worker failed: ${err.message}`));
    slot.worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(`an experiment worker exited with code ${code}`);
    });
    this.slots.push(slot);
    return slot;
  }

  private release(slot: Slot): void {
    slot.busy = null;
    slot.worker.unref();
    this.dispatch();
  }
}
