/**
 * The three passes of an SGD step on a model's workspace (layouts in src/rnn/workspace.ts),
 * each a fused kernel call per sequence (assembly/rnn.ts):
 * forward h_l = ϕ(W h_{l−1} + A X_l); backward δ_l = D_l (Wᵀ δ_{l+1} + e_l B) (docs/theory.md#gradient, with
 * output injections e_l; Remark 3.2); update W += Σ_s Σ_l δ^s_l h^s_{l−1}ᵀ. Callers validate
 * inputs first: these functions trust shapes and finiteness.
 */
import type { SequenceBatch } from '../data/sequences.js';
import { runKernelCalls, TaskList } from '../parallel/run-calls.js';
import { noteWeightsChanged, type Rnn } from './model.js';
import type { WorkspaceBuffers } from './workspace.js';

/** Copies `count` sequences (flat count×L×d, starting at sequence `first` of `data`) into the workspace. */
export function loadInputs(model: Rnn, ws: WorkspaceBuffers, data: Float64Array, first: number, count: number): void {
  const size = model.L * model.d;
  model.backend.heap.f64.set(data.subarray(first * size, (first + count) * size), ws.x);
}

/**
 * Forward pass of the `count` loaded sequences: h^s_0..h^s_L into the workspace. The input
 * terms A X_l of all steps of a sequence are one GEMM, written straight into rows 1..L of its
 * block (H_rows = X Aᵀ); the fused kernel then adds W h_{l−1} and applies ϕ step by step.
 * The sequences are independent: with the threaded backend they run concurrently.
 */
export function forwardPass(model: Rnn, ws: WorkspaceBuffers, count: number): void {
  const { m, d, L, offsets } = model;
  const inputs = new TaskList();
  const steps = new TaskList();
  for (let s = 0; s < count; s++) {
    const h = ws.h + s * (L + 1) * m;
    model.backend.heap.f64.copyWithin(h, offsets.h0, offsets.h0 + m);
    inputs.add('gemm', 0, 1, L, m, d, 1, ws.x + s * L * d, d, offsets.a, d, 0, h + m, m);
    steps.add('rnnForward', m, L, offsets.wT, h);
  }
  runKernelCalls(model.backend, inputs, L * m * d);
  runKernelCalls(model.backend, steps, L * m * m);
}

/** f_l(x_s) = Bᵀ h^s_l (blas1 dot order) for sequence s and step l ∈ 1..L. */
export function outputAt(model: Rnn, ws: WorkspaceBuffers, s: number, l: number): number {
  const { m, L } = model;
  return model.backend.kernels.dot(m, model.offsets.b, ws.h + (s * (L + 1) + l) * m);
}

/** Backward pass of the `count` sequences with the injections e^s_l already in `ws.inject` (concurrent, as forwardPass). */
export function backwardPass(model: Rnn, ws: WorkspaceBuffers, count: number): void {
  const { m, L, offsets } = model;
  const calls = new TaskList();
  for (let s = 0; s < count; s++) {
    calls.add('rnnBackward', m, L, offsets.wT, offsets.b, ws.h + s * (L + 1) * m, ws.inject + s * L, ws.delta + s * L * m);
  }
  runKernelCalls(model.backend, calls, L * m * m);
}

/** W += Σ_s Σ_l δ^s_l h^s_{l−1}ᵀ over the `count` sequences (coefficients folded into δ). */
export function updatePass(model: Rnn, ws: WorkspaceBuffers, count: number): void {
  const { m, L, offsets } = model;
  model.backend.kernels.rnnUpdate(m, L, count, offsets.wT, ws.h, ws.delta, ws.work);
  noteWeightsChanged(model);
}

/** Sequences per round of `forwardInChunks` (bounds the scratch memory of large batches). */
const CHUNK = 32;

/**
 * Runs the forward pass over a validated batch in rounds of up to 32 sequences; after each,
 * `round(ws, first, count)` sees sequences first..first+count−1 in workspace slots 0..count−1.
 */
export function forwardInChunks(
  model: Rnn,
  x: SequenceBatch,
  round: (ws: WorkspaceBuffers, first: number, count: number) => void,
): void {
  for (let first = 0; first < x.n; first += CHUNK) {
    const count = Math.min(CHUNK, x.n - first);
    const ws = model.workspace.ensure(count);
    loadInputs(model, ws, x.data, first, count);
    forwardPass(model, ws, count);
    round(ws, first, count);
  }
}
