import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { portableLog } from '../../src/numeric/portable-log.js';
import { BACKENDS, expectBitEqual, onBothBackends, TOL } from '../helpers.js';

describe('BLAS-1 kernels: wasm equals the TS twin bit for bit', () => {
  const rng = new Rng(11, 'ts');
  for (const n of [0, 1, 2, 3, 17, 1000, 1001]) {
    const x = rng.normal(n);
    const y = rng.normal(n);
    it(`dot, axpy, scal at n = ${n}`, () => {
      const [w, t] = onBothBackends([x, y], (b, [px, py]) => {
        const d = b.kernels.dot(n, px, py);
        b.kernels.axpy(n, -0.3, px, py);
        b.kernels.scal(n, 1.7, px);
        return [[px, n], [py, n], [b.heap.put([d]), 1]];
      }) as Float64Array[][];
      for (let i = 0; i < 3; i++) expectBitEqual(w[i], t[i]);
      // Against the sequential sum: each differs from the exact Σ x_i y_i by at most
      // γ_n Σ |x_i y_i| with γ_n = n·u/(1 − n·u), u = 2^−53 (Higham, Accuracy and Stability, §3.1).
      let ref = 0;
      let absSum = 0;
      for (let i = 0; i < n; i++) {
        ref += x[i] * y[i];
        absSum += Math.abs(x[i] * y[i]);
      }
      const gamma = (n * 2 ** -53) / (1 - n * 2 ** -53);
      expect(Math.abs(w[2][0] - ref)).toBeLessThanOrEqual(2 * gamma * absSum);
    });
  }
});

describe('portable log', () => {
  it('is within 2 ulp of Math.log (relative to max(1, |log x|)) and equal on both backends', () => {
    const rng = new Rng(5, 'ts');
    const xs = [...rng.uniform(2000), 1e-300, 5e-324, 1, 2, 0.5, Math.SQRT2, 1e300, 123.456];
    for (const x of xs) {
      const l = portableLog(x);
      expect(Math.abs(l - Math.log(x))).toBeLessThanOrEqual(TOL.portableLog * Math.max(1, Math.abs(Math.log(x))));
      for (const b of BACKENDS) expect(Object.is(b.kernels.plog(x), l)).toBe(true);
    }
    expect(portableLog(1)).toBe(0);
    expect(Number.isNaN(portableLog(0))).toBe(true);
    expect(Number.isNaN(portableLog(-1))).toBe(true);
  });
});
