/**
 * ReLU with mask and the masked product (assembly/relu.ts): element-wise, so wasm and the TS
 * twin must agree bit for bit; checked against the definitions, at the kink and with aliasing.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { expectBitEqual, onBothBackends } from '../helpers.js';

describe('reluMask / mulMask', () => {
  const rng = new Rng(3, 'ts');
  for (const n of [0, 1, 2, 5, 64, 101]) {
    it(`n=${n}: definitions, twin equality, kink at 0`, () => {
      const g = rng.normal(n);
      if (n > 2) {
        g[0] = 0;
        g[1] = -0;
      }
      const x = rng.normal(n);
      const [w, t] = onBothBackends([g, new Float64Array(n), new Float64Array(n), x, new Float64Array(n)], (b, [pg, ph, pm, px, py]) => {
        b.kernels.reluMask(n, pg, ph, pm);
        b.kernels.mulMask(n, px, pm, py);
        return [[ph, n], [pm, n], [py, n], [pg, n]];
      }) as Float64Array[][];
      for (let i = 0; i < 4; i++) expectBitEqual(w[i], t[i]);
      expectBitEqual(w[3], g); // g not mutated
      for (let i = 0; i < n; i++) {
        expect(w[0][i]).toBe(Math.max(g[i], 0));
        expect(w[1][i]).toBe(g[i] > 0 ? 1 : 0);
        expect(w[2][i]).toBe(g[i] > 0 ? x[i] : 0 * x[i]);
      }
      if (n > 2) expect([w[1][0], w[1][1]]).toEqual([0, 0]); // derivative 0 at the kink
    });
  }

  it('in place: h aliases g, y aliases x', () => {
    const n = 9;
    const g = rng.normal(n);
    const x = rng.normal(n);
    const [w, t] = onBothBackends([g, new Float64Array(n), x], (b, [pg, pm, px]) => {
      b.kernels.reluMask(n, pg, pg, pm);
      b.kernels.mulMask(n, px, pm, px);
      return [[pg, n], [px, n]];
    }) as Float64Array[][];
    expectBitEqual(w[0], t[0]);
    expectBitEqual(w[1], t[1]);
    for (let i = 0; i < n; i++) {
      expect(w[0][i]).toBe(Math.max(g[i], 0));
      expect(w[1][i]).toBe(g[i] > 0 ? x[i] : 0 * x[i]);
    }
  });

  it('NaN propagates to h (never silently zeroed); its mask is 0', () => {
    const g = [NaN, 1, -1];
    const [w] = onBothBackends([g, new Float64Array(3), new Float64Array(3)], (b, [pg, ph, pm]) => {
      b.kernels.reluMask(3, pg, ph, pm);
      return [[ph, 3], [pm, 3]];
    }) as Float64Array[][];
    expect(Number.isNaN(w[0][0])).toBe(true);
    expect(Array.from(w[1])).toEqual([0, 1, 0]);
  });
});
