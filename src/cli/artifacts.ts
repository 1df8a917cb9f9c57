/**
 * Writes what an experiment produced: its result as JSON, each table as CSV, each plot as SVG,
 * and (for several experiments) the self-contained report page.
 */
import { join } from 'node:path';
import type { ExperimentResult } from '../experiments/result.js';
import { toCsv } from '../report/csv.js';
import { renderReportHtml, type ReportInfo } from '../report/html.js';
import { UsageError } from './errors.js';
import { writeFile } from './files.js';
import { toJson } from './io.js';

/** The files written for one experiment, and its plots' SVG (reused by the report). */
export interface ExperimentArtifacts {
  readonly files: string[];
  readonly svgs: string[];
}

/**
 * The SVG renderer, loaded on first use: vega and vega-lite are optional dependencies that only
 * the experiments need, so the other commands start fast and work without them.
 */
async function loadPlotter(): Promise<typeof import('../report/plot.js')> {
  try {
    return await import('../report/plot.js');
  } catch (err) {
    throw new UsageError(
      `plots need the optional dependencies vega and vega-lite, which could not be loaded (${(err as Error).message}); install them with npm install vega vega-lite`,
    );
  }
}

/** Writes `<dir>/<name>.json`, `<dir>/<name>-<table>.csv` and `<dir>/<name>-<plot>.svg`. */
export async function writeExperimentArtifacts(dir: string, result: ExperimentResult): Promise<ExperimentArtifacts> {
  const files: string[] = [];
  const json = join(dir, `${result.name}.json`);
  writeFile(json, toJson(result, 1));
  files.push(json);
  for (const [table, rows] of Object.entries(result.tables)) {
    const path = join(dir, `${result.name}-${table}.csv`);
    writeFile(path, toCsv(rows));
    files.push(path);
  }
  const svgs: string[] = [];
  const { plotToSvg } = await loadPlotter();
  for (const plot of result.plots) {
    const svg = await plotToSvg(plot);
    const path = join(dir, `${result.name}-${plot.id}.svg`);
    writeFile(path, svg);
    files.push(path);
    svgs.push(svg);
  }
  return { files, svgs };
}

/** Writes `<dir>/index.html`, the report page over `results`; returns its path. */
export function writeReportPage(dir: string, info: ReportInfo, results: readonly ExperimentResult[], svgs: readonly string[][]): string {
  const path = join(dir, 'index.html');
  writeFile(path, renderReportHtml(info, results, svgs));
  return path;
}
