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

/**
 * Compiles the probe; returns `peak(steps)`, whose result only keeps the loop alive. It is
 * called many times briefly first: V8 runs a wasm function in its baseline compiler (every
 * v128 local spilled to the stack) until it has been called often enough to be optimized, and
 * a call already running is never switched over.
 */
export async function peakProbe(): Promise<(steps: number) => number> {
  const out = await asc.compileString({ 'peak.ts': SOURCE }, { optimizeLevel: 3, runtime: 'stub', enable: ['simd'] });
  if (out.error || out.binary === null) throw new Error(`the peak probe did not compile: ${out.stderr.toString()}`);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(out.binary as Uint8Array<ArrayBuffer>), {});
  const peak = instance.exports.peak as (steps: number) => number;
  for (let i = 0; i < 2000; i++) peak(1000);
  await new Promise((ok) => setTimeout(ok, 200)); // let the optimizing compiler finish in the background
  return peak;
}
