import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { learningCurvePsi } from '../../src/theory/presets.js';
import { arctanFunction, coshFunction, cosFunction, expFunction, sinFunction, sinhFunction } from '../../src/theory/psi-catalog.js';
import { TOL } from '../helpers.js';
import { logUniformInputs, worstUlps } from '../numeric/ulp.js';

/** Arguments ⟨β, x⟩ of the size the concept classes meet (|z| ≤ ~30), plus tiny ones. */
const Z = logUniformInputs(20_000, -8, 1.5, 29);

describe('ψ values are the portable functions (engine-independent), close to Math.*', () => {
  it.each([
    ['sin', sinFunction, Math.sin, TOL.portableElementaryUlps],
    ['cos', cosFunction, Math.cos, TOL.portableElementaryUlps],
    ['arctan(z/2)', arctanFunction(2), (z: number) => Math.atan(z / 2), TOL.portableElementaryUlps],
    ['sinh', sinhFunction, Math.sinh, TOL.portableHyperbolicUlps],
    ['cosh', coshFunction, Math.cosh, TOL.portableHyperbolicUlps],
  ] as const)('%s is within its ulp tolerance of Math.*', (_, psi, reference, tol) => {
    const { ulps, at } = worstUlps((z) => psi.value(z), reference, Z);
    expect(ulps, `worst at z = ${at}`).toBeLessThanOrEqual(tol);
  });

  it('exp is within TOL.portableExp (relative) of Math.exp', () => {
    for (const z of Z) expect(Math.abs(expFunction.value(z) / Math.exp(z) - 1)).toBeLessThanOrEqual(TOL.portableExp);
  });

  it('the learning-curve ψ(z) (docs/experiments.md#the-learning-curve-task) = sin 2z + z²/2 − 1/4 matches its formula with Math.sin to round-off', () => {
    for (const z of Z.filter((t) => Math.abs(t) < 5)) {
      const expected = Math.sin(2 * z) + (z * z) / 2 - 0.25;
      expect(Math.abs(learningCurvePsi.value(z) - expected)).toBeLessThanOrEqual(TOL.roundoff);
    }
  });

  it('sin and cos refuse arguments beyond the Cody–Waite range with a typed error', () => {
    expect(() => sinFunction.value(1e7)).toThrow(InvalidArgumentError);
    expect(() => cosFunction.value(-1e7)).toThrow(InvalidArgumentError);
  });
});
