/**
 * `npm run soak` (issue 10, item 5; not part of `npm test`): 10⁵ SGD steps, then 500 rounds of
 * H∞ + complexity at n = 300 (each round also creating and disposing a network and a
 * generator), sampling the heap (memory()) and the process RSS after a garbage collection.
 *
 * Bounds, checked after a warm-up (the first sample of each phase):
 * - heap bytes in use return to exactly their warm-up value (every block is freed);
 * - the heap buffer does not grow after the warm-up (WebAssembly memory never shrinks, so any
 *   growth would be permanent);
 * - RSS grows by at most 64 MiB (the engine's own caches and JIT code vary by a few MiB).
 * Exits 1 and names the figure when one is exceeded; prints a table of every sample.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyticNtk, createRnn, dataset, kernelComplexity, memory, Rng, signLabels, train } from '../src/index.js';
import { gaussianTokens } from '../src/experiments/inputs.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const RSS_GROWTH_BOUND = 64 * 2 ** 20;
const MiB = (b: number) => (b / 2 ** 20).toFixed(1);

interface Sample {
  readonly phase: string;
  readonly at: number;
  readonly bytesInUse: number;
  readonly heapBytes: number;
  readonly rss: number;
  readonly seconds: number;
}

const samples: Sample[] = [];
const start = performance.now();
function sample(phase: string, at: number): Sample {
  gc();
  const m = memory();
  const s = { phase, at, bytesInUse: m.bytesInUse, heapBytes: m.heapBytes, rss: process.memoryUsage().rss, seconds: (performance.now() - start) / 1000 };
  samples.push(s);
  console.log(`${phase.padEnd(10)} ${String(at).padStart(7)}  heap in use ${MiB(s.bytesInUse).padStart(8)} MiB  heap ${MiB(s.heapBytes).padStart(8)} MiB  RSS ${MiB(s.rss).padStart(8)} MiB  ${s.seconds.toFixed(1)} s`);
  return s;
}

function sgdPhase(): void {
  const rng = new Rng(1);
  const x = gaussianTokens(rng, 200, 8, 4, 0.5);
  rng.dispose();
  const y = signLabels(Float64Array.from({ length: x.n }, (_, i) => x.data[i * 32] + 0.1));
  const data = dataset(x, y);
  const model = createRnn({ m: 64, d: 4, L: 8, seed: 2 });
  const rounds = 20;
  const steps = 100_000 / rounds;
  for (let r = 1; r <= rounds; r++) {
    // η₀ = 0.1: with the default η₀ = 1 this long run on a fixed set ends in a gradient explosion near step 25,000
    train(model, data, { steps, reportEvery: steps, eta0: 0.1 });
    sample('sgd', r * steps);
  }
  model.dispose();
}

function kernelPhase(): void {
  for (let round = 1; round <= 500; round++) {
    const rng = new Rng(round);
    const x = gaussianTokens(rng, 300, 8, 4, 0.5);
    rng.dispose();
    const y = signLabels(Float64Array.from({ length: x.n }, (_, i) => x.data[i * 32]));
    const { H } = analyticNtk(x);
    kernelComplexity(H, y, { jitter: true });
    createRnn({ m: 32, d: 4, L: 8, seed: round }).dispose();
    if (round % 50 === 0) sample('kernel', round);
  }
}

function check(phase: string): string[] {
  const mine = samples.filter((s) => s.phase === phase);
  const [warm, ...rest] = mine;
  const problems: string[] = [];
  for (const s of rest) {
    if (s.bytesInUse !== warm.bytesInUse) problems.push(`${phase} at ${s.at}: heap bytes in use ${s.bytesInUse} ≠ ${warm.bytesInUse} after the warm-up`);
    if (s.heapBytes > warm.heapBytes) problems.push(`${phase} at ${s.at}: the heap grew from ${warm.heapBytes} to ${s.heapBytes} bytes`);
    if (s.rss - warm.rss > RSS_GROWTH_BOUND) problems.push(`${phase} at ${s.at}: RSS grew by ${MiB(s.rss - warm.rss)} MiB (> ${MiB(RSS_GROWTH_BOUND)} MiB)`);
  }
  const last = mine[mine.length - 1];
  console.log(`${phase}: heap in use ${warm.bytesInUse} → ${last.bytesInUse} B, heap ${MiB(warm.heapBytes)} → ${MiB(last.heapBytes)} MiB, RSS ${MiB(warm.rss)} → ${MiB(last.rss)} MiB`);
  return problems;
}

sgdPhase();
kernelPhase();
const problems = [...check('sgd'), ...check('kernel')];
const leftover = memory();
if (Object.values(leftover.liveObjects).some((n) => n > 0)) problems.push(`objects still live at the end: ${JSON.stringify(leftover.liveObjects)}`);
if (problems.length > 0) {
  console.error(`soak FAILED:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(`soak passed: heap in use flat, heap buffer flat, RSS growth ≤ ${MiB(RSS_GROWTH_BOUND)} MiB (wall time ${((performance.now() - start) / 1000).toFixed(0)} s, measured under load from other jobs)`);
}
