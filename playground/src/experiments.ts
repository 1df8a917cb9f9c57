/**
 * The claims panel: each of the paper's six checks (`rnn-ntk experiment <name>`) with its
 * parameters as controls (starting from the quick sizes), run in the worker, drawn with the
 * report's plot spec, and its verdict.
 */
import { EXPERIMENT_NAMES, EXPERIMENTS, type ExperimentName, type ExperimentResult } from 'rnn-ntk';
import { experimentCommand, shellLine } from './command.js';
import { lineSpec } from './plots.js';
import { LiveView } from './views.js';

/** Experiment parameter values as the worker and the CLI take them. */
export type ExperimentParams = Record<string, number | number[]>;

/** The experiment named in the URL (`exp=`), or the first. */
export function experimentFromQuery(q: URLSearchParams): ExperimentName {
  const name = q.get('exp');
  return (EXPERIMENT_NAMES as readonly string[]).includes(name ?? '') ? (name as ExperimentName) : EXPERIMENT_NAMES[0];
}

/** The parameter controls of one experiment, filled from the URL (`x.<key>=`) or its quick sizes. */
export function buildExperimentControls(box: HTMLElement, name: ExperimentName, q: URLSearchParams, onChange: () => void): void {
  box.replaceChildren();
  const def = EXPERIMENTS[name];
  for (const spec of def.params) {
    const quick = def.quick[spec.key];
    const input = document.createElement('input');
    input.type = 'text';
    input.id = `x-${spec.key}`;
    input.name = spec.key;
    input.value = q.get(`x.${spec.key}`) ?? (Array.isArray(quick) ? quick.join(',') : String(quick));
    input.addEventListener('change', onChange);
    const label = Object.assign(document.createElement('label'), { htmlFor: input.id, textContent: `${spec.key}: ${spec.description}` });
    const row = document.createElement('div');
    row.className = 'row';
    row.append(label, input);
    box.append(row);
  }
}

/** The values of the experiment controls (the library validates them when the experiment runs). */
export function readExperimentControls(box: HTMLElement, name: ExperimentName): ExperimentParams {
  const out: ExperimentParams = {};
  for (const spec of EXPERIMENTS[name].params) {
    const text = box.querySelector<HTMLInputElement>(`#x-${spec.key}`)!.value;
    out[spec.key] = spec.kind.endsWith('list') ? text.split(',').map((s) => Number(s.trim())) : Number(text);
  }
  return out;
}

/** The experiment's command line. */
export function experimentLine(name: ExperimentName, params: ExperimentParams, seed: number): string {
  return shellLine(experimentCommand(EXPERIMENTS[name], params, seed));
}

/** A verdict's word: supported, not supported, or undecided (null). */
function verdictWord(supported: boolean | null): string {
  return supported === null ? 'undecided' : supported ? 'supported' : 'not supported';
}

/** Draws an experiment's verdict and plots into `out`. */
export async function showExperiment(out: HTMLElement, result: ExperimentResult): Promise<void> {
  const v = result.verdict;
  const verdict = verdictWord(v.supported);
  out.replaceChildren();
  const head = document.createElement('div');
  head.className = `verdict ${verdict.replace(' ', '-')}`;
  head.innerHTML = '<p class="claim"></p><p><strong>verdict: </strong><span class="v"></span></p><p class="measured"></p><p class="predicted"></p><p class="criterion"></p>';
  head.querySelector('.claim')!.textContent = v.claim;
  head.querySelector('.v')!.textContent = `${verdict} (${result.seconds.toFixed(1)} s)`;
  head.querySelector('.measured')!.textContent = `measured: ${v.measured}`;
  head.querySelector('.predicted')!.textContent = `predicted: ${v.predicted}`;
  head.querySelector('.criterion')!.textContent = `criterion: ${v.criterion}${v.notes.length > 0 ? ` — ${v.notes.join(' ')}` : ''}`;
  for (const c of v.contrasts ?? []) {
    // the same criterion on a setting outside the verdict, beside what the theory predicts for it
    const line = Object.assign(document.createElement('p'), { className: 'contrast' });
    line.textContent =
      `contrast — ${c.setting}: ${verdictWord(c.supported)} (theory predicts ${verdictWord(c.expected)}); ${c.measured}`;
    head.append(line);
  }
  out.append(head);
  for (const plot of result.plots) {
    const figure = document.createElement('figure');
    const box = document.createElement('div');
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', plot.title);
    const caption = Object.assign(document.createElement('figcaption'), { textContent: plot.caption });
    figure.append(box, caption);
    out.append(figure);
    const series = [...new Set(plot.points.map((p) => p.series))];
    await new LiveView(box, lineSpec({ ...plot, series })).set(plot.points);
  }
}
