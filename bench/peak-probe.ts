/**
 * The f64x2 multiply-add peak of one core for WebAssembly on this machine, measured in the
 * same run as the kernels it rates: a register-only loop (no memory traffic) of eight
 * independent f64x2 chains a ← a·m + c, enough to hide the latency of mul and add, compiled
 * from AssemblyScript in memory with the project's own compiler. 4 flops per chain per step.
 */
import asc from 'assemblyscript/asc';

const SOURCE = `export function peak(steps: i32): f64 {
  let a0 = f64x2.splat(1.0), a1 = f64x2.splat(1.1), a2 = f64x2.splat(1.2), a3 = f64x2.splat(1.3);
  let a4 = f64x2.splat(1.4), a5 = f64x2.splat(1.5), a6 = f64x2.splat(1.6), a7 = f64x2.splat(1.7);
  const m = f64x2.splat(0.9999999), c = f64x2.splat(1e-7);
  for (let i = 0; i < steps; i++) {
    a0 = f64x2.add(f64x2.mul(a0, m), c); a1 = f64x2.add(f64x2.mul(a1, m), c);
    a2 = f64x2.add(f64x2.mul(a2, m), c); a3 = f64x2.add(f64x2.mul(a3, m), c);
    a4 = f64x2.add(f64x2.mul(a4, m), c); a5 = f64x2.add(f64x2.mul(a5, m), c);
    a6 = f64x2.add(f64x2.mul(a6, m), c); a7 = f64x2.add(f64x2.mul(a7, m), c);
  }
  const s = f64x2.add(f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)), f64x2.add(f64x2.add(a4, a5), f64x2.add(a6, a7)));
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}`;

/** Flops of one step of the probe: 8 chains × (mul + add) × 2 lanes. */
export const PEAK_FLOPS_PER_STEP = 32;

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
 * (three rounds without a 5 % gain, or 15 s).
 */
export async function peakProbe(): Promise<(steps: number) => void> {
  const out = await asc.compileString({ 'peak.ts': SOURCE }, { optimizeLevel: 3, runtime: 'stub', enable: ['simd'] });
  if (out.error || out.binary === null) throw new Error(`the peak probe did not compile: ${out.stderr.toString()}`);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(out.binary as Uint8Array<ArrayBuffer>), {});
  const peak = instance.exports.peak as (steps: number) => number;
  const deadline = performance.now() + 15_000;
  let best = Number.POSITIVE_INFINITY;
  for (let flat = 0; flat < 3 && performance.now() < deadline; ) {
    const ms = timeCalls(peak, 50);
    flat = ms < 0.95 * best ? 0 : flat + 1;
    best = Math.min(best, ms);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return (steps) => void timeCalls(peak, Math.max(1, Math.round(steps / STEPS_PER_CALL)));
}
