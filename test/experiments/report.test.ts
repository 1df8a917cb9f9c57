/** The report's pieces: CSV quoting, HTML escaping and verdict labels, and the vega-lite spec of a plot. */
import { describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../src/experiments/result.js';
import { toCsv } from '../../src/report/csv.js';
import { renderReportHtml } from '../../src/report/html.js';
import { plotSpec } from '../../src/report/plot-spec.js';
import { plotToSvg } from '../../src/report/plot.js';
import { summaryText } from '../../src/report/summary.js';

const result = (supported: boolean | null): ExperimentResult => ({
  name: 'backward-decay',
  title: 'A <title> & more',
  params: { L: 3 },
  tables: { t: [{ a: 1, b: 'x,"y"' }, { a: 0.123456789, c: 'z' }] },
  plots: [
    {
      id: 'p',
      title: 'plot',
      x: { label: 'm', log: true },
      y: { label: 'error', log: false },
      points: [{ x: 1, y: 2, series: 's' }, { x: 10, y: 1, series: 's' }, { x: 1, y: 3, series: 'ref' }, { x: 10, y: 0.3, series: 'ref' }],
      references: ['ref'],
      caption: 'cap',
    },
  ],
  verdict: { claim: 'c <script>', measured: 'm', predicted: 'p', criterion: 'k', counterCriterion: 'kk', figures: {}, supported, notes: ['n1'] },
  seconds: 0.5,
});

describe('report', () => {
  it('writes RFC 4180 CSV with the union of keys', () => {
    expect(toCsv(result(true).tables.t)).toBe('a,b,c\n1,"x,""y""",\n0.123456789,,z\n');
    // RFC 4180: fields with a line break (CR or LF) are quoted too
    expect(toCsv([{ a: 'one\r\ntwo', b: 'x\ny' }])).toBe('a,b\n"one\r\ntwo","x\ny"\n');
  });

  it('escapes every text and labels verdicts from `supported`', () => {
    const html = renderReportHtml({ title: 'T', subtitle: 'S', generatedAt: 'now' }, [result(true), result(false), result(null)], [[], [], []]);
    expect(html).not.toMatch(/<script>|<title> &/);
    expect(html).toContain('c &lt;script&gt;');
    expect([...html.matchAll(/<td class="v (\w+)">([^<]+)</g)].map((m) => [m[1], m[2]])).toEqual([
      ['yes', 'supported'],
      ['no', 'NOT supported'],
      ['na', 'undecided'],
    ]);
    expect(html).toContain('1 of 3 claims supported');
    // each verdict is shown with its criterion and the counter-criterion that would have failed it
    expect(html.match(/would fail if:<\/b> kk/g)).toHaveLength(3);
    expect(html.match(/Counter-criterion<\/b>/g)).toHaveLength(3);
    expect(summaryText([result(false)])).toMatch(/^\[NOT supported\] A <title> & more/);
  });

  it('shows each contrast with its verdict under the claim\'s criterion and what the theory predicts', () => {
    const base = result(true);
    const contrasts = [{ key: 'sub', setting: 'contrast: vW <1.5>', expected: false, supported: false, measured: 'grew e^{0.05L}', figures: {} }];
    const r = { ...base, verdict: { ...base.verdict, contrasts } };
    const html = renderReportHtml({ title: 'T', subtitle: 'S', generatedAt: 'now' }, [r], [[]]);
    // in the claims table (beside the claim's own verdict cell, which stays the only td.v) and in the claim's section
    expect([...html.matchAll(/<td class="v (\w+)">/g)]).toHaveLength(1);
    const line = 'contrast: vW &lt;1.5&gt;: <span class="no">NOT supported</span> <small>(theory predicts NOT supported)</small>';
    expect(html.split(line)).toHaveLength(3);
    expect(html).toContain('grew e^{0.05L}');
    expect(summaryText([r])).toContain('setting:   contrast: vW <1.5>: NOT supported (theory predicts NOT supported) — grew e^{0.05L}');
  });

  it('plots measured series as lines with points and references dashed, on the requested scales', async () => {
    const spec = plotSpec(result(true).plots[0]) as any;
    expect(spec.layer[0].encoding.x.scale.type).toBe('log');
    expect(spec.layer[0].encoding.y.scale.type).toBeUndefined();
    expect(spec.layer[1].mark.strokeDash).toEqual([6, 4]);
    expect(spec.layer[1].transform[0].filter).toEqual({ field: 'series', oneOf: ['ref'] });
    const svg = await plotToSvg(result(true).plots[0]);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('stroke-dasharray="6,4"');
  });
});
