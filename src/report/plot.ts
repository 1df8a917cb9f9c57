/**
 * Plots as SVG, rendered headlessly by vega-lite + vega (no canvas, no browser). Used only by
 * the CLI and the report: the library itself never imports vega.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { PlotData } from '../experiments/result.js';
import { plotSpec } from './plot-spec.js';

/** Renders a plot to a standalone SVG string. */
export async function plotToSvg(plot: PlotData): Promise<string> {
  const view = new vega.View(vega.parse(compile(plotSpec(plot)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
