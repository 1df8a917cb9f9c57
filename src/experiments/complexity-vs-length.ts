/**
 * Claim 4 (Theorem 4, Remark 2.2): √(ỹᵀ(H∞)⁻¹ỹ) ≤ O(C(F*)) and grows polynomially — not
 * exponentially — in L for additive targets and for N-variable targets with small N and l0.
 * At a fixed n, for each length L: draw a target, n sequences (rejecting |F*| below a
 * threshold), take ỹ = F* / margin (so that y·ỹ ≥ 1 as the theorems assume) and compute
 * ỹᵀ(H∞)⁻¹ỹ next to C(F*). Over lengths spanning a factor ≥ 8 the growth of √(ỹᵀH⁻¹ỹ) is
 * fitted by a power law and by an exponential and the two are compared by AIC.
 *
 * Contrast (same criterion, reported beside the verdict): a target on the first step only
 * (N = 1, l0 = 0, inside Remark 2.2's polynomial class) on sequences that share every later
 * token, so that step 1 is the only thing telling them apart, under a sub-critical recurrent
 * variance vW = 1.5 instead of the paper's ReLU norm-preserving 2 (W ~ N(0, 2/m), the choice
 * Theorems 5–6 and Remark 4.2 rest on). The backward factor b_l = b_{l+1}·vW·κ0(ρ_l)/2 then
 * shrinks at least like (vW/2)^{L−l} (docs/theory.md#tangent-kernel), the kernel forgets step 1
 * exponentially and ỹᵀH⁻¹ỹ must grow exponentially in L. The control runs the same data at the
 * paper's vW = 2. One unit = one (setting, L).
 */
import { InvalidArgumentError } from '../errors.js';
import { Rng } from '../random/rng.js';
import { analyticNtk } from '../kernels/index.js';
import { sequenceBatch, type SequenceBatch } from '../data/sequences.js';
import type { InitScheme } from '../model/variances.js';
import { type ConceptTarget, evaluateTarget, kernelComplexity, learningCurvePsi, sampleAdditiveTarget, sampleConceptData, sampleNVariableTarget, scaleTarget, targetComplexity } from '../theory/index.js';
import { defineExperiment, type UnitContext } from './definition.js';
import { compareGrowth, type GrowthComparison } from './fit.js';
import { inputWidthParam, resolveParams, type ParamSpec } from './params.js';
import type { ContrastVerdict, Row, Verdict } from './result.js';
import { minAbs } from '../numeric/min-abs.js';
import { naturalLog } from '../numeric/natural-log.js';
import { portableExp } from '../numeric/portable-exp.js';

/** Parameters of the complexity-vs-length experiment. */
export interface ComplexityVsLengthParams {
  [key: string]: number | readonly number[];
  /** Sequence lengths L compared (a verdict needs ≥ 4 distinct, spanning a factor ≥ 8). */
  readonly lengths: readonly number[];
  /** Number of sequences, the same at every L. */
  readonly n: number;
  /** Input width d. */
  readonly d: number;
  /** Smallest token norm C_min. */
  readonly cmin: number;
  /** Largest token norm C_max. */
  readonly cmax: number;
  /** Draws with |F*| below this are rejected (the margin policy of docs/experiments.md). */
  readonly threshold: number;
}

const PARAMS: readonly ParamSpec[] = [
  { key: 'lengths', kind: 'int-list', min: 2, max: 256, minDistinct: 2, description: 'comma-separated sequence lengths L' },
  { key: 'n', kind: 'int', min: 2, max: 4000, description: 'number of sequences (fixed across L)' },
  inputWidthParam(64),
  { key: 'cmin', kind: 'number', min: 0, exclusiveMin: true, description: 'smallest token norm C_min' },
  { key: 'cmax', kind: 'number', min: 0, exclusiveMin: true, description: 'largest token norm C_max' },
  { key: 'threshold', kind: 'number', min: 0, exclusiveMin: true, description: 'draws with |F*| below this are rejected' },
];

