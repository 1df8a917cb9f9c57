// Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna) with a Marsaglia polar normal
// transform. Only 32-bit integer operations, IEEE basic operations and plog (portable_math.ts),
// so the TS twin (src/backend/ts/rng.ts) yields the same bits in every engine.
//
// Generator state: 6 f64 slots at `state`:
//   [0..3] the four 32-bit xoshiro words (stored as exact non-negative integers),
//   [4]    1 if a spare normal deviate is held, else 0,
//   [5]    the spare deviate.
// Seeding is done on the TS side (seedWords in src/random/rng.ts).
import { addr } from './address';
import { plog } from './portable_math';

const TWO_POW_M53: f64 = 1.1102230246251565e-16; // 2^-53

let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

// @ts-ignore: decorator
@inline function loadState(p: usize): void {
  s0 = <u32>load<f64>(p);
  s1 = <u32>load<f64>(p, 8);
  s2 = <u32>load<f64>(p, 16);
  s3 = <u32>load<f64>(p, 24);
}

// @ts-ignore: decorator
@inline function saveState(p: usize): void {
  store<f64>(p, <f64>s0);
  store<f64>(p, <f64>s1, 8);
  store<f64>(p, <f64>s2, 16);
  store<f64>(p, <f64>s3, 24);
}

/** One xoshiro128** output. */
// @ts-ignore: decorator
@inline function next32(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}

/** Uniform on [0, 1) with 53 random bits: (a >>> 5)·2^26 + (b >>> 6), scaled by 2^-53. */
// @ts-ignore: decorator
@inline function nextUniform(): f64 {
  const a = next32() >>> 5;
  const b = next32() >>> 6;
  return (<f64>a * 67108864.0 + <f64>b) * TWO_POW_M53;
}

/** out[i] ← U[0, 1), i < n. */
export function rngUniform(state: u32, n: i32, out: u32): void {
  const ps = addr(state);
  const po = addr(out);
  loadState(ps);
  for (let i = 0; i < n; i++) store<f64>(po + ((<usize>i) << 3), nextUniform());
  saveState(ps);
}

/**
 * out[i] ← scale · N(0, 1), i < n. Polar method: u, v ~ U(−1, 1) by 2U − 1, s = u² + v²,
 * reject s ≥ 1 or s = 0, f = √(−2 plog(s) / s); emit u·f and keep v·f as the spare, which the
 * next deviate (in this call or the next) uses first.
 */
export function rngNormal(state: u32, n: i32, scale: f64, out: u32): void {
  const ps = addr(state);
  const po = addr(out);
  loadState(ps);
  let hasSpare = load<f64>(ps, 32) != 0.0;
  let spare = load<f64>(ps, 40);
  for (let i = 0; i < n; i++) {
    let z: f64;
    if (hasSpare) {
      z = spare;
      hasSpare = false;
    } else {
      let u: f64 = 0.0;
      let v: f64 = 0.0;
      let s: f64 = 0.0;
      do {
        u = 2.0 * nextUniform() - 1.0;
        v = 2.0 * nextUniform() - 1.0;
        s = u * u + v * v;
      } while (s >= 1.0 || s == 0.0);
      const f = Math.sqrt((-2.0 * plog(s)) / s);
      z = u * f;
      spare = v * f;
      hasSpare = true;
    }
    store<f64>(po + ((<usize>i) << 3), scale * z);
  }
  store<f64>(ps, hasSpare ? 1.0 : 0.0, 32);
  store<f64>(ps, spare, 40);
  saveState(ps);
}
