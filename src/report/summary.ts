/** The terminal summary of experiment results: the same verdicts as the report's table. */
import type { ExperimentResult } from '../experiments/result.js';
import { verdictLabel } from './html.js';

/** Wraps `text` to `width` columns with `indent` spaces on continuation lines. */
function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line.length > 0 && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line.length > 0 ? `${line} ${w}` : w;
  }
  if (line.length > 0) lines.push(line);
  return lines.join(`\n${indent}`);
}

/** A plain-text summary: one block per claim with measured, predicted, criterion, verdict and contrasts. */
export function summaryText(results: readonly ExperimentResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    const v = r.verdict;
    out.push(`[${verdictLabel(v)}] ${r.title} (${r.name}, ${r.seconds.toFixed(1)} s)`);
    out.push(`    measured:  ${wrap(v.measured, 88, '               ')}`);
    out.push(`    predicted: ${wrap(v.predicted, 88, '               ')}`);
    out.push(`    criterion: ${wrap(v.criterion, 88, '               ')}`);
    out.push(`    fails if:  ${wrap(v.counterCriterion, 88, '               ')}`);
    for (const c of v.contrasts ?? []) {
      const line = `${c.setting}: ${verdictLabel(c)} (theory predicts ${verdictLabel({ supported: c.expected })}) — ${c.measured}`;
      out.push(`    setting:   ${wrap(line, 88, '               ')}`);
    }
    for (const n of v.notes) out.push(`    note:      ${wrap(n, 88, '               ')}`);
  }
  const supported = results.filter((r) => r.verdict.supported === true).length;
  out.push(`${supported} of ${results.length} claims supported at the sizes run.`);
  return out.join('\n');
}
