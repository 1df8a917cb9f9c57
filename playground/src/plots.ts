/**
 * The vega-lite specs of the playground's views. Line plots are the report's own spec
 * (`plotSpec` of `rnn-ntk/report`, the same one `rnn-ntk demo` renders to SVG) with the data
 * named so that a view can be updated in place; the heat map and the scatter have no report
 * counterpart and are defined here.
 */
import type { PlotData } from 'rnn-ntk';
import type { TopLevelSpec } from 'vega-lite';
// The report's plot specs: the package's `rnn-ntk/report` subpath (vega-lite types, outside the root API).
import { plotSpec } from 'rnn-ntk/report';

/** The name of the data set every view is fed through (`view.data(DATA, rows)`). */
export const DATA = 'rows';

/** A line plot (measured series solid, references dashed) whose points come later through DATA. */
export function lineSpec(plot: Omit<PlotData, 'points'> & { readonly series: readonly string[] }): TopLevelSpec {
  // plotSpec takes its colour domain from the points: give it one point per series, then name the data
  const { series, ...rest } = plot;
  const seeded = plotSpec({ ...rest, points: series.map((name) => ({ x: 1, y: 1, series: name })) });
  return { ...seeded, data: { name: DATA } } as TopLevelSpec;
}

/**
 * A heat map: the matrix as one image (heat-image.ts) spanning [0, n] on both axes, sequence i
 * downwards, with a viridis legend from the value range.
 */
export function heatSpec(title: string, size = 300): TopLevelSpec {
  const axis = (field: 'x' | 'y', label: string) => ({
    field, type: 'quantitative', title: label, scale: { zero: true, nice: false, ...(field === 'y' ? { reverse: true } : {}) },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, fontSize: 13, anchor: 'start' },
    width: size,
    height: size,
    background: 'white',
    padding: 8,
    data: { name: DATA },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'image'" }],
        mark: { type: 'image', width: size, height: size, aspect: false, align: 'left', baseline: 'top', smooth: false },
        encoding: { x: axis('x', 'sequence j'), y: axis('y', 'sequence i'), url: { field: 'url', type: 'nominal' } },
      },
      {
        transform: [{ filter: "datum.kind === 'range'" }],
        mark: { type: 'point', opacity: 0 },
        encoding: { x: axis('x', 'sequence j'), y: axis('y', 'sequence i'), color: { field: 'v', type: 'quantitative', title: null, scale: { scheme: 'viridis' } } },
      },
    ],
  } as TopLevelSpec;
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
