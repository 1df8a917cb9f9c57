import { describe, expect, it } from 'vitest';
import { sequencesFromNested } from '../../src/data/sequences.js';
import { analyticNtk } from '../../src/kernels/analytic.js';
import { hermiteCoefficient, hermiteCoefficientQuadrature } from '../../src/kernels/hermite.js';
import { BACKENDS, TOL, expectClose, WORKED_EXAMPLE_X, WORKED_EXAMPLE_H } from '../helpers.js';
import { gaussSolve } from './reference.js';

// docs/theory.md#worked-example, "Worked example (defaults, L = 3, d = 2, n = 3), to 1e−12".
const x = sequencesFromNested(WORKED_EXAMPLE_X);
const k3 = [1.268518518518518, 0.97831547345726, 0.983843025312092, 0.97831547345726, 1.157407407407407, 1.08919005277792, 0.983843025312092, 1.08919005277792, 1.314814814814815];
const b1 = [0.5, 0.305483176996029, 0.287006836664405, 0.305483176996029, 0.5, 0.34721782478199, 0.287006836664405, 0.34721782478199, 0.5];
const mu = [0.5641895835477563, 0.7071067811865475, 0.3989422804014327, 0, -0.11516471649044517, 0, 0.063078313050504, 0, -0.042145970709045966];

describe('worked example (docs/theory.md#worked-example)', () => {
  for (const backend of BACKENDS) {
    it(`H∞, k_3 and b_1 on ${backend.name}`, () => {
      const r = analyticNtk(x, { backend, parts: { k: [3], b: [1] } });
      expectClose(r.H.data, WORKED_EXAMPLE_H, TOL.specExample);
      expectClose(r.k.get(3)!.data, k3, TOL.specExample);
      expectClose(r.b.get(1)!.data, b1, TOL.specExample);
      const z = gaussSolve(r.H.data, [1, -1, 1], 3);
      const quad = z[0] - z[1] + z[2];
      expect(Math.abs(quad - 6.439070730327959)).toBeLessThanOrEqual(TOL.specExample * 6.439070730327959);
    });
  }

  it('μ_0..μ_8 in closed form and by quadrature of Theorem 5', () => {
    for (let r = 0; r <= 8; r++) {
      expect(Math.abs(hermiteCoefficient(r) - mu[r])).toBeLessThanOrEqual(TOL.specExample);
      expect(Math.abs(hermiteCoefficientQuadrature(r) - mu[r])).toBeLessThanOrEqual(TOL.hermiteQuadrature);
    }
  });
});
