/**
 * `npm run bench -- rnn`: one SGD step of Algorithm 1 (forward through L steps, BPTT, update
 * of W only) at (m, L, d) = (256, 16, 8) and (1024, 16, 8), mini-batch 1 and 32, on
 *   wasm       the fused SIMD kernels (src/rnn sgdStep on the wasm backend, f64),
 *   ts         the same code on the plain-TS twins (f64),
 *   tfjs-cpu   TensorFlow.js 4.22 cpu backend (float32, same network, optimizer updates W only),
 *   tfjs-wasm  TensorFlow.js 4.22 wasm backend (float32, SIMD, no threads in Node).
 * Rows {group, op, impl, size, L, d, batch, medianMs, stepsPerSec}; wasm rows add
 * speedupVsTfjsWasm and speedupVsTs (ratios of steps/s measured in this run).
 *
 * A second table justifies the batch forward path: op 'forward' at batch 32 through the fused
 * sparse kernel (what src/rnn uses: half the multiply-adds, inactive units skipped) against a
 * dense GEMM per step, H_l = ϕ(H_{l−1} Wᵀ + X_l Aᵀ), on the same wasm heap.
 */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { sequenceBatch } from '../src/data/sequences.js';
import { Rng } from '../src/random/rng.js';
import { createRnn, sgdStep } from '../src/rnn/index.js';
import { forwardPass, loadInputs } from '../src/rnn/passes.js';
import type { BenchContext, BenchRow, MeasureOptions } from './common.js';

const L = 16;
const d = 8;
const SIZES = [256, 1024];
const BATCHES = [1, 32];

type Impl = 'wasm' | 'ts' | 'tfjs-cpu' | 'tfjs-wasm';

/** Inputs and labels of one mini-batch, seeded. */
function batchData(m: number, batch: number) {
  const rng = new Rng(1000 * m + batch, 'ts');
  const x = rng.normal(batch * L * d);
  const y = Float64Array.from(rng.uniform(batch), (u) => (u < 0.5 ? -1 : 1));
  rng.dispose();
  return { x, y };
}

/** Slow implementations at large sizes get a couple of iterations only. */
function budget(ctx: BenchContext, impl: Impl, m: number, batch: number): MeasureOptions {
  if (ctx.quick) return { iterations: 2, time: 0 };
  const slow = impl !== 'wasm' && (m >= 1024 || batch > 1);
  return slow ? { iterations: 3, time: 0 } : {};
}

/** Median ms of one f64 SGD step through src/rnn on `backend`. */
function ownStepMs(ctx: BenchContext, backend: 'wasm' | 'ts', m: number, batch: number): number {
  const { x, y } = batchData(m, batch);
  const model = createRnn({ m, d, L, seed: 1, backend });
  const xs = sequenceBatch(batch, L, d, x);
  const ms = ctx.medianMs(`sgd ${backend} m=${m} B=${batch}`, () => sgdStep(model, xs, y), budget(ctx, backend, m, batch));
  model.dispose();
  return ms;
}

/** Median ms of one float32 SGD step in TensorFlow.js on its current backend. */
function tfjsStepMs(ctx: BenchContext, impl: Impl, m: number, batch: number): number {
  const { x, y } = batchData(m, batch);
  const rng = new Rng(7, 'ts');
  const W = tf.variable(tf.tensor2d(Float32Array.from(rng.normal(m * m, Math.sqrt(2 / m))), [m, m]));
  const A = tf.tensor2d(Float32Array.from(rng.normal(m * d, Math.sqrt(2 / (L * L * L * m)))), [m, d]);
  const B = tf.tensor2d(Float32Array.from(rng.normal(m)), [m, 1]);
  const h0 = tf.relu(tf.tensor2d(Float32Array.from(rng.normal(m, Math.sqrt(2 / m))), [1, m]));
  rng.dispose();
  const X = tf.tensor3d(Float32Array.from(x), [batch, L, d]);
  const steps = tf.unstack(X, 1); // L tensors of batch×d
  const labels = tf.tensor2d(Float32Array.from(y), [batch, 1]);
  const optimizer = tf.train.sgd(1 / m);
  // f = Bᵀ h_L with h_l = relu(W h_{l−1} + A X_l), batched as rows: H_l = relu(H_{l−1} Wᵀ + X_l Aᵀ)
  const loss = (): tf.Scalar =>
    tf.tidy(() => {
      let h = tf.tile(h0, [batch, 1]);
      for (const xl of steps) {
        h = tf.relu(tf.add(tf.matMul(h, W, false, true), tf.matMul(xl as tf.Tensor2D, A, false, true))) as tf.Tensor2D;
      }
      const f = tf.matMul(h, B);
      return tf.mean(tf.softplus(tf.neg(tf.mul(labels, f)))) as tf.Scalar;
    });
  const ms = ctx.medianMs(
    `sgd ${impl} m=${m} B=${batch}`,
    () => {
      const cost = optimizer.minimize(loss, true, [W]);
      cost?.dataSync(); // wait for the step to finish
      cost?.dispose();
    },
    budget(ctx, impl, m, batch),
  );
  tf.dispose([W, A, B, h0, X, ...steps, labels]);
  optimizer.dispose();
  return ms;
}

