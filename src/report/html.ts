/**
 * The self-contained report page: one HTML file with inline CSS and inline SVG plots (no
 * scripts, no network), a table of the claims with the verdicts computed by the
 * experiments, and each experiment's parameters and plots.
 */
import type { ContrastVerdict, ExperimentResult, Row, Verdict } from '../experiments/result.js';
import { columnsOf } from './csv.js';

/** Escapes text for HTML element content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The word for a verdict, as shown in the report and on the terminal. */
export function verdictLabel(v: Pick<Verdict, 'supported'>): string {
  if (v.supported === null) return 'undecided';
  return v.supported ? 'supported' : 'NOT supported';
}

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;margin:1em 0} th,td{border:1px solid #ccc;padding:.45em .6em;vertical-align:top;text-align:left}
th{background:#f4f4f4} td.v{font-weight:600;white-space:nowrap} .yes{color:#126b21} .no{color:#b00020} .na{color:#8a6d00}
.plots{display:flex;flex-direction:column;gap:1.6em} figure{margin:0} figure svg{max-width:100%;height:auto} figcaption{font-size:.95em;color:#333;max-width:760px}
.criteria{margin:.6em 0;padding:.6em .9em;background:#f8f8f8;border-left:4px solid #bbb} .criteria p{margin:.3em 0}
code,pre{font:13px ui-monospace,Menlo,Consolas,monospace;background:#f6f6f6} pre{padding:.6em;overflow:auto}
.notes{font-size:.92em;color:#444} small{color:#666}
table.data{width:auto;font-size:.85em} table.data td{font-family:ui-monospace,Menlo,Consolas,monospace;text-align:right}`;

/** The CSS class of a verdict's label (green, red, amber). */
function verdictClass(v: Pick<Verdict, 'supported'>): string {
  return v.supported === null ? 'na' : v.supported ? 'yes' : 'no';
}

function verdictCell(v: Verdict): string {
  return `<td class="v ${verdictClass(v)}">${escapeHtml(verdictLabel(v))}</td>`;
}

/** One line per contrast: its setting, what the criterion said and what the theory predicts. */
function contrastLine(c: ContrastVerdict): string {
  return (
    `${escapeHtml(c.setting)}: <span class="${verdictClass(c)}">${escapeHtml(verdictLabel(c))}</span> ` +
    `<small>(theory predicts ${escapeHtml(verdictLabel({ supported: c.expected }))})</small>`
  );
}

/** The contrast block of a section: each setting with its verdict under the same criterion and what was measured. */
function contrastBlock(contrasts: readonly ContrastVerdict[]): string {
  const items = contrasts.map((c) => `<li><b>${contrastLine(c)}</b><br>${escapeHtml(c.measured)}</li>`).join('');
  return `<div class="criteria"><p><b>Contrast</b> — the same criterion applied to settings outside the verdict:</p><ul>${items}</ul></div>`;
}

function summaryTable(results: readonly ExperimentResult[]): string {
  const rows = results
    .map(
      (r) =>
        `<tr><td><a href="#${r.name}">${escapeHtml(r.title)}</a><br><small>${escapeHtml(r.verdict.claim)}</small></td>` +
        `<td>${escapeHtml(r.verdict.measured)}${(r.verdict.contrasts ?? []).map((c) => `<br><small>${contrastLine(c)}</small>`).join('')}</td>` +
        `<td>${escapeHtml(r.verdict.predicted)}</td>` +
        `<td>${escapeHtml(r.verdict.criterion)}<br><small><b>would fail if:</b> ${escapeHtml(r.verdict.counterCriterion)}</small></td>${verdictCell(r.verdict)}</tr>`,
    )
    .join('\n');
  return (
    '<table><thead><tr><th>claim</th><th>measured</th><th>theory predicts</th><th>criterion</th><th>verdict</th></tr></thead>' +
    `<tbody>${rows}</tbody></table>`
  );
}

/** A number as shown in the measurement tables: 4 significant digits, integers as they are. */
function cell(v: number | string | undefined): string {
  if (typeof v !== 'number') return escapeHtml(v ?? '');
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}

/** A measurement table (the CSV's content), collapsed under its name. */
function dataTable(name: string, rows: readonly Row[]): string {
  const keys = columnsOf(rows);
  const head = keys.map((k) => `<th>${escapeHtml(k)}</th>`).join('');
  const body = rows.map((r) => `<tr>${keys.map((k) => `<td>${cell(r[k])}</td>`).join('')}</tr>`).join('');
  return `<details><summary>table: ${escapeHtml(name)} (${rows.length} rows)</summary><table class="data"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></details>`;
}

function section(r: ExperimentResult, svgs: readonly string[]): string {
  const figures = r.plots
    .map((p, i) => `<figure>${svgs[i] ?? ''}<figcaption>${escapeHtml(p.caption)}</figcaption></figure>`)
    .join('\n');
  const notes = r.verdict.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('');
  return (
    `<h2 id="${r.name}">${escapeHtml(r.title)} <small>(${r.name}, ${r.seconds.toFixed(1)} s)</small></h2>` +
    `<p><b>Claim.</b> ${escapeHtml(r.verdict.claim)}</p>` +
    `<div class="criteria"><p><b>Verdict: <span class="${verdictClass(r.verdict)}">${escapeHtml(verdictLabel(r.verdict))}</span></b></p>` +
    `<p><b>Measured.</b> ${escapeHtml(r.verdict.measured)}</p>` +
    `<p><b>Criterion.</b> ${escapeHtml(r.verdict.criterion)}</p>` +
    `<p><b>Counter-criterion</b> (what would have made it NOT supported). ${escapeHtml(r.verdict.counterCriterion)}</p></div>` +
    (r.verdict.contrasts ? contrastBlock(r.verdict.contrasts) : '') +
    (notes ? `<ul class="notes">${notes}</ul>` : '') +
    `<div class="plots">${figures}</div>` +
    Object.entries(r.tables).map(([name, rows]) => dataTable(name, rows)).join('') +
    `<details><summary>parameters</summary><pre>${escapeHtml(JSON.stringify(r.params, null, 2))}</pre></details>`
  );
}

/** Page metadata shown in the header. */
export interface ReportInfo {
  readonly title: string;
  /** e.g. the command line and the seed. */
  readonly subtitle: string;
  readonly generatedAt: string;
}

/**
 * The report page. `svgs[k][i]` is the SVG of plot i of result k (rendered by plot.ts).
 * Every sentence about a claim comes from the results' verdicts; nothing is written by hand.
 */
export function renderReportHtml(info: ReportInfo, results: readonly ExperimentResult[], svgs: readonly string[][]): string {
  const supported = results.filter((r) => r.verdict.supported === true).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(info.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(info.title)}</h1>
<p>${escapeHtml(info.subtitle)}<br><small>generated ${escapeHtml(info.generatedAt)}</small></p>
<p>${supported} of ${results.length} claims supported by the measurements at the sizes run. Each verdict applies the stated
criterion to the measured numbers; bound proxies set all hidden constants to 1 and are not certified numbers.</p>
${summaryTable(results)}
${results.map((r, k) => section(r, svgs[k] ?? [])).join('\n')}
</body></html>
`;
}