const CLAIM =
  '√(ỹᵀ(H∞)⁻¹ỹ) ≤ O(C(F*)) (Theorem 4) and grows polynomially, not exponentially, in L for additive targets and for N-variable targets with small N or l0 (Remark 2.2).';

/** A target of length L in R^d. */
type TargetMaker = (rng: Rng, L: number, d: number) => ConceptTarget;

const additive: TargetMaker = (rng, L, d) => sampleAdditiveTarget(rng, { L, d, psi: learningCurvePsi });
const lastTwo: TargetMaker = (rng, L, d) => sampleNVariableTarget(rng, { L, d, positions: [L - 1, L], psi: learningCurvePsi });
const firstStep: TargetMaker = (rng, L, d) => sampleNVariableTarget(rng, { L, d, positions: [1], psi: learningCurvePsi });

/** The contrast's recurrent variance: sub-critical, (vW/2)^63 = 0.75^63 ≈ 1e−8 keeps H∞ factorable up to L = 64. */
export const SUBCRITICAL_VW = 1.5;

/** The 'paper' variances (v0 = 2, vA = 2/L³, vB = 1) with W ~ N(0, vW/m) instead of N(0, 2/m) (docs/theory.md#initialisation). */
const recurrentVariance = (vW: number) => (L: number): InitScheme => ({ v0: 2, vW, vA: 2 / (L * L * L), vB: 1 });

/**
 * How a setting enters the report: 'judged' families make the verdict; a 'contrast' is a setting
 * where the theory predicts the criterion to fail, its 'control' the same setting where it
 * predicts it to hold. Both are judged by the same criterion and reported beside the verdict.
 */
type Role = 'judged' | 'control' | 'contrast';

/** One setting run at every length. */
interface Setting {
  readonly key: string;
  readonly label: string;
  readonly role: Role;
  readonly make: TargetMaker;
  readonly init: (L: number) => InitScheme;
  /** Copy tokens 2..L of the first sequence into every sequence (only step 1 differs). */
  readonly sharedSuffix: boolean;
}

/** The two judged families under the paper's inputs, then the contrast's control and the contrast. */
const SETTINGS: readonly Setting[] = [
  { key: 'additive', label: 'additive (eq. 9)', role: 'judged', make: additive, init: () => 'paper', sharedSuffix: false },
  { key: 'twoVariable', label: 'N = 2, l0 = 1 (eq. 11)', role: 'judged', make: lastTwo, init: () => 'paper', sharedSuffix: false },
  { key: 'firstStepPaper', label: 'control: step-1 target, shared suffix, vW = 2', role: 'control', make: firstStep, init: () => 'paper', sharedSuffix: true },
  {
    key: 'firstStepSubcritical', label: `contrast: step-1 target, shared suffix, vW = ${SUBCRITICAL_VW}`, role: 'contrast',
    make: firstStep, init: recurrentVariance(SUBCRITICAL_VW), sharedSuffix: true,
  },
];

/** The batch with tokens 2..L of every sequence replaced by those of the first. */
function shareSuffix(x: SequenceBatch): SequenceBatch {
  const size = x.L * x.d;
  const data = Float64Array.from(x.data);
  for (let i = 1; i < x.n; i++) data.copyWithin(i * size + x.d, x.d, size);
  return sequenceBatch(x.n, x.L, x.d, data);
}

/** One unit: a setting and a length. */
interface LengthUnit {
  readonly setting: number;
  readonly L: number;
}

/** The model-selection margin: |ΔAIC| below it cannot tell a power law from an exponential. */
export const AIC_MARGIN = 2;

/** "Grows" means a fitted power-law exponent of at least this (a factor 2 over L = 2 … 64). */
export const MIN_GROWTH_EXPONENT = 0.2;

/** A verdict needs at least this many distinct lengths, spanning at least LENGTH_SPAN. */
const MIN_LENGTHS = 4;
const LENGTH_SPAN = 8;

