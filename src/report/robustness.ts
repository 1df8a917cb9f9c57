/**
 * The robustness table of `rnn-ntk claims`: the verdict of every claim at every seed, how many
 * seeds support it (a claim supported at fewer than ROBUST_FRACTION of them is flagged), and
 * the figures each criterion judged, per seed — as Markdown (pasted verbatim into
 * docs/experiments.md) and as CSV rows.
 */
import type { ExperimentResult, Row, Verdict } from '../experiments/result.js';
import { verdictLabel } from './html.js';

/** A claim counts as robust when supported at ≥ 7 of 8 seeds (this fraction of those run). */
export const ROBUST_FRACTION = 7 / 8;

/** The demo's results at one seed. */
export interface SeedRun {
  readonly seed: number;
  readonly results: readonly ExperimentResult[];
}

/** Header facts of the table. */
export interface RobustnessInfo {
  /** The command that generated it. */
  readonly command: string;
  /** ISO date and time of the run. */
  readonly generatedAt: string;
  /** Wall time and threads, e.g. "412 s on 2 threads". */
  readonly how: string;
}

const SYMBOL = (v: Verdict) => (v.supported === null ? '?' : v.supported ? '✔' : '✘');

/** A figure as the table shows it: 3 significant digits. */
function figure(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : String(v);
}

/** One row per (claim, seed): verdict and figures (the CSV). */
export function robustnessRows(runs: readonly SeedRun[]): Row[] {
  return runs.flatMap((run) =>
    run.results.map((r) => ({ claim: r.name, seed: run.seed, verdict: verdictLabel(r.verdict), ...r.verdict.figures })),
  );
}

/** How many seeds support each claim, in the order of the first run. */
export function supportCounts(runs: readonly SeedRun[]): Array<{ name: string; supported: number; total: number; robust: boolean }> {
  const names = runs[0]?.results.map((r) => r.name) ?? [];
  return names.map((name) => {
    const verdicts = runs.map((run) => run.results.find((r) => r.name === name)!.verdict);
    const supported = verdicts.filter((v) => v.supported === true).length;
    return { name, supported, total: runs.length, robust: supported >= ROBUST_FRACTION * runs.length };
  });
}

/** The Markdown table: a verdict grid (claims × seeds) with counts, then each claim's figures per seed. */
export function robustnessMarkdown(runs: readonly SeedRun[], info: RobustnessInfo): string {
  const seeds = runs.map((r) => r.seed);
  const counts = supportCounts(runs);
  const out: string[] = [];
  out.push(`Generated ${info.generatedAt} by \`${info.command}\` (${info.how}). ✔ supported, ✘ NOT supported, ? undecided.`);
  out.push('');
  out.push(`| claim | ${seeds.map((s) => `seed ${s}`).join(' | ')} | supported |`);
  out.push(`|---|${seeds.map(() => ':-:').join('|')}|---|`);
  for (const c of counts) {
    const cells = runs.map((run) => SYMBOL(run.results.find((r) => r.name === c.name)!.verdict));
    const flag = c.robust ? '' : ` — **fewer than ${Math.ceil(ROBUST_FRACTION * c.total)} of ${c.total}**`;
    out.push(`| \`${c.name}\` | ${cells.join(' | ')} | ${c.supported}/${c.total}${flag} |`);
  }
  for (const c of counts) {
    const figures = runs.map((run) => run.results.find((r) => r.name === c.name)!.verdict.figures);
    const keys = [...new Set(figures.flatMap((f) => Object.keys(f)))];
    if (keys.length === 0) continue;
    out.push('');
    out.push(`\`${c.name}\` — figures the criterion judged:`);
    out.push('');
    out.push(`| seed | verdict | ${keys.join(' | ')} |`);
    out.push(`|---|---|${keys.map(() => '--:').join('|')}|`);
    runs.forEach((run, k) => {
      const v = run.results.find((r) => r.name === c.name)!.verdict;
      out.push(`| ${run.seed} | ${verdictLabel(v)} | ${keys.map((key) => (figures[k][key] === undefined ? '' : figure(figures[k][key]))).join(' | ')} |`);
    });
  }
  return out.join('\n') + '\n';
}
