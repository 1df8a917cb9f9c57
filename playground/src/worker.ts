/**
 * The playground's worker: every computation runs here, so the page stays responsive. It keeps
 * the last task (data sets) and H∞ so that training after an analysis does not sample again.
 * Cancelling terminates the worker (a synchronous SGD loop cannot be interrupted otherwise);
 * the page starts a fresh one.
 */
import { EXPERIMENTS, symmetricEigen, type Matrix, type TrainReport } from 'rnn-ntk';
import { backwardProfile, blockMeans, complexityOf, kernelOf, ntkTestError, perStepKernelsOf, sampleTask, targetsOf, trainNetwork, type Task } from './compute.js';
import type { PlaygroundParams } from './params.js';
import type { Reply, Request } from './protocol.js';

const post = (reply: Reply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(reply, transfer);

/** The task parameters: a task is drawn again only when one of these changes. */
function taskKey(p: PlaygroundParams): string {
  return JSON.stringify([p.concept, p.psi, p.L, p.d, p.N, p.n, p.nTest, p.cmin, p.cmax, p.seed]);
}

let cached: { key: string; task: Task; ntkTestError?: number } | undefined;

/** The task of `p`, drawn again only when its parameters changed; posts its summary. */
function cachedTask(id: number, p: PlaygroundParams): NonNullable<typeof cached> {
  const key = taskKey(p);
  if (cached?.key !== key) {
    post({ type: 'progress', id, done: 0, total: 1, label: 'sampling the task' });
    cached = { key, task: sampleTask(p) };
  }
  const { task } = cached;
  post({
    type: 'task', id, targetComplexity: task.targetComplexity, marginAchieved: task.marginAchieved, rejectionRate: task.rejectionRate,
    positiveFraction: task.train.y.filter((v) => v > 0).length / task.train.y.length,
  });
  return cached;
}

function analyse(id: number, p: PlaygroundParams): void {
  const entry = cachedTask(id, p);
  const { task } = entry;
  post({ type: 'progress', id, done: 1, total: 5, label: 'H∞' });
  const started = performance.now();
  const H = kernelOf(task.train.x);
  const millis = performance.now() - started;
  const n = H.rows;
  const full = Float64Array.from(H.data);
  post({ type: 'kernel', id, H: full, n, millis }, [full.buffer]);
  post({ type: 'progress', id, done: 2, total: 5, label: 'per-step kernels H^l' });
  post({ type: 'perStep', id, heat: perStepKernelsOf(task.train.x).map((m: Matrix) => blockMeans(m.data, n)) });
  post({ type: 'progress', id, done: 3, total: 5, label: 'complexity, λ_min, NTK predictor' });
  const reference = ntkTestError(H, task);
  entry.ntkTestError = reference;
  post({ type: 'numbers', id, numbers: complexityOf(H, targetsOf(task.train, p.target), n), ntkTestError: reference, backward: backwardProfile(task.train.x) });
  post({ type: 'progress', id, done: 4, total: 5, label: 'eigenvalues of H∞' });
  const t0 = performance.now();
  const eigenvalues = Float64Array.from(symmetricEigen(H).values).reverse(); // descending
  post({ type: 'spectrum', id, eigenvalues, millis: performance.now() - t0 }, [eigenvalues.buffer]);
}

function trainRequest(id: number, p: PlaygroundParams): void {
  const entry = cachedTask(id, p);
  const { task } = entry;
  if (entry.ntkTestError === undefined) {
    post({ type: 'progress', id, done: 0, total: p.steps, label: 'the NTK predictor (reference line)' });
    entry.ntkTestError = ntkTestError(kernelOf(task.train.x), task);
  }
  post({ type: 'reference', id, ntkTestError: entry.ntkTestError });
  const started = performance.now();
  let batch: TrainReport[] = [];
  let sent = started;
  const out = trainNetwork(p, task, (report) => {
    batch.push(report);
    const now = performance.now();
    if (now - sent >= 50) {
      post({ type: 'reports', id, reports: batch, steps: p.steps });
      batch = [];
      sent = now;
    }
  });
  if (batch.length > 0) post({ type: 'reports', id, reports: batch, steps: p.steps });
  const seconds = (performance.now() - started) / 1000;
  post({
    type: 'trained', id, reports: out.reports, eta: out.eta, weights: out.weights, testOutputs: out.testOutputs,
    testTarget: task.test.fstar!, testLabels: task.test.y, stepsPerSecond: p.steps / seconds,
  });
}

self.onmessage = (event: MessageEvent<Request>) => {
  const request = event.data;
  try {
    if (request.type === 'analyse') analyse(request.id, request.params);
    else if (request.type === 'train') trainRequest(request.id, request.params);
    else {
      const result = EXPERIMENTS[request.name].run(request.params, {
        seed: request.seed,
        onProgress: (done, total, label) => post({ type: 'progress', id: request.id, done, total, label }),
      });
      post({ type: 'experiment', id: request.id, result });
    }
    post({ type: 'done', id: request.id });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: 'error', id: request.id, name: e.name, message: e.message });
  }
};