/** ỹᵀ(H∞)⁻¹ỹ, its scale-free form and C(F*) at one length, for one setting. */
function measure(p: ComplexityVsLengthParams, u: LengthUnit, ctx: UnitContext): Row {
  const setting = SETTINGS[u.setting];
  const range = { Cmin: p.cmin, Cmax: p.cmax };
  const rng = new Rng(ctx.seed * 1000003 + u.setting * 1009 + u.L, ctx.backend ?? 'auto');
  try {
    const target = setting.make(rng, u.L, p.d);
    const sample = sampleConceptData(rng, target, { n: p.n, ...range, margin: { mode: 'reject', threshold: p.threshold } });
    const x = setting.sharedSuffix ? shareSuffix(sample.data.x) : sample.data.x;
    const fstar = setting.sharedSuffix ? evaluateTarget(target, x) : sample.data.fstar!;
    const margin = minAbs(fstar);
    const ytilde = fstar.map((f) => f / margin);
    const { H } = analyticNtk(x, { init: setting.init(u.L), backend: ctx.backend });
    let trace = 0;
    for (let i = 0; i < p.n; i++) trace += H.data[i * p.n + i];
    const c = kernelComplexity(H, ytilde, { jitter: true, backend: ctx.backend });
    const cf = targetComplexity(scaleTarget(target, 1 / margin), range);
    return {
      family: setting.key, L: u.L, n: p.n, margin, rejectionRate: sample.rejectionRate, meanDiagonal: trace / p.n,
      complexity: c.value, sqrtComplexity: c.sqrt, scaleFree: Math.sqrt((c.value * trace) / p.n), jitter: c.jitter,
      smallestPivotRatio: c.smallestPivotRatio, targetComplexity: cf.value, logTargetComplexity: cf.log,
    };
  } finally {
    rng.dispose();
  }
}

/** The judgement of one family's rows: growth, model selection, the C(F*) bound. */
interface FamilyJudgement {
  readonly family: string;
  readonly fit: GrowthComparison;
  readonly grows: boolean;
  readonly belowC: boolean;
  readonly outcome: boolean | null;
  readonly roots: number[];
}

function judgeFamily(family: string, rows: readonly Row[]): FamilyJudgement {
  const L = rows.map((r) => Number(r.L));
  const roots = rows.map((r) => Number(r.scaleFree));
  const fit = compareGrowth(L, roots);
  const grows = fit.power.slope >= MIN_GROWTH_EXPONENT;
  const belowC = rows.every((r) => naturalLog(Number(r.sqrtComplexity)) <= Number(r.logTargetComplexity));
  const decisive = new Set(L).size >= MIN_LENGTHS && Math.max(...L) >= LENGTH_SPAN * Math.min(...L);
  let outcome: boolean | null;
  if (!grows || !belowC || fit.deltaAic <= -AIC_MARGIN) outcome = decisive || !belowC ? false : null;
  else outcome = decisive && fit.deltaAic >= AIC_MARGIN ? true : null;
  return { family, fit, grows, belowC, outcome, roots };
}

/** Combines per-family outcomes: any false → false, else any null → null, else true. */
function combine(outcomes: readonly (boolean | null)[]): boolean | null {
  if (outcomes.some((o) => o === false)) return false;
  return outcomes.some((o) => o === null) ? null : true;
}

/**
 * The verdict of claim 4 from the rows of the families judged (columns family, L, n,
 * scaleFree = √(ỹᵀH⁻¹ỹ·tr H/n), sqrtComplexity, logTargetComplexity): for each family,
 * supported when the scale-free complexity grows (fitted exponent ≥ MIN_GROWTH_EXPONENT), the power law beats the
 * exponential by ΔAIC ≥ AIC_MARGIN and √(ỹᵀH⁻¹ỹ) ≤ C(F*) at every L; NOT supported when it
 * does not grow, the exponential wins by the margin or the bound fails; undecided otherwise
 * (|ΔAIC| < margin, or fewer than 4 lengths / a span below a factor 8).
 */
