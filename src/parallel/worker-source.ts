/**
 * Starts one worker of the pool with an inline source, so bundlers and packagers need no extra
 * file: Node runs it with `new Worker(source, {eval: true})` (worker_threads, reached through
 * process.getBuiltinModule so the library imports nothing Node-only), browsers from a Blob
 * URL. Both run `workerLoop` (src/parallel/task-protocol.ts).
 */
import { SLOT, runClaimedTasks, workerLoop, type WorkerInit } from './task-protocol.js';
import { isNode } from '../wasm/load.js';

/** What the pool needs of a started worker, in either environment. */
export interface PoolWorker {
  /** Stops the worker (its current call is abandoned). */
  terminate(): void;
}

/** The JavaScript a worker runs, given the expression that yields its WorkerInit. */
function workerSource(initExpression: string): string {
  return `(${workerLoop.toString()})(${initExpression}, ${runClaimedTasks.toString()}, ${JSON.stringify(SLOT)});`;
}

interface NodeWorker {
  unref(): void;
  terminate(): Promise<number>;
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
}

/**
 * Starts a worker running the pool protocol. `onFailure` is called (asynchronously) if the
 * worker throws outside a call or exits unexpectedly. Node workers are unref'd: an idle pool
 * never keeps the process alive.
 */
export function startWorker(init: WorkerInit, onFailure: (message: string) => void): PoolWorker {
  if (isNode()) {
    const proc = globalThis.process as unknown as { getBuiltinModule(id: string): unknown };
    const { Worker } = proc.getBuiltinModule('node:worker_threads') as {
      Worker: new (src: string, opts: { eval: true; workerData: WorkerInit; stdout: true; stderr: true }) => NodeWorker;
    };
    const source = `const { workerData } = require('node:worker_threads');\n${workerSource('workerData')}`;
    // stdout/stderr: true keeps the worker's streams off the parent's process.stdout/stderr:
    // piping them would open those as non-blocking streams, and then a synchronous write of a
    // large result to a pipe (the CLI's) could be cut short. The workers print nothing.
    const worker = new Worker(source, { eval: true, workerData: init, stdout: true, stderr: true });
    worker.unref();
    let stopping = false;
    worker.on('error', (err) => onFailure(`worker thread ${init.thread} failed: ${String(err)}`));
    worker.on('exit', (code) => {
      if (!stopping) onFailure(`worker thread ${init.thread} exited unexpectedly (code ${code})`);
    });
    return {
      terminate: () => {
        stopping = true;
        void worker.terminate();
      },
    };
  }
  const source = `self.onmessage = (event) => { ${workerSource('event.data')} };`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  worker.onerror = (event) => onFailure(`worker thread ${init.thread} failed: ${event.message}`);
  worker.postMessage(init);
  return {
    terminate: () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    },
  };
}
