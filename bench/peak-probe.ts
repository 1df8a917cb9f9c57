/**
 * The f64x2 multiply-add peak of one core for WebAssembly on this machine, measured in the
 * same run as the kernels it rates: a register-only loop (no memory traffic) of twelve
 * independent f64x2 chains a ← a·m + c, enough to hide the latency of mul and add, compiled
 * from AssemblyScript in memory with the project's own compiler. 4 flops per chain per step.
 */
import asc from 'assemblyscript/asc';
import type { BenchContext } from './common.js';

/** Independent chains: on a 2-core AMD EPYC, 12 measured 11.6 GFLOP/s against 9.7 with 8 (latency-bound) and 10.6 with 16 (register spills). */
const CHAINS = 12;

const SOURCE = `export function peak(steps: i32): f64 {
  ${Array.from({ length: CHAINS }, (_, i) => `let a${i} = f64x2.splat(${1 + i / 10});`).join(' ')}
  const m = f64x2.splat(0.9999999), c = f64x2.splat(1e-7);
  for (let i = 0; i < steps; i++) {
    ${Array.from({ length: CHAINS }, (_, i) => `a${i} = f64x2.add(f64x2.mul(a${i}, m), c);`).join(' ')}
  }
  const s = ${Array.from({ length: CHAINS }, (_, i) => `a${i}`).reduce((p, q) => `f64x2.add(${p}, ${q})`)};
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}`;
/** Flops of one step of the probe: CHAINS chains × (mul + add) × 2 lanes. */
const PEAK_FLOPS_PER_STEP = CHAINS * 4;

/** Steps per call of the compiled loop (short calls, so each new call can use optimized code). */
const STEPS_PER_CALL = 20_000;

/** Milliseconds taken by `calls` calls of `peak(STEPS_PER_CALL)`. */
function timeCalls(peak: (steps: number) => number, calls: number): number {
  const t0 = performance.now();
  for (let c = 0; c < calls; c++) peak(STEPS_PER_CALL);
  return performance.now() - t0;
}

/**
 * Compiles the probe and returns `run(steps)`, which performs about `steps` steps in short
 * calls. V8 first runs a wasm function in its baseline compiler (every v128 local spilled to
 * the stack, ~10× slower) and optimizes it in a background job once it is hot; a call already
 * running is never switched over, and on a busy machine the job can wait for seconds. So the
 * probe is warmed up — short calls, yielding between rounds — until its speed stops improving
 * (at least 3 s, then until three rounds pass without a 5 % gain; 15 s at most).
 */
async function peakProbe(): Promise<(steps: number) => void> {
  const out = await asc.compileString({ 'peak.ts': SOURCE }, { optimizeLevel: 3, runtime: 'stub', enable: ['simd'] });
  if (out.error || out.binary === null) throw new Error(`the peak probe did not compile: ${out.stderr.toString()}`);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(out.binary as Uint8Array<ArrayBuffer>), {});
  const peak = instance.exports.peak as (steps: number) => number;
  const start = performance.now();
  const [settled, deadline] = [start + 3_000, start + 15_000];
  let best = Number.POSITIVE_INFINITY;
  for (let flat = 0; (flat < 3 || performance.now() < settled) && performance.now() < deadline; ) {
    const ms = timeCalls(peak, 50);
    flat = ms < 0.95 * best ? 0 : flat + 1;
    best = Math.min(best, ms);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return (steps) => void timeCalls(peak, Math.max(1, Math.round(steps / STEPS_PER_CALL)));
}

/**
 * The one-core f64x2 peak of this run: the warmed-up probe timed under the context's budget
 * (2·10⁷ steps, 2·10⁶ with --quick: multiples of the steps per call). Returns the median time
 * of one timed run and the GFLOP/s it gives.
 */
export async function measurePeak(ctx: BenchContext): Promise<{ ms: number; gflops: number }> {
  const peak = await peakProbe();
  const steps = ctx.quick ? 2e6 : 2e7;
  const ms = ctx.medianMs('peak probe', () => peak(steps));
  return { ms, gflops: (PEAK_FLOPS_PER_STEP * steps) / ms / 1e6 };
}
