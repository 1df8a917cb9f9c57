/**
 * Shared by the two convergence experiments: run a measurement on networks of several widths
 * m (several seeds each), average, fit the rate error ≈ C·m^p in log-log coordinates and
 * build the plot with the C/√m reference the theorems predict (Theorems 5–6, claims 1–2).
 */
import type { Matrix } from '../linalg/matrix.js';
import { fitPowerLaw, mean, standardError, type LineFit } from './fit.js';
import { inputWidthParam, lengthParam, type ParamSpec } from './params.js';
import type { PlotData, Row } from './result.js';

/** Parameters of a width sweep (the kernel-convergence and ntk-convergence experiments). */
export interface WidthSweepParams {
  [key: string]: number | readonly number[];
  /** Sequence length L. */
  readonly L: number;
  /** Input width d. */
  readonly d: number;
  /** Number of sequences (the kernels compared are n×n). */
  readonly n: number;
  /** Widths m to compare (at least two distinct: a rate is fitted across them). */
  readonly widths: readonly number[];
  /** Networks (seeds) per width; errors are averaged. */
  readonly seeds: number;
  /** Input entries are N(0, inputScale²). */
  readonly inputScale: number;
}

/** The demo's sizes of both width sweeps, but for the seeds (L = 6, as the convergence figures (docs/theory.md#convergence)). */
export const WIDTH_SWEEP_SIZES = { L: 6, d: 3, n: 4, widths: [64, 256, 1024, 4096], inputScale: 1.5 } as const;

/** Tiny sizes of both width sweeps, for tests (`demo --quick`). */
export const WIDTH_SWEEP_QUICK: WidthSweepParams = { L: 3, d: 2, n: 3, widths: [32, 128, 512], seeds: 2, inputScale: 1.5 };

/** The declarations of {@link WidthSweepParams}; `maxN` bounds the number of sequences. */
export function widthSweepParams(maxN: number): readonly ParamSpec[] {
  return [
    lengthParam(1, 256),
    inputWidthParam(256),
    { key: 'n', kind: 'int', min: 2, max: maxN, description: 'number of sequences' },
    { key: 'widths', kind: 'int-list', min: 2, max: 8192, minDistinct: 2, description: 'comma-separated widths m' },
    { key: 'seeds', kind: 'int', min: 1, max: 64, description: 'networks per width (errors are averaged)' },
    { key: 'inputScale', kind: 'number', min: 0, exclusiveMin: true, description: 'input entries ~ N(0, inputScale²)' },
  ];
}

/** Largest |a − b| entry over the largest |b| entry: the relative entrywise error of docs/theory.md#convergence. */
export function relativeMaxError(a: Matrix, b: Matrix): number {
  let err = 0;
  let scale = 0;
  for (let t = 0; t < b.data.length; t++) {
    err = Math.max(err, Math.abs(a.data[t] - b.data[t]));
    scale = Math.max(scale, Math.abs(b.data[t]));
  }
  return err / scale;
}

/** One network of a width sweep: width m and seed index s. */
export interface WidthUnit {
  readonly m: number;
  readonly s: number;
}

/** The units of a sweep: every width, `seeds` networks each, widths outermost. */
export function widthUnits(widths: readonly number[], seeds: number): WidthUnit[] {
  return widths.flatMap((m) => Array.from({ length: seeds }, (_, s) => ({ m, s })));
}

/** The progress label of a width unit. */
export function widthUnitLabel(u: WidthUnit): string {
  return `m = ${u.m}, network ${u.s + 1}`;
}

/** Per-width means of named error metrics and their fitted rates. */
export interface SweepResult {
  readonly rows: Row[];
  readonly means: Record<string, number[]>;
  readonly fits: Record<string, LineFit>;
}

/**
 * Averages the unit results of {@link widthUnits} (`results[k]`: metric → value of unit k)
 * per width, and fits each metric's mean against m as a power law.
 */
