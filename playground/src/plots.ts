/**
 * The vega-lite specs of the playground's views. Line plots are the report's own spec
 * (`plotSpec` of src/report/plot.ts, the same one `rnn-ntk demo` renders to SVG) with the data
 * named so that a view can be updated in place; the heat map and the scatter have no report
 * counterpart and are defined here.
 */
import type { PlotData } from 'rnn-ntk';
import type { TopLevelSpec } from 'vega-lite';
// The report's presentation layer (it imports vega-lite, so it is not part of the library's root API).
import { plotSpec } from '../../src/report/plot.js';
import type { BlockMeans } from './compute.js';

/** The name of the data set every view is fed through (`view.data(DATA, rows)`). */
export const DATA = 'rows';

/** A line plot (measured series solid, references dashed) whose points come later through DATA. */
export function lineSpec(plot: Omit<PlotData, 'points'> & { readonly series: readonly string[] }): TopLevelSpec {
  // plotSpec takes its colour domain from the points: give it one point per series, then name the data
  const { series, ...rest } = plot;
  const seeded = plotSpec({ ...rest, points: series.map((name) => ({ x: 1, y: 1, series: name })) });
  return { ...seeded, data: { name: DATA } } as TopLevelSpec;
}

/** A heat map of block means: one rect per block, coloured by value (viridis). */
export function heatSpec(title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, fontSize: 13, anchor: 'start' },
    width: 300,
    height: 300,
    background: 'white',
    padding: 8,
    data: { name: DATA },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'j0', type: 'quantitative', title: 'sequence j', scale: { zero: true, nice: false } },
      x2: { field: 'j1' },
      y: { field: 'i0', type: 'quantitative', title: 'sequence i', scale: { reverse: true, zero: true, nice: false } },
      y2: { field: 'i1' },
      color: { field: 'v', type: 'quantitative', title: null, scale: { scheme: 'viridis' } },
      tooltip: [{ field: 'i0', title: 'rows from' }, { field: 'j0', title: 'columns from' }, { field: 'v', title: 'mean', format: '.5g' }],
    },
  } as TopLevelSpec;
}

/** The rows of a heat map: one per block, with its index ranges and mean. */
export function heatRows(b: BlockMeans): Array<Record<string, number>> {
  const rows: Array<Record<string, number>> = [];
  for (let i = 0; i < b.side; i++) {
    for (let j = 0; j < b.side; j++) {
      rows.push({ i0: i * b.block, i1: Math.min(b.n, (i + 1) * b.block), j0: j * b.block, j1: Math.min(b.n, (j + 1) * b.block), v: b.values[i * b.side + j] });
    }
  }
  return rows;
}

/** f(x) of the trained network against F*(x) on the held-out set, coloured by whether sign f = y. */
export function scatterSpec(): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'trained network f(x) against the target F*(x), held-out set', fontSize: 13, anchor: 'start' },
    width: 420,
    height: 260,
    background: 'white',
    padding: 8,
    data: { name: DATA },
    layer: [
      {
        mark: { type: 'rule', strokeDash: [4, 4], color: '#999' },
        encoding: { y: { datum: 0, type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, size: 28, opacity: 0.75 },
        encoding: {
          x: { field: 'fstar', type: 'quantitative', title: 'F*(x)', scale: { zero: false } },
          y: { field: 'f', type: 'quantitative', title: 'f(x) = Bᵀh_L', scale: { zero: false } },
          color: {
            field: 'outcome', type: 'nominal', title: null,
            scale: { domain: ['sign f = y', 'misclassified'], range: ['#1f77b4', '#d62728'] },
            legend: { orient: 'bottom', direction: 'horizontal' },
          },
        },
      },
    ],
  } as TopLevelSpec;
}
