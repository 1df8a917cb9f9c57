/**
 * The f64x2 multiply-add peak of one core for WebAssembly on this machine, read in the same
 * run as the kernels it rates: a register-only loop (no memory traffic) of twelve independent
 * f64x2 chains a ← a·m + c, enough to hide the latency of mul and add, compiled from
 * AssemblyScript in memory with the project's own compiler. 4 flops per chain per step.
 * `peakProbe()` compiles and warms it up once; its `read()` then takes one short reading
 * (~READ_MS ms on the calling thread), so a bench can read the peak right before and right
 * after each timed sample: on a shared host whose speed drifts by 30–50 % from minute to
 * minute, one reading at the start of a run rates later kernels against a different machine.
 */
import asc from 'assemblyscript/asc';
import { median } from './common.js';

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

/** Milliseconds of one reading: long against the timer and the call overhead, short enough to repeat around every sample. */
const READ_MS = 60;

/** The warmed-up probe of one run. */
export interface PeakProbe {
  /** One reading: the GFLOP/s of ~READ_MS ms of the probe on the calling thread (kept for `summary`). */
  read(): number;
  /** The count, median, min and max of the readings so far, as a line for `ctx.note`. */
  summary(): string;
}

/**
 * Compiles the probe, warms it up and returns its reader. V8 first runs a wasm function in its
 * baseline compiler (every v128 local spilled to the stack, ~10× slower) and optimizes it in a
 * background job once it is hot; a call already running is never switched over, and on a busy
 * machine the job can wait for seconds. So the probe runs in short calls and is warmed up —
 * yielding between rounds — until its speed stops improving (at least 3 s, then until three
 * rounds pass without a 5 % gain; 15 s at most).
 */
export async function peakProbe(): Promise<PeakProbe> {
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
  const readings: number[] = [];
  return {
    read() {
      let [calls, ms] = [0, 0];
      while (ms < READ_MS) {
        ms += timeCalls(peak, 10);
        calls += 10;
      }
      const gflops = (calls * STEPS_PER_CALL * PEAK_FLOPS_PER_STEP) / ms / 1e6;
      readings.push(gflops);
      return gflops;
    },
    summary() {
      const [lo, hi] = [Math.min(...readings), Math.max(...readings)].map((g) => g.toPrecision(4));
      return `# f64x2 mul+add peak of one core (register-only probe), ${readings.length} readings of ~${READ_MS} ms: median ${median(readings).toPrecision(4)}, min ${lo}, max ${hi} GFLOP/s`;
    },
  };
}