export function aggregateSweep(widths: readonly number[], seeds: number, results: readonly Record<string, number>[]): SweepResult {
  const rows: Row[] = [];
  const means: Record<string, number[]> = {};
  widths.forEach((m, w) => {
    const samples: Record<string, number[]> = {};
    for (const errors of results.slice(w * seeds, (w + 1) * seeds)) {
      for (const [k, v] of Object.entries(errors)) (samples[k] ??= []).push(v);
    }
    const row: Row = { m, seeds };
    for (const [k, v] of Object.entries(samples)) {
      row[k] = mean(v);
      row[`${k}StdErr`] = standardError(v);
      (means[k] ??= []).push(mean(v));
    }
    rows.push(row);
  });
  return { rows, means, fits: fitsOf(widths, means) };
}

/** The power-law fit of every metric's per-width mean against m. */
function fitsOf(widths: readonly number[], means: Record<string, number[]>): Record<string, LineFit> {
  const fits: Record<string, LineFit> = {};
  for (const [k, v] of Object.entries(means)) fits[k] = fitPowerLaw([...widths], v);
  return fits;
}

/** The sweep of an `errors` table (one row per width with the metrics' means), as a verdict reads it. */
export function sweepFromTable(rows: readonly Row[], metrics: readonly string[]): SweepResult {
  const widths = rows.map((r) => Number(r.m));
  const means: Record<string, number[]> = {};
  for (const k of metrics) means[k] = rows.map((r) => Number(r[k]));
  return { rows: [...rows], means, fits: fitsOf(widths, means) };
}

/** One row per metric: its fitted log-log slope and R² (the numbers the verdicts judge). */
export function rateRows(sweep: SweepResult): Row[] {
  return Object.entries(sweep.fits).map(([metric, fit]) => ({ metric, slope: fit.slope, r2: fit.r2 }));
}

/** The error-vs-width plot (log-log) with, for the first metric, the C/√m line through its first point. */
export function convergencePlot(
  id: string,
  title: string,
  widths: readonly number[],
  sweep: SweepResult,
  labels: Record<string, string>,
): PlotData {
  const points: Array<{ x: number; y: number; series: string }> = [];
  for (const [k, label] of Object.entries(labels)) {
    sweep.means[k].forEach((y, i) => points.push({ x: widths[i], y, series: `${label} (slope ${sweep.fits[k].slope.toFixed(2)})` }));
  }
  const first = Object.keys(labels)[0];
  const c = sweep.means[first][0] * Math.sqrt(widths[0]);
  for (const m of widths) points.push({ x: m, y: c / Math.sqrt(m), series: 'C/√m (slope −0.5)' });
  const slopes = Object.entries(labels).map(([k, label]) => `${label}: ${sweep.fits[k].slope.toFixed(2)}`);
  return {
    id,
    title,
    x: { label: 'width m', log: true },
    y: { label: 'relative max entrywise error', log: true },
    points,
    references: ['C/√m (slope −0.5)'],
    caption: `Mean over seeds; fitted log-log slopes ${slopes.join(', ')}; theory: −0.5.`,
  };
}

/** The rate criterion shared by claims 1–2: a fitted slope within [−0.8, −0.3] around −1/2. */
export const RATE_WINDOW = { low: -0.8, high: -0.3 } as const;

/**
 * The least ratio max(m)/min(m) a rate is judged over: C/√m halves the error across a factor
 * 4, while over a narrower range the fitted slope is mostly the seeds' noise.
 */
const MIN_WIDTH_SPAN = 4;

/** How the verdicts of claims 1–2 treat a too narrow range of widths (for their criterion text). */
export const SPAN_CRITERION = `undecided when the widths span less than a factor ${MIN_WIDTH_SPAN}`;

/** What would fail a rate verdict of claims 1–2 (for its counter-criterion text). */
export const RATE_COUNTER = `NOT supported if a fitted slope lies outside [${RATE_WINDOW.low}, ${RATE_WINDOW.high}]: e.g. flat (no convergence with width, slope ≈ 0) or a different rate`;

/**
 * The rate verdict of claims 1–2: null (undecided) when the widths span less than
 * MIN_WIDTH_SPAN, else whether every fitted slope lies within RATE_WINDOW.
 */
export function rateVerdict(widths: readonly number[], slopes: readonly number[]): boolean | null {
  if (Math.max(...widths) < MIN_WIDTH_SPAN * Math.min(...widths)) return null;
  return slopes.every((slope) => slope >= RATE_WINDOW.low && slope <= RATE_WINDOW.high);
}
