import { describe, expect, it } from 'vitest';
import { Rng, seedWords } from '../../src/random/rng.js';
import { NonFiniteError, InvalidArgumentError, ShapeError } from '../../src/errors.js';
import { BACKENDS, expectBitEqual, expectClose, TOL } from '../helpers.js';

/** Independent xoshiro128** in BigInt arithmetic (the reference algorithm, not our code). */
function* xoshiroRef(s: bigint[]): Generator<number> {
  const M = 0xffffffffn;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  for (;;) {
    const result = (rotl((s[1] * 5n) & M, 7n) * 9n) & M;
    const t = (s[1] << 9n) & M;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    yield Number(result);
  }
}

function refUniforms(words: number[], n: number): number[] {
  const g = xoshiroRef(words.map(BigInt));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = g.next().value >>> 5;
    const b = g.next().value >>> 6;
    out.push((a * 2 ** 26 + b) / 2 ** 53);
  }
  return out;
}

/** The first n (even) normals of Marsaglia's polar method on the reference uniforms, with Math.log. */
function polarReference(words: number[], n: number): number[] {
  const u = refUniforms(words, 4 * n);
  const out: number[] = [];
  for (let i = 0; i + 1 < u.length && out.length < n; i += 2) {
    const x = 2 * u[i] - 1;
    const y = 2 * u[i + 1] - 1;
    const s = x * x + y * y;
    if (s >= 1 || s === 0) continue;
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    out.push(x * f, y * f);
  }
  return out.slice(0, n);
}

describe('xoshiro128** generator', () => {
  it('matches the published first outputs for state (1, 2, 3, 4)', () => {
    const g = xoshiroRef([1n, 2n, 3n, 4n]);
    expect([g.next().value, g.next().value, g.next().value]).toEqual([11520, 0, 5927040]);
  });

  for (const b of BACKENDS) {
    it(`uniforms equal the BigInt reference bit for bit (${b.name})`, () => {
      const rng = new Rng(0, b);
      rng.restore([1, 2, 3, 4, 0, 0]);
      expectBitEqual(rng.uniform(1000), refUniforms([1, 2, 3, 4], 1000));
      rng.dispose();
    });
  }

  it('normals follow the polar method (reference with Math.log)', () => {
    const expected = polarReference(seedWords(42), 100);
    for (const b of BACKENDS) {
      const rng = new Rng(42, b);
      expectClose(rng.normal(expected.length), expected, TOL.polarNormal);
      rng.dispose();
    }
  });

  it('gives the same bits on both backends, across calls of any size', () => {
    const draws = BACKENDS.map((b) => {
      const rng = new Rng(7, b);
      const parts = [rng.normal(3), rng.normal(1), rng.uniform(5), rng.normal(1000, 0.5), rng.snapshot()];
      rng.dispose();
      return parts.flatMap((p) => Array.from(p));
    });
    expectBitEqual(draws[0], draws[1]);
  });

  it('pins the first normals of seed 2021 (regression, checked against the polar-method reference)', () => {
    // Pinned from wasm, and checked here against the independent BigInt xoshiro + Math.log polar
    // transform, so a change in the bits means the generator or its seeding changed.
    expectClose(PINNED_2021, polarReference(seedWords(2021), PINNED_2021.length), TOL.polarNormal);
    for (const b of BACKENDS) {
      const rng = new Rng(2021, b);
      expectBitEqual(rng.normal(4), PINNED_2021);
      rng.dispose();
    }
  });

  it('has sample mean ≈ 0 and variance ≈ scale² (n = 200000, 5σ bounds)', () => {
    const rng = new Rng(3, 'wasm');
    const n = 200_000;
    const z = rng.normal(n, 2);
    let m = 0;
    for (const v of z) m += v;
    m /= n;
    let v2 = 0;
    for (const v of z) v2 += (v - m) ** 2;
    v2 /= n - 1;
    expect(Math.abs(m)).toBeLessThan(5 * 2 / Math.sqrt(n));
    expect(Math.abs(v2 - 4)).toBeLessThan(5 * 4 * Math.sqrt(2 / n));
    rng.dispose();
  });

  it('rejects bad seeds and states with typed errors', () => {
    expect(() => new Rng(-1)).toThrow(/seed must be an integer/);
    expect(() => new Rng(1.5)).toThrow(/seed must be an integer/);
    expect(() => new Rng(2 ** 53)).toThrow(/seed/);
    const rng = new Rng(1);
    expect(() => rng.restore([1, 2, 3])).toThrow(/6 numbers/);
    expect(() => rng.restore([1, 2, 3, 2 ** 32, 0, 0])).toThrow(/32-bit/);
    expect(() => rng.restore([0, 0, 0, 0, 0, 0])).toThrow(InvalidArgumentError);
    expect(() => rng.restore([1, 2, 3, 4, 0.5, 0])).toThrow(/flag 0 or 1/);
    expect(() => rng.restore([1, 2, 3, 4, 1, NaN])).toThrow(/finite spare/);
    const before = rng.snapshot();
    expect(() => rng.normal(3, NaN)).toThrow(NonFiniteError);
    expect(() => rng.normal(-1)).toThrow(/n must be an integer/);
    expect(() => rng.fillUniform(-2, 1)).toThrow(/heap offset/);
    const slots = rng.backend.heap.capacityBytes / 8;
    expect(() => rng.fillNormal(slots - 1, 2)).toThrow(ShapeError);
    expectBitEqual(rng.snapshot(), before); // nothing was drawn
    rng.dispose();
  });

  it('different seeds give different streams', () => {
    const a = new Rng(1, 'ts');
    const b = new Rng(2, 'ts');
    expect(Array.from(a.uniform(4))).not.toEqual(Array.from(b.uniform(4)));
    a.dispose();
    b.dispose();
  });
});

const PINNED_2021 = [1.8916352752972776, 0.63736667291677784, -2.3292620124960735, -0.31220269285604607];
