/** The browser example: runs compute.ts live, draws H∞ and the training curve, exposes the bits. */
import { configureThreads, threadsReady } from '../../src/index.js';
import { bitsHex, parallelCheck, runDemo, sampleLearningCurveTask, SIZES, type CurvePoint } from './compute.js';

declare global {
  interface Window {
    /** Set when the run is over: the numbers the test compares with Node's, as f64 bit strings. */
    rnnNtkResult?: {
      seed: number;
      backend: string;
      hinf: string;
      weights: string;
      curve: string;
      /** The learning-curve sample (docs/experiments.md#the-learning-curve-task): F*, labels, tokens, and log C(F*) with the rejection rate. */
      concept: { fstar: string; labels: string; x: string; logComplexityAndRejection: string };
      /** The threads check (compute.ts parallelCheck) and the build and thread count that ran it. */
      threads: { build: string; reason: string; threads: number; workersReady: number; hinf: string; factor: string; product: string };
    };
  }
}

const SEED = Number(new URLSearchParams(location.search).get('seed') ?? 7);
/** ?threads=N sets the thread count (cross-origin isolated pages only run more than one). */
const THREADS = new URLSearchParams(location.search).get('threads');
const status = document.getElementById('status')!;
const plot = document.getElementById('plot')!;

/** Draws the held-out error and the running loss against the step as two polylines. */
function drawCurve(curve: readonly CurvePoint[]): void {
  const w = 560;
  const h = 260;
  const pad = 40;
  const total = SIZES.chunks * SIZES.stepsPerChunk;
  const maxLoss = Math.max(1, ...curve.map((p) => p.runningLoss));
  const px = (step: number) => pad + ((w - 2 * pad) * step) / total;
  const py = (v: number, max: number) => h - pad - ((h - 2 * pad) * v) / max;
  const line = (f: (p: CurvePoint) => number, max: number) => curve.map((p) => `${px(p.step).toFixed(1)},${py(f(p), max).toFixed(1)}`).join(' ');
  plot.innerHTML =
    `<rect x="0" y="0" width="${w}" height="${h}" fill="white"/>` +
    `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#444"/>` +
    `<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#444"/>` +
    `<text x="${w / 2}" y="${h - 8}" text-anchor="middle" font-size="12">SGD step (mini-batches of ${SIZES.batch})</text>` +
    `<text x="${pad}" y="${h - pad + 14}" text-anchor="middle" font-size="11">0</text>` +
    `<text x="${w - pad}" y="${h - pad + 14}" text-anchor="middle" font-size="11">${total}</text>` +
    `<text x="${pad}" y="${pad - 10}" font-size="12">0 … ${maxLoss.toFixed(2)} (loss), 0 … 1 (error)</text>` +
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${line((p) => p.runningLoss, maxLoss)}"/>` +
    `<polyline fill="none" stroke="#d62728" stroke-width="2" points="${line((p) => p.heldOutError, 1)}"/>` +
    `<text x="${w - pad}" y="${pad}" text-anchor="end" font-size="12" fill="#1f77b4">running loss</text>` +
    `<text x="${w - pad}" y="${pad + 16}" text-anchor="end" font-size="12" fill="#d62728">held-out 0-1 error</text>`;
}

function showKernel(hinf: Float64Array): void {
  const n = SIZES.n;
  const rows = Array.from({ length: n }, (_, i) =>
    `<tr>${Array.from({ length: n }, (_, j) => `<td>${hinf[i * n + j].toFixed(4)}</td>`).join('')}</tr>`,
  );
  document.getElementById('hinf')!.innerHTML = rows.join('');
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Runs the example and publishes its bits on `window.rnnNtkResult`. */
async function main(): Promise<void> {
  if (THREADS !== null) configureThreads({ threads: Number(THREADS) });
  // a page cannot block while its workers start: wait for them before the heavy work
  const info = await threadsReady();
  status.textContent = `computing H∞ and training (seed ${SEED}) …`;
  const result = await runDemo(SEED, async (point, partial) => {
    showKernel(partial.hinf);
    drawCurve(partial.curve);
    status.textContent = `step ${point.step}: held-out error ${point.heldOutError.toFixed(3)} (backend ${partial.backend})`;
    await nextFrame();
  });
  showKernel(result.hinf);
  drawCurve(result.curve);
  const concept = sampleLearningCurveTask(SEED);
  const check = parallelCheck(SEED);
  const last = result.curve[result.curve.length - 1];
  status.textContent = `done: ${last.step} SGD steps, held-out error ${last.heldOutError.toFixed(3)} (backend ${result.backend}, seed ${SEED})`;
  window.rnnNtkResult = {
    seed: SEED,
    backend: result.backend,
    hinf: bitsHex(result.hinf),
    weights: bitsHex(result.weights),
    curve: bitsHex(result.curve.flatMap((p) => [p.runningLoss, p.heldOutError])),
    concept: {
      fstar: bitsHex(concept.fstar),
      labels: bitsHex(concept.labels),
      x: bitsHex(concept.x),
      logComplexityAndRejection: bitsHex(concept.logComplexityAndRejection),
    },
    threads: {
      build: info.build,
      reason: info.reason,
      threads: info.threads,
      workersReady: info.workersReady,
      hinf: bitsHex(check.hinf),
      factor: bitsHex(check.factor),
      product: bitsHex(check.product),
    },
  };
}

// a bad ?seed= (or any failure) is shown on the page instead of leaving it at "computing …"
main().catch((err: unknown) => {
  status.textContent = `error: ${err instanceof Error ? err.message : String(err)}`;
  throw err;
});