export function complexityGrowthVerdict(rows: readonly Row[]): Verdict {
  const families = [...new Set(rows.map((r) => String(r.family)))];
  const judged = families.map((f) => judgeFamily(f, rows.filter((r) => r.family === f)));
  const lengths = [...new Set(rows.map((r) => Number(r.L)))];
  const describe = (j: FamilyJudgement) =>
    `${j.family}: ${j.roots.map((r) => r.toPrecision(3)).join(' → ')} (power law L^${j.fit.power.slope.toFixed(2)}, ` +
    `exponential e^{${j.fit.exponential.slope.toFixed(3)}L}, ΔAIC = AIC_exp − AIC_pow = ${j.fit.deltaAic.toFixed(1)}${j.belowC ? '' : '; exceeds C(F*)'})`;
  return {
    claim: CLAIM,
    measured: `L = ${lengths.join(', ')}, n = ${rows[0]?.n}: scale-free √(ỹᵀH⁻¹ỹ·tr H/n) ${judged.map(describe).join('; ')}.`,
    predicted:
      '√(ỹᵀH⁻¹ỹ) ≤ O(C(F*)), polynomial in L (C(F*) carries L^{3.5} for additive targets, eq. 10); ' +
      `with a sub-critical vW = ${SUBCRITICAL_VW} < 2 the backward factor b_l shrinks like (vW/2)^{L−l}, so a target that only step 1 can explain needs a complexity exponential in L.`,
    criterion:
      `supported if, for both families, the scale-free complexity √(ỹᵀH⁻¹ỹ·tr H/n) grows (fitted exponent ≥ ${MIN_GROWTH_EXPONENT}), a power law in L fits its logarithm better than an exponential by ` +
      `ΔAIC = k·ln(RSS_exp/RSS_pow) ≥ ${AIC_MARGIN} (k lengths, least squares in log space) and √(ỹᵀH⁻¹ỹ) ≤ C(F*) at every L (constants 1); ` +
      `undecided when |ΔAIC| < ${AIC_MARGIN} or the lengths are fewer than ${MIN_LENGTHS} or span less than a factor ${LENGTH_SPAN}.`,
    counterCriterion:
      `NOT supported if for some family the exponential fits better by ΔAIC ≤ −${AIC_MARGIN}, or the scale-free complexity does not grow (exponent < ${MIN_GROWTH_EXPONENT}: a flat or falling curve), ` +
      'or it exceeds C(F*) at some L.',
    figures: Object.fromEntries(judged.flatMap((j) => [[`${j.family}Exponent`, j.fit.power.slope], [`${j.family}DeltaAic`, j.fit.deltaAic]])),
    supported: combine(judged.map((j) => j.outcome)),
    notes: [
      'ỹᵀH⁻¹ỹ also grows with n at fixed L (the RKHS norm of F* under H∞ is large), so lengths are compared at a fixed n.',
      'the raw √(ỹᵀH⁻¹ỹ) is in the table too; it is divided by √(mean H∞_ii) ≈ √(L/2), so it grows more slowly or falls.',
      'C(F*) with constants 1 exceeds √(ỹᵀH⁻¹ỹ) by orders of magnitude: that half of the criterion is weak; the growth-model comparison is the testable part.',
    ],
  };
}

/** The control and the contrast, each judged alone by the claim's criterion. */
function contrastVerdicts(rows: readonly Row[]): ContrastVerdict[] {
  return SETTINGS.filter((g) => g.role !== 'judged').map((g) => {
    const v = complexityGrowthVerdict(rows.filter((r) => r.family === g.key));
    return { key: g.key, setting: g.label, expected: g.role === 'control', supported: v.supported, measured: v.measured, figures: v.figures };
  });
}

const DEFAULTS: ComplexityVsLengthParams = { lengths: [2, 4, 8, 16, 24, 32, 40, 48, 56, 64], n: 300, d: 4, cmin: 0.5, cmax: 2, threshold: 0.3 };

