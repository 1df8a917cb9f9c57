// Plain-TS twin of assembly/rng.ts (xoshiro128** + Marsaglia polar), bit-identical to it.
// State layout (6 f64 slots at `state`): [0..3] xoshiro words, [4] has-spare flag, [5] spare.
import { portableLog } from '../../numeric/portable-log.js';

const TWO_POW_M53 = 1.1102230246251565e-16;

/** Mutable xoshiro128** words, loaded from and saved to the heap around each call. */
class Xoshiro128 {
  s0: number;
  s1: number;
  s2: number;
  s3: number;
  constructor(h: Float64Array, p: number) {
    this.s0 = h[p] >>> 0;
    this.s1 = h[p + 1] >>> 0;
    this.s2 = h[p + 2] >>> 0;
    this.s3 = h[p + 3] >>> 0;
  }
  save(h: Float64Array, p: number): void {
    h[p] = this.s0 >>> 0;
    h[p + 1] = this.s1 >>> 0;
    h[p + 2] = this.s2 >>> 0;
    h[p + 3] = this.s3 >>> 0;
  }
  next32(): number {
    const x = Math.imul(this.s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }
  uniform(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b) * TWO_POW_M53;
  }
}

/** out[i] ← U[0, 1), i < n. */
export function rngUniform(h: Float64Array, state: number, n: number, out: number): void {
  const g = new Xoshiro128(h, state);
  for (let i = 0; i < n; i++) h[out + i] = g.uniform();
  g.save(h, state);
}

/** out[i] ← scale · N(0, 1), i < n, by the polar method with a carried spare deviate. */
export function rngNormal(h: Float64Array, state: number, n: number, scale: number, out: number): void {
  const g = new Xoshiro128(h, state);
  let hasSpare = h[state + 4] !== 0;
  let spare = h[state + 5];
  for (let i = 0; i < n; i++) {
    let z: number;
    if (hasSpare) {
      z = spare;
      hasSpare = false;
    } else {
      let u: number;
      let v: number;
      let s: number;
      do {
        u = 2 * g.uniform() - 1;
        v = 2 * g.uniform() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * portableLog(s)) / s);
      z = u * f;
      spare = v * f;
      hasSpare = true;
    }
    h[out + i] = scale * z;
  }
  h[state + 4] = hasSpare ? 1 : 0;
  h[state + 5] = spare;
  g.save(h, state);
}
