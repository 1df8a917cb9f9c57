/**
 * The shared harness of `npm run bench -- <group> [--json] [--quick]` (bench/main.ts runs every
 * `bench/<group>*.bench.ts`). Each bench file exports `run(ctx: BenchContext)`; the context
 * hands out tinybench instances with the time budget of the chosen mode and prints result rows
 * either as a table or, with `--json`, as one JSON object per line on stdout (notes then go
 * to stderr, so stdout stays machine-readable).
 */
import { Bench, type FnOptions } from 'tinybench';
import type { PeakProbe } from './peak-probe.js';

/** One measurement. `size` is whatever identifies the problem size (e.g. 512 or "512³"). */
export interface BenchRow {
  readonly group: string;
  readonly op: string;
  readonly impl: string;
  readonly size: number | string;
  readonly [extra: string]: unknown;
}

/** Per-measurement budget: minimum iterations and time (ms), as tinybench counts them. */
export interface Budget {
  readonly iterations?: number;
  readonly time?: number;
}

/**
 * A budget plus untimed hooks: `beforeEach` before every iteration (e.g. to restore an input
 * overwritten in place), `beforeRun` and `afterRun` once just before the first and just after
 * the last timed iteration (the warm-up iterations come before both).
 */
export interface MeasureOptions extends Budget {
  readonly beforeEach?: () => void;
  readonly beforeRun?: () => void;
  readonly afterRun?: () => void;
}

/** What `run(ctx)` of a bench file receives. */
export interface BenchContext {
  /** The group named on the command line (e.g. 'linalg', 'kernel'). */
  readonly group: string;
  /** `--quick`: small budgets (a smoke run, not numbers to publish). */
  readonly quick: boolean;
  /** `--json`: rows as JSON lines on stdout. */
  readonly json: boolean;
  /** A tinybench Bench with this mode's time budget (override per call). */
  bench(budget?: Budget): Bench;
  /** Runs `fn` under this mode's budget (and its `beforeEach`, untimed) and returns its median time in ms. */
  medianMs(name: string, fn: () => unknown, opts?: MeasureOptions): number;
  /** Prints rows: a table, or one JSON object per line with `--json`. */
  report(rows: readonly BenchRow[]): void;
  /** Prints a free-text line (stdout for tables, stderr with `--json`). */
  note(text: string): void;
}

/** The shape of a `bench/*.bench.ts` module. */
export interface BenchModule {
  run(ctx: BenchContext): void | Promise<void>;
}

/** Formats a table cell: numbers to 4 significant digits, everything else as text. */
function cell(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  return v === undefined ? '' : String(v);
}

/** Prints rows as an aligned text table with the union of their keys as columns. */
function printTable(rows: readonly BenchRow[]): void {
  if (rows.length === 0) return;
  const cols: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  const cells = rows.map((r) => cols.map((c) => cell(r[c])));
  const width = cols.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j].length)));
  const line = (vals: string[]) => vals.map((v, j) => v.padStart(width[j])).join('  ');
  console.log(line(cols));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(line(row));
}

/** The context for one group, in table or JSON mode, quick or full. */
export function createContext(group: string, opts: { json: boolean; quick: boolean }): BenchContext {
  const defaults = opts.quick
    ? { iterations: 2, time: 150, warmupIterations: 1, warmupTime: 30 }
    : { iterations: 5, time: 1000, warmupIterations: 2, warmupTime: 200 };
  const bench = (budget: Budget = {}) => new Bench({ ...defaults, ...budget, throws: true });
  return {
    group,
    quick: opts.quick,
    json: opts.json,
    bench,
    medianMs(name, fn, opts = {}) {
      const { beforeEach, beforeRun, afterRun, ...budget } = opts;
      const b = bench(budget);
      const hooks: FnOptions = {
        beforeAll: (mode) => void (mode === 'run' && beforeRun?.()),
        afterAll: (mode) => void (mode === 'run' && afterRun?.()),
      };
      if (beforeEach !== undefined) hooks.beforeEach = () => beforeEach();
      b.add(name, fn, hooks);
      const [task] = b.runSync();
      const result = task.result;
      if (!('latency' in result)) throw new Error(`benchmark ${name} did not complete (${result.state})`);
      return result.latency.p50;
    },
    report(rows) {
      if (opts.json) for (const r of rows) console.log(JSON.stringify(r));
      else printTable(rows);
    },
    note(text) {
      if (opts.json) console.error(text);
      else console.log(text);
    },
  };
}

/** The median of a non-empty list (the mean of the middle two for an even length). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** One timed sample of an op: its time (ms) and the larger of the peak readings just before and just after it (GFLOP/s). */
export interface Sample {
  readonly ms: number;
  readonly peakGflops: number;
}

/**
 * One sample of `fn`: `ctx.medianMs(name, fn, opts)` with a reading of `probe` just before
 * and one just after its timed iterations. The larger reading is kept, so that a reading
 * slowed by the host can only lower the percentage of peak it rates, never inflate it.
 */
export function probedSample(ctx: BenchContext, probe: PeakProbe, name: string, fn: () => unknown, opts: MeasureOptions = {}): Sample {
  const readings: number[] = [];
  const read = (): void => void readings.push(probe.read());
  const ms = ctx.medianMs(name, fn, { ...opts, beforeRun: read, afterRun: read });
  return { ms, peakGflops: Math.max(...readings) };
}

/** A row's numbers from its samples; gflops and pctPeak are undefined for an op without a flop count. */
export interface Rated {
  readonly medianMs: number;
  readonly gflops: number | undefined;
  readonly pctPeak: number | undefined;
}

/**
 * Rates the samples of one op of `flops` flops on `threads` threads: medianMs is the median
 * sample time and gflops = flops / medianMs; pctPeak is the median over samples of each
 * sample's own ratio 100 · (flops / its time) / (threads × its peak), so every sample is rated
 * against the host's speed at the moment it ran.
 */
export function rate(samples: readonly Sample[], flops: number | undefined, threads = 1): Rated {
  const medianMs = median(samples.map((s) => s.ms));
  if (flops === undefined) return { medianMs, gflops: undefined, pctPeak: undefined };
  const pct = samples.map((s) => (100 * flops) / s.ms / 1e6 / (threads * s.peakGflops));
  return { medianMs, gflops: flops / medianMs / 1e6, pctPeak: median(pct) };
}