/** The complexity-vs-length experiment (claim 4). */
export const complexityVsLength = defineExperiment<ComplexityVsLengthParams, LengthUnit, Row>({
  name: 'complexity-vs-length',
  title: 'Complexity grows polynomially in L',
  claim: CLAIM,
  params: PARAMS,
  defaults: DEFAULTS,
  quick: { lengths: [2, 4, 8, 16, 32, 64], n: 40, d: 3, cmin: 0.5, cmax: 2, threshold: 0.3 },
  resolve(given) {
    const p = resolveParams('complexity-vs-length', PARAMS, DEFAULTS, given);
    if (p.cmin > p.cmax) throw new InvalidArgumentError(`complexity-vs-length parameter cmin ${p.cmin} exceeds cmax ${p.cmax}: need cmin ≤ cmax`);
    return { ...p, lengths: [...new Set(p.lengths)].sort((a, b) => a - b) };
  },
  units: (p) => SETTINGS.flatMap((_, setting) => p.lengths.map((L) => ({ setting, L }))),
  unitLabel: (u) => `${SETTINGS[u.setting].key}, L = ${u.L}`,
  runUnit: measure,
  assemble(p, rows, ctx) {
    const judgedKeys = SETTINGS.filter((g) => g.role === 'judged').map((g) => g.key);
    const judgedRows = rows.filter((r) => judgedKeys.includes(String(r.family)));
    const verdict = complexityGrowthVerdict(judgedRows);
    const contrasts = contrastVerdicts(rows);
    const said = (c: ContrastVerdict) => (c.supported === null ? 'undecided' : c.supported ? 'supported' : 'NOT supported');
    const labelOf = (r: Row) => SETTINGS.find((g) => g.key === r.family)!.label;
    const points = rows.map((r) => ({ x: Number(r.L), y: Number(r.scaleFree), series: labelOf(r) }));
    const raw = judgedRows.map((r) => ({ x: Number(r.L), y: Number(r.sqrtComplexity), series: `raw √(ỹᵀH⁻¹ỹ), ${labelOf(r)}` }));
    const cPoints = judgedRows.map((r) => ({ x: Number(r.L), y: portableExp(Number(r.logTargetComplexity)), series: `C(F*), ${labelOf(r)}` }));
    return {
      name: 'complexity-vs-length',
      title: 'Complexity grows polynomially in L',
      params: { ...p, seed: ctx.seed },
      tables: { complexity: rows },
      plots: [
        {
          id: 'root-complexity',
          title: `√(ỹᵀH⁻¹ỹ · tr H/n) vs L, log-log (n = ${p.n}): a power law is a straight line`,
          x: { label: 'sequence length L', log: true },
          y: { label: '√(ỹᵀ(H∞)⁻¹ỹ · tr H∞/n)', log: true },
          points,
          references: [],
          caption: verdict.measured,
        },
        {
          id: 'root-complexity-semilog',
          title: 'The same, log-linear: an exponential is a straight line',
          x: { label: 'sequence length L', log: false },
          y: { label: '√(ỹᵀ(H∞)⁻¹ỹ · tr H∞/n)', log: true },
          points,
          references: [],
          caption: contrasts.map((c) => `${c.setting}: the same criterion says ${said(c)} (theory: ${c.expected ? 'supported' : 'NOT supported'}) — ${c.measured}`).join(' '),
        },
        {
          id: 'target-complexity',
          title: 'C(F*) (eq. 10, 12) vs L, against the raw √(ỹᵀ(H∞)⁻¹ỹ)',
          x: { label: 'sequence length L', log: true },
          y: { label: 'value', log: true },
          points: [...cPoints, ...raw],
          references: [...new Set(cPoints.map((q) => q.series))],
          caption: 'Theorem 4: √(ỹᵀH⁻¹ỹ) ≤ O(C(F*)); with constants set to 1 the bound holds by many orders of magnitude at these sizes.',
        },
      ],
      verdict: { ...verdict, contrasts },
    };
  },
});
