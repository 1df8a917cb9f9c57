/**
 * The page's side of the worker: one job at a time; cancelling terminates the worker (its SGD
 * loop is synchronous) and starts a fresh one for the next job.
 */
import type { Reply, Request } from './protocol.js';

/** Raised (as a rejection) when a job is cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** Distributes the request's Omit over the union members. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export class WorkerClient {
  private worker = WorkerClient.spawn();
  private nextId = 1;
  private active: { id: number; reject: (e: Error) => void } | undefined;

  private static spawn(): Worker {
    return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'rnn-ntk playground' });
  }

  /** Whether a job is running. */
  get busy(): boolean {
    return this.active !== undefined;
  }

  /** Runs one job; `onReply` sees every reply until `done` (resolves) or `error` (rejects). */
  run(request: WithoutId<Request>, onReply: (reply: Reply) => void): Promise<void> {
    if (this.active !== undefined) return Promise.reject(new Error('a computation is running: cancel it first'));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.active = { id, reject };
      this.worker.onmessage = (event: MessageEvent<Reply>) => {
        const reply = event.data;
        if (reply.id !== id) return;
        if (reply.type === 'done') {
          this.active = undefined;
          resolve();
        } else if (reply.type === 'error') {
          this.active = undefined;
          const err = new Error(reply.message);
          err.name = reply.name;
          reject(err);
        } else onReply(reply);
      };
      this.worker.onerror = (event) => {
        this.active = undefined;
        reject(new Error(`the worker failed: ${event.message}`));
      };
      this.worker.postMessage({ ...request, id } as Request);
    });
  }

  /** Stops the running job (if any) by replacing the worker. */
  cancel(): void {
    if (this.active === undefined) return;
    this.worker.terminate();
    this.worker = WorkerClient.spawn();
    const { reject } = this.active;
    this.active = undefined;
    reject(new CancelledError());
  }
}
