/**
 * The robustness table of `rnn-ntk claims`: the verdict of every claim at every seed, how many
 * seeds support it (a claim supported at fewer than ROBUST_FRACTION of them is flagged), the
 * contrasts judged by a claim's criterion (how many seeds gave the outcome the theory predicts),
 * and the figures each criterion judged, per seed — as Markdown (pasted verbatim into
 * docs/experiments.md) and as CSV rows.
 */
import type { ContrastVerdict, ExperimentResult, Row, Verdict } from '../experiments/result.js';
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

const SYMBOL = (v: Pick<Verdict, 'supported'>) => (v.supported === null ? '?' : v.supported ? '✔' : '✘');

/** A figure as the table shows it: 3 significant digits. */
function figure(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : String(v);
}

/** One row per (claim or `<claim>/<contrast>`, seed): verdict and figures (the CSV). */
export function robustnessRows(runs: readonly SeedRun[]): Row[] {
  return runs.flatMap((run) =>
    run.results.flatMap((r) => [
      { claim: r.name, seed: run.seed, verdict: verdictLabel(r.verdict), ...r.verdict.figures },
      ...(r.verdict.contrasts ?? []).map((c) => ({ claim: `${r.name}/${c.key}`, seed: run.seed, verdict: verdictLabel(c), ...c.figures })),
    ]),
  );
}

/** The contrast `key` of claim `name` at every seed, in run order. */
function contrastAcross(runs: readonly SeedRun[], name: string, key: string): ContrastVerdict[] {
  return runs.map((run) => run.results.find((r) => r.name === name)!.verdict.contrasts!.find((c) => c.key === key)!);
}

/** The per-seed figures table of one claim or contrast (nothing when it judged no figures). */
function figuresTable(title: string, seeds: readonly number[], verdicts: ReadonlyArray<Pick<Verdict, 'supported' | 'figures'>>): string[] {
  const keys = [...new Set(verdicts.flatMap((v) => Object.keys(v.figures)))];
  if (keys.length === 0) return [];
  return [
    '',
    `${title} — figures the criterion judged:`,
    '',
    `| seed | verdict | ${keys.join(' | ')} |`,
    `|---|---|${keys.map(() => '--:').join('|')}|`,
    ...verdicts.map((v, k) => `| ${seeds[k]} | ${verdictLabel(v)} | ${keys.map((key) => (v.figures[key] === undefined ? '' : figure(v.figures[key]))).join(' | ')} |`),
  ];
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

/** The Markdown table: a verdict grid (claims × seeds) with counts, the contrasts' grid, then the figures per seed of each claim and contrast. */
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
  const contrasts = (runs[0]?.results ?? []).flatMap((r) => (r.verdict.contrasts ?? []).map((c) => ({ name: r.name, c })));
  if (contrasts.length > 0) {
    out.push('');
    out.push("Contrasts, judged by their claim's criterion outside its verdict:");
    out.push('');
    out.push(`| claim: setting | ${seeds.map((s) => `seed ${s}`).join(' | ')} | as the theory predicts |`);
    out.push(`|---|${seeds.map(() => ':-:').join('|')}|---|`);
    for (const { name, c } of contrasts) {
      const across = contrastAcross(runs, name, c.key);
      const agree = across.filter((v) => v.supported === v.expected).length;
      out.push(`| \`${name}\`: ${c.setting} | ${across.map(SYMBOL).join(' | ')} | ${agree}/${runs.length} (${verdictLabel({ supported: c.expected })}) |`);
    }
  }
  for (const c of counts) {
    out.push(...figuresTable(`\`${c.name}\``, seeds, runs.map((run) => run.results.find((r) => r.name === c.name)!.verdict)));
  }
  for (const { name, c } of contrasts) out.push(...figuresTable(`\`${name}\` ${c.setting}`, seeds, contrastAcross(runs, name, c.key)));
  return out.join('\n') + '\n';
}
