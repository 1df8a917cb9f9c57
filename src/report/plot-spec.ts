/**
 * The vega-lite spec of a plot (pure data: nothing is rendered here, and vega-lite is imported
 * for its types only). The report renders it to SVG (src/report/plot.ts); the playground draws
 * it in the page. Published as the `rnn-ntk/report` subpath, outside the library's root API.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PlotData } from '../experiments/result.js';

/** A fixed palette so that colours are stable across runs and readable in print. */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#17becf', '#7f7f7f'];

/** Log-axis tick labels: plain numbers between 0.001 and 10^4, powers like 1e-8 outside. */
const LOG_LABEL =
  "datum.value >= 0.001 && datum.value < 10000 ? format(datum.value, '~g') : replace(format(datum.value, '.0e'), 'e+', 'e')";

/** The vega-lite spec of a plot: measured series as lines with points, references dashed. */
export function plotSpec(plot: PlotData): TopLevelSpec {
  const series = [...new Set(plot.points.map((p) => p.series))];
  const axis = (a: PlotData['x'], field: 'x' | 'y') => ({
    field,
    type: 'quantitative' as const,
    title: a.label,
    scale: a.log ? { type: 'log' as const, nice: false } : { zero: false, nice: true },
    axis: { grid: true, gridOpacity: 0.35, labelFontSize: 14, titleFontSize: 15, ...(a.log ? { labelExpr: LOG_LABEL, tickCount: 6, labelOverlap: 'greedy' as const } : {}) },
  });
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain: series, range: PALETTE.slice(0, Math.max(1, series.length)) },
    legend: { orient: 'bottom' as const, direction: 'vertical' as const, labelFontSize: 14, labelLimit: 660, symbolStrokeWidth: 2.5, symbolSize: 120 },
  };
  const isReference = { field: 'series', oneOf: [...plot.references] };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: plot.title, fontSize: 16, anchor: 'start', limit: 680 },
    width: 640,
    height: 380,
    background: 'white',
    padding: 8,
    data: { values: plot.points.map((p) => ({ ...p })) },
    layer: [
      {
        transform: [{ filter: { not: isReference } }],
        mark: { type: 'line', point: { filled: true, size: 60 }, strokeWidth: 2.5 },
        encoding: { x: axis(plot.x, 'x'), y: axis(plot.y, 'y'), color, detail: { field: 'series' } },
      },
      {
        transform: [{ filter: isReference }],
        mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 2.2 },
        encoding: { x: axis(plot.x, 'x'), y: axis(plot.y, 'y'), color },
      },
    ],
  } as TopLevelSpec;
}
