import { describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src/data/sequences.js';
import { InvalidArgumentError, ShapeError } from '../../src/errors.js';
import { Rng } from '../../src/random/rng.js';
import { evaluateTarget, targetComplexity, type NVariableTarget } from '../../src/theory/concept-classes.js';
import { sampleAdditiveTarget, sampleConceptData, sampleNVariableTarget, sampleSequences } from '../../src/theory/concept-sampler.js';
import { functionComplexity, functionComplexityN } from '../../src/theory/function-complexity.js';
import { learningCurvePreset } from '../../src/theory/presets.js';
import { arctanFunction, cosFunction, polynomial, sinFunction } from '../../src/theory/psi-catalog.js';
import { TOL } from '../helpers.js';

function tokenNorms(x: { n: number; L: number; d: number; data: Float64Array }): number[] {
  const out: number[] = [];
  for (let t = 0; t < x.n * x.L; t++) out.push(Math.hypot(...x.data.subarray(t * x.d, (t + 1) * x.d)));
  return out;
}

describe('concept classes: evaluation and C(F*)', () => {
  it('F* of eq. 9 and eq. 11 on a hand-made sequence', () => {
    const x = sequenceBatch(1, 3, 2, [3, 4, 1, 0, 0, -2]);
    const beta = Float64Array.from([0.6, 0.8]);
    const add = evaluateTarget({ kind: 'additive', L: 3, d: 2, terms: [{ step: 1, psi: sinFunction, beta }, { step: 3, psi: polynomial([0, 1]), beta }] }, x);
    expect(add[0]).toBeCloseTo(Math.sin((0.6 * 3 + 0.8 * 4) / 5) + (0.8 * -2) / 2, 14);
    // N = 2 at positions 1 and 3: ⟨β, [X_1; X_3]⟩ / (√2 · max(5, 2))
    const b2 = Float64Array.from([0.5, 0.5, 0.5, -0.5]);
    const nv: NVariableTarget = { kind: 'n-variable', L: 3, d: 2, positions: [1, 3], terms: [{ psi: polynomial([1, 2]), beta: b2 }] };
    expect(evaluateTarget(nv, x)[0]).toBeCloseTo(1 + (2 * (0.5 * 3 + 0.5 * 4 + 0.5 * 0 + -0.5 * -2)) / (Math.SQRT2 * 5), 14);
  });

  it('C(F*) additive = L^{3.5} Σ C(ψ, C0√L) (eq. 10) and N-variable = the smaller of eq. 12', () => {
    const rng = new Rng(1, 'ts');
    const L = 6;
    const t = sampleAdditiveTarget(rng, { L, d: 3, psi: arctanFunction(20), termsPerStep: 2 });
    const R = 3 * Math.sqrt(L); // C0 = 1.5 / 0.5; C(arctan(z/a), R) = 1 + aR/(a² − R²)
    const c = targetComplexity(t, { Cmin: 0.5, Cmax: 1.5 });
    expect(Math.abs(c.value / (L ** 3.5 * 2 * L * (1 + (20 * R) / (400 - R * R))) - 1)).toBeLessThanOrEqual(TOL.complexitySeries);
    const nv = sampleNVariableTarget(rng, { L, d: 3, positions: [2, 4], psi: polynomial([0, 1, -1]), terms: 3 });
    const cn = targetComplexity(nv, { Cmin: 0.5, Cmax: 1.5 }, { C1: 150 });
    const viaCN = L ** 2 * 3 * functionComplexityN(polynomial([0, 1, -1]), R, { N: 2, L, C1: 150 }).value;
    const viaC = L ** 3.5 * 3 * functionComplexity(polynomial([0, 1, -1]), 4 * R).value; // l0 = 2
    expect(Math.abs(cn.value / Math.min(viaCN, viaC) - 1)).toBeLessThanOrEqual(TOL.complexitySeries);
    expect(Math.abs(Math.exp(cn.logViaCN!) / viaCN - 1)).toBeLessThanOrEqual(TOL.complexitySeries);
    expect(() => targetComplexity(nv, { Cmin: 0.5, Cmax: 1.5 }, { C1: 0 })).toThrow(InvalidArgumentError);
  });
});

describe('concept samplers', () => {
  it('token norms lie in [C_min, C_max] and β has norm ≤ 1; a seed reproduces the sample', () => {
    const x = sampleSequences(new Rng(3, 'ts'), 50, 5, 3, { Cmin: 0.7, Cmax: 1.9 });
    const norms = tokenNorms(x);
    for (const v of norms) expect(v >= 0.7 - 1e-12 && v <= 1.9 + 1e-12).toBe(true);
    expect(Math.min(...norms)).toBeLessThan(0.8); // the range is covered, not a point
    expect(Math.max(...norms)).toBeGreaterThan(1.8);
    const again = sampleSequences(new Rng(3, 'wasm'), 50, 5, 3, { Cmin: 0.7, Cmax: 1.9 });
    expect(Array.from(again.data)).toEqual(Array.from(x.data));
    const t = sampleAdditiveTarget(new Rng(4, 'ts'), { L: 5, d: 3, psi: sinFunction, betaNorm: 0.5 });
    for (const term of t.terms) expect(Math.hypot(...term.beta)).toBeCloseTo(0.5, 14);
  });

  it("'rescale' makes min |F*| equal the margin; labels are sign F*; C(F*) is of the rescaled target", () => {
    const rng = new Rng(5, 'ts');
    const t = sampleAdditiveTarget(rng, { L: 4, d: 2, psi: sinFunction });
    const s = sampleConceptData(rng, t, { n: 200, Cmin: 1, Cmax: 2, margin: { mode: 'rescale', margin: 1 } });
    expect(Math.abs(s.marginAchieved - 1)).toBeLessThanOrEqual(TOL.roundoff);
    const f = evaluateTarget(s.target, s.data.x);
    for (let i = 0; i < 200; i++) {
      expect(s.data.fstar![i]).toBe(f[i]);
      expect(s.data.y[i] * f[i]).toBeGreaterThanOrEqual(1 - TOL.roundoff);
    }
    // C(s·sin, R) = 1 + s·R cosh R per term
    const R = 2 * Math.sqrt(4);
    expect(Math.abs(s.complexity.value / (4 ** 3.5 * 4 * (1 + s.scale * R * Math.cosh(R))) - 1)).toBeLessThanOrEqual(TOL.complexitySeries);
    expect(s.rejectionRate).toBe(0);
  });

  it("'reject' keeps |F*| ≥ threshold and reports a rejection rate matching an independent estimate", () => {
    const preset = learningCurvePreset;
    const rng = new Rng(6, 'ts');
    const target = preset.target(rng);
    const s = preset.sample(rng, target, 1500);
    expect(s.data.x.L).toBe(8);
    expect(s.data.x.d).toBe(4);
    for (const v of tokenNorms(s.data.x)) expect(v >= 0.5 - 1e-12 && v <= 2 + 1e-12).toBe(true);
    for (let i = 0; i < 1500; i++) expect(s.data.y[i] * s.data.fstar![i]).toBeGreaterThanOrEqual(0.3);
    expect(s.marginAchieved).toBeGreaterThanOrEqual(0.3);
    expect(s.draws).toBe(1500 + Math.round(s.rejectionRate * s.draws));
    // P(|F*| < 0.3) from a fresh unfiltered sample: the two estimates differ by < 4 standard errors
    const fresh = evaluateTarget(target, sampleSequences(new Rng(99, 'ts'), 4000, 8, 4, preset.normRange));
    const p = fresh.filter((v) => Math.abs(v) < 0.3).length / 4000;
    const se = Math.sqrt(p * (1 - p) * (1 / 4000 + 1 / s.draws));
    expect(Math.abs(s.rejectionRate - p)).toBeLessThanOrEqual(4 * se);
    // C(F*) of the preset: 8 steps of ψ = sin 2z + z²/2 − 1/4 with R = 4√8 → 8^{3.5}·8·(1 + 2R cosh 2R + R²)
    const R = 4 * Math.sqrt(8);
    expect(Math.abs(s.complexity.log - Math.log(8 ** 3.5 * 8 * (1 + 2 * R * Math.cosh(2 * R) + R * R)))).toBeLessThanOrEqual(TOL.complexitySeries);
  });

  it('bad input → typed errors', () => {
    const rng = new Rng(7, 'ts');
    const t = sampleAdditiveTarget(rng, { L: 3, d: 2, psi: sinFunction });
    expect(() => sampleConceptData(rng, t, { n: 10, Cmin: 0, Cmax: 1 })).toThrow(InvalidArgumentError);
    expect(() => sampleConceptData(rng, t, { n: 10, Cmin: 2, Cmax: 1 })).toThrow(InvalidArgumentError);
    expect(() => sampleConceptData(rng, t, { n: 10, Cmin: 1, Cmax: 2, margin: { mode: 'reject', threshold: 1e6 }, maxDraws: 500 })).toThrow(/threshold/);
    expect(() => sampleAdditiveTarget(rng, { L: 3, d: 2, psi: sinFunction, betaNorm: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => sampleNVariableTarget(rng, { L: 3, d: 2, positions: [1, 4], psi: sinFunction })).toThrow(InvalidArgumentError);
    expect(() => evaluateTarget(t, sequenceBatch(1, 4, 2, new Float64Array(8)))).toThrow(ShapeError);
    expect(() => sampleAdditiveTarget(rng, { L: 3, d: 2, psi: undefined as never })).toThrow(/ψ/);
    expect(() => sampleNVariableTarget(rng, { L: 3, d: 2, positions: [1, 2], psi: sinFunction, betaNorm: 0 })).toThrow(/betaNorm/);
    expect(() => sampleNVariableTarget(rng, { L: 2.5, d: 2, positions: [1, 2], psi: sinFunction })).toThrow(/^L must be an integer/);
    expect(() => sampleSequences(rng, 2, 3, 2, { Cmin: 1, Cmax: Infinity })).toThrow(/Cmin ≤ Cmax/);
    expect(() => targetComplexity(t, { Cmin: NaN, Cmax: 1 })).toThrow(/Cmin ≤ Cmax/);
    expect(() => targetComplexity(t, { Cmin: 1, Cmax: 2 }, { C1: NaN })).toThrow(/C1/); // checked for additive targets too
    // a batch whose data is shorter than n·L·d would read past its end (NaN F*): a ShapeError instead
    expect(() => evaluateTarget(t, { n: 2, L: 3, d: 2, data: new Float64Array(6) })).toThrow(/holds 6 values/);
    expect(() => evaluateTarget(null as never, sequenceBatch(1, 3, 2, new Float64Array(6)))).toThrow(/kind/);
    expect(() => targetComplexity({ ...t, terms: undefined } as never, { Cmin: 1, Cmax: 2 })).toThrow(/terms/);
    expect(() => targetComplexity({ ...t, terms: [{ ...t.terms[0], beta: undefined }] } as never, { Cmin: 1, Cmax: 2 })).toThrow(ShapeError);
  });

  it('a ψ chooser gets (step, term) for additive and (term) for N-variable targets', () => {
    const rng = new Rng(8, 'ts');
    const additive = sampleAdditiveTarget(rng, {
      L: 3, d: 2, steps: [1, 3], termsPerStep: 2, psi: (step, r) => (step === 3 && r === 1 ? cosFunction : sinFunction),
    });
    expect(additive.terms.map((t) => [t.step, t.psi.name])).toEqual([[1, 'sin'], [1, 'sin'], [3, 'sin'], [3, 'cos']]);
    const nv = sampleNVariableTarget(rng, { L: 3, d: 2, positions: [1, 3], terms: 2, psi: (r) => (r === 0 ? cosFunction : sinFunction) });
    expect(nv.terms.map((t) => t.psi.name)).toEqual(['cos', 'sin']);
  });
});