/** Switches TensorFlow.js to `name` ('cpu' or 'wasm', the latter with its .wasm files from node_modules). */
async function useTfjsBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') {
    setWasmPaths(fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
  }
  if (!(await tf.setBackend(name))) throw new Error(`TensorFlow.js backend ${name} failed to initialise`);
  await tf.ready();
}

/** Median ms of the batch forward pass (wasm) by the fused sparse kernel or by dense GEMM steps. */
function forwardMs(ctx: BenchContext, m: number, batch: number, method: 'fused' | 'gemm'): number {
  const { x } = batchData(m, batch);
  const model = createRnn({ m, d, L, seed: 1, backend: 'wasm' });
  const ws = model.workspace.ensure(batch);
  loadInputs(model, ws, x, 0, batch);
  const { kernels, heap } = model.backend;
  const { wT, a, h0 } = model.offsets;
  const block = (L + 1) * m;
  const gemmForward = () => {
    for (let s = 0; s < batch; s++) heap.f64.copyWithin(ws.h + s * block, h0, h0 + m);
    for (let l = 1; l <= L; l++) {
      const rows = ws.h + l * m; // row l of every sequence block, stride (L+1)m
      kernels.gemm(0, 0, batch, m, m, 1, ws.h + (l - 1) * m, block, wT, m, 0, rows, block);
      kernels.gemm(0, 1, batch, m, d, 1, ws.x + (l - 1) * d, L * d, a, d, 1, rows, block);
      const f = heap.f64;
      for (let s = 0; s < batch; s++) {
        for (let i = rows + s * block; i < rows + s * block + m; i++) if (f[i] < 0) f[i] = 0;
      }
    }
  };
  const fn = method === 'fused' ? () => forwardPass(model, ws, batch) : gemmForward;
  const ms = ctx.medianMs(`forward ${method} m=${m} B=${batch}`, fn, ctx.quick ? { iterations: 2, time: 0 } : {});
  model.dispose();
  return ms;
}

/** Runs every size × batch × implementation and reports rows with ratios. */
export async function run(ctx: BenchContext): Promise<void> {
  ctx.note('one SGD step of Algorithm 1 (W only), L = 16, d = 8; src/rnn in f64, TensorFlow.js in float32');
  const ms = new Map<string, number>();
  const key = (impl: Impl, m: number, batch: number) => `${impl}/${m}/${batch}`;
  for (const m of SIZES) {
    for (const batch of BATCHES) {
      ms.set(key('wasm', m, batch), ownStepMs(ctx, 'wasm', m, batch));
      ms.set(key('ts', m, batch), ownStepMs(ctx, 'ts', m, batch));
    }
  }
  for (const impl of ['tfjs-cpu', 'tfjs-wasm'] as const) {
    await useTfjsBackend(impl === 'tfjs-cpu' ? 'cpu' : 'wasm');
    for (const m of SIZES) for (const batch of BATCHES) ms.set(key(impl, m, batch), tfjsStepMs(ctx, impl, m, batch));
  }
  const rows: BenchRow[] = [];
  for (const m of SIZES) {
    for (const batch of BATCHES) {
      for (const impl of ['wasm', 'ts', 'tfjs-cpu', 'tfjs-wasm'] as const) {
        const t = ms.get(key(impl, m, batch))!;
        const row: BenchRow = { group: 'rnn', op: 'sgd-step', impl, size: m, L, d, batch, medianMs: t, stepsPerSec: 1000 / t };
        if (impl === 'wasm') {
          Object.assign(row, {
            speedupVsTfjsWasm: ms.get(key('tfjs-wasm', m, batch))! / t,
            speedupVsTs: ms.get(key('ts', m, batch))! / t,
          });
        }
        rows.push(row);
      }
    }
  }
  ctx.report(rows);
  ctx.note('batch forward path (wasm, batch 32): fused sparse kernel vs dense GEMM per step');
  const forwardRows: BenchRow[] = [];
  for (const m of SIZES) {
    const fused = forwardMs(ctx, m, 32, 'fused');
    const gemm = forwardMs(ctx, m, 32, 'gemm');
    for (const [method, t] of [['fused', fused], ['gemm', gemm]] as const) {
      forwardRows.push({ group: 'rnn', op: 'forward', impl: 'wasm', method, size: m, L, d, batch: 32, medianMs: t, stepsPerSec: 1000 / t });
    }
  }
  ctx.report(forwardRows);
}
