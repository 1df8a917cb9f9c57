/**
 * The playground page: controls → URL → worker jobs → views. The page itself only draws: every
 * number comes from the worker. The last results, timings and the phase are published on
 * `window.playground` (the browser test reads them and compares with Node).
 */
import { EXPERIMENT_NAMES, EXPERIMENTS, type ExperimentName } from 'rnn-ntk';
import { CancelledError, WorkerClient } from './client.js';
import { commandsOf, shellLine } from './command.js';
import type { BackwardPoint, BlockMeans } from './compute.js';
import { buildControls, readControls } from './controls.js';
import { buildExperimentControls, experimentFromQuery, experimentLine, readExperimentControls, showExperiment } from './experiments.js';
import { paramsFromQuery, queryOf, type PlaygroundParams } from './params.js';
import { heatRows } from './heat-image.js';
import { heatSpec, lineSpec, scatterSpec } from './plots.js';
import type { PlaygroundState } from './state.js';
import { LiveView } from './views.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const state: PlaygroundState = { phase: 'idle', finished: 0, reports: [], timings: { redraws: 0, redrawMs: [] } };
window.playground = state;

const form = $<HTMLFormElement>('controls');
const status = $('status');
const progress = $<HTMLProgressElement>('progress');
const buttons = { analyse: $<HTMLButtonElement>('analyse'), train: $<HTMLButtonElement>('train'), cancel: $<HTMLButtonElement>('cancel'), exp: $<HTMLButtonElement>('exp-run') };
const stepSlider = $<HTMLInputElement>('step-l');
const expSelect = $<HTMLSelectElement>('exp-name');
const expBox = $('exp-params');
const client = new WorkerClient();

const views = {
  heat: new LiveView($('heat'), heatSpec('H∞ (analytic tangent kernel)')),
  heatStep: new LiveView($('heat-step'), heatSpec('per-step kernel H^l (Remark 3.2)')),
  spectrum: new LiveView($('spectrum'), lineSpec({
    id: 'spectrum', title: 'eigenvalues of H∞, descending', x: { label: 'rank', log: false }, y: { label: 'eigenvalue', log: true },
    series: ['eigenvalue'], references: [], caption: '',
  })),
  backward: new LiveView($('backward'), lineSpec({
    id: 'backward', title: 'backward correlations b_l against L − l', x: { label: 'L − l', log: false }, y: { label: 'b_l', log: true },
    series: ['diagonal mean', 'off-diagonal mean', 'exponential decay 2^−(L−l)'], references: ['exponential decay 2^−(L−l)'], caption: '',
  })),
  curve: new LiveView($('curve'), lineSpec({
    id: 'curve', title: 'Algorithm 1, live', x: { label: 'SGD step', log: false }, y: { label: 'loss / 0-1 error', log: false },
    series: ['running loss', 'prequential error', 'held-out error', 'NTK predictor held-out error'], references: ['NTK predictor held-out error'], caption: '',
  })),
  scatter: new LiveView($('scatter'), scatterSpec()),
};
let perStepHeat: readonly BlockMeans[] = [];

/** The URL keys of the claims panel: the experiment and its parameters. */
function experimentQuery(): Record<string, string> {
  const name = expSelect.value as ExperimentName;
  const extra: Record<string, string> = { exp: name };
  for (const spec of EXPERIMENTS[name].params) extra[`x.${spec.key}`] = expBox.querySelector<HTMLInputElement>(`#x-${spec.key}`)!.value;
  return extra;
}

/** Reads the controls, writes them to the URL and shows the command lines; null (and a message) on a bad value. */
function current(): PlaygroundParams | null {
  try {
    const p = readControls(form);
    history.replaceState(null, '', `?${queryOf(p, experimentQuery()).toString()}`);
    const c = commandsOf(p);
    $('cli').textContent =
      `# the task, H∞ with H^l, ỹᵀ(H∞)⁻¹ỹ, λ_min and the bound proxies\n${shellLine(c.sample)}\n${shellLine(c.kernel)}\n${shellLine(c.complexity)}\n` +
      `# Algorithm 1 (the live training view)\n${shellLine(c.train)}\n` +
      '# page only: the spectrum, the NTK predictor (library: fitNtkPredictor), b_l (library: analyticNtk(x, {parts: {b}}))';
    $('exp-cli').textContent = experimentLine(expSelect.value as ExperimentName, readExperimentControls(expBox, expSelect.value as ExperimentName), p.seed);
    return p;
  } catch (err) {
    status.textContent = `fix the parameters: ${(err as Error).message}`;
    return null;
  }
}

function setBusy(phase: PlaygroundState['phase'] | null): void {
  if (phase !== null) state.phase = phase;
  const busy = phase !== null;
  buttons.analyse.disabled = busy;
  buttons.train.disabled = busy;
  buttons.exp.disabled = busy;
  buttons.cancel.disabled = !busy;
}

function showProgress(done: number, total: number, label: string): void {
  progress.max = Math.max(1, total);
  progress.value = done;
  status.textContent = label;
}

const fmt = (v: number) => String(v);

function showNumbers(): void {
  const rows: Array<[string, string]> = [];
  const t = state.task;
  if (t !== undefined) {
    rows.push(['C(F*) (eq. 10 / 12), log', `${fmt(t.targetComplexity.value)} (log ${fmt(t.targetComplexity.log)})`]);
    rows.push(['margin min |F*(x_i)|; rejection rate; positive share', `${fmt(t.marginAchieved)}; ${fmt(t.rejectionRate)}; ${fmt(t.positiveFraction)}`]);
  }
  const c = state.numbers;
  if (c !== undefined) {
    rows.push(['ỹᵀ(H∞)⁻¹ỹ (√)', `${fmt(c.complexity)} (${fmt(c.sqrtComplexity)})${c.jitter > 0 ? `, jitter ${fmt(c.jitter)}` : ''}`]);
    rows.push(['λ_min(H∞) (inverse iteration; certified interval)', `${fmt(c.lambdaMin)} [${fmt(c.lambdaInterval[0])}, ${fmt(c.lambdaInterval[1])}]`]);
    rows.push([`bound proxy (${c.bounds.form}, δ = ${c.bounds.delta}) = complexity + confidence term`, `${fmt(c.bounds.bound)} = ${fmt(c.bounds.complexityTerm)} + ${fmt(c.bounds.confidenceTerm)}`]);
    rows.push(['Arora et al. leading term √(2ỹᵀH⁻¹ỹ/n)', fmt(c.bounds.aroraLeadingTerm)]);
  }
  if (state.ntkTestError !== undefined) rows.push(['NTK predictor held-out 0-1 error', fmt(state.ntkTestError)]);
  const last = state.reports[state.reports.length - 1];
  if (last !== undefined) {
    rows.push([`SGD at step ${last.step}: running loss; prequential error; held-out error`, `${fmt(last.runningLoss)}; ${fmt(last.prequentialError)}; ${fmt(last.heldOut?.error ?? NaN)}`]);
  }
  const tm = state.timings;
  if (tm.kernelDrawnMs !== undefined) {
    rows.push(['H∞ computed (worker) + drawn (page); from the click, sampling included', `${tm.kernelWorkerMs!.toFixed(0)} + ${tm.kernelDrawMs!.toFixed(0)} ms; ${tm.kernelDrawnMs.toFixed(0)} ms`]);
  }
  if (tm.stepsPerSecond !== undefined) rows.push(['SGD steps per second; plot refreshes per second', `${tm.stepsPerSecond.toFixed(0)}; ${(tm.redraws / tm.trainSeconds!).toFixed(1)}`]);
  const body = $('numbers').querySelector('tbody')!;
  body.replaceChildren(...rows.map(([k, v]) => {
    const tr = document.createElement('tr');
    tr.append(Object.assign(document.createElement('td'), { textContent: k }), Object.assign(document.createElement('td'), { textContent: v }));
    return tr;
  }));
}

/** At most this many reports are drawn (evenly strided, the last always): redraws stay cheap on long runs. */
const MAX_DRAWN_REPORTS = 400;

function drawCurve(): Promise<void> {
  const rows: Array<{ x: number; y: number; series: string }> = [];
  const all = state.reports;
  const stride = Math.ceil(all.length / MAX_DRAWN_REPORTS);
  for (const r of all.filter((_, i) => i % stride === 0 || i === all.length - 1)) {
    rows.push({ x: r.step, y: r.runningLoss, series: 'running loss' }, { x: r.step, y: r.prequentialError, series: 'prequential error' });
    if (r.heldOut !== undefined) rows.push({ x: r.step, y: r.heldOut.error, series: 'held-out error' });
  }
  if (state.ntkTestError !== undefined && state.params !== undefined) {
    for (const x of [0, state.params.steps]) rows.push({ x, y: state.ntkTestError, series: 'NTK predictor held-out error' });
  }
  state.timings.redraws++;
  const started = performance.now();
  return views.curve.set(rows).then(() => {
    state.timings.redrawMs.push(performance.now() - started);
  });
}

function drawStep(): void {
  const l = Number(stepSlider.value);
  $('step-l-value').textContent = String(l);
  const b = perStepHeat[l - 1];
  if (b !== undefined) void views.heatStep.set(heatRows(b.values, b.side, b.n));
}

function drawBackward(points: readonly BackwardPoint[]): void {
  const rows: Array<{ x: number; y: number; series: string }> = [];
  let reference = points.find((p) => p.lag === 0)?.offDiagonal ?? NaN;
  for (const p of [...points].sort((a, b) => a.lag - b.lag)) {
    rows.push({ x: p.lag, y: p.diagonal, series: 'diagonal mean' });
    if (Number.isFinite(p.offDiagonal)) rows.push({ x: p.lag, y: p.offDiagonal, series: 'off-diagonal mean' });
    if (Number.isFinite(reference)) rows.push({ x: p.lag, y: reference, series: 'exponential decay 2^−(L−l)' });
    reference /= 2;
  }
  void views.backward.set(rows);
}

function failed(err: unknown): void {
  if (err instanceof CancelledError) {
    state.phase = 'cancelled';
    status.textContent = 'cancelled';
  } else {
    state.phase = 'error';
    state.error = (err as Error).message;
    status.textContent = `error: ${(err as Error).message}`;
  }
}

async function analyse(): Promise<void> {
  const p = current();
  if (p === null) return;
  setBusy('analysing');
  Object.assign(state, { params: p, H: undefined, numbers: undefined, ntkTestError: undefined, eigenvalues: undefined, reports: [], trained: undefined, error: undefined });
  const started = performance.now();
  let drawn: Promise<void> = Promise.resolve();
  try {
    await client.run({ type: 'analyse', params: p }, (reply) => {
      if (reply.type === 'progress') showProgress(reply.done, reply.total, reply.label);
      else if (reply.type === 'task') state.task = reply;
      else if (reply.type === 'kernel') {
        state.H = reply.H;
        state.timings.kernelWorkerMs = reply.millis;
        $('heat-caption').textContent = `${reply.n}×${reply.n}, one pixel per entry`;
        const received = performance.now();
        drawn = views.heat.set(heatRows(reply.H, reply.n, reply.n)).then(() => {
          state.timings.kernelDrawnMs = performance.now() - started;
          state.timings.kernelDrawMs = performance.now() - received;
        });
      } else if (reply.type === 'perStep') {
        perStepHeat = reply.heat;
        stepSlider.max = String(p.L);
        stepSlider.value = String(Math.min(Number(stepSlider.value), p.L));
        drawStep();
      } else if (reply.type === 'numbers') {
        state.numbers = reply.numbers;
        state.ntkTestError = reply.ntkTestError;
        state.backward = reply.backward;
        drawBackward(reply.backward);
      } else if (reply.type === 'spectrum') {
        state.eigenvalues = reply.eigenvalues;
        state.timings.spectrumMs = reply.millis;
        const positive = Array.from(reply.eigenvalues).filter((v) => v > 0);
        $('spectrum-caption').textContent =
          `${reply.eigenvalues.length} eigenvalues in ${reply.millis.toFixed(0)} ms (the library's symmetricEigen, in the page's worker)` +
          (positive.length < reply.eigenvalues.length ? `; ${reply.eigenvalues.length - positive.length} ≤ 0 not drawn on the log scale` : '');
        void views.spectrum.set(positive.map((y, i) => ({ x: i + 1, y, series: 'eigenvalue' })));
      }
      showNumbers();
    });
    await drawn;
    void views.scatter.set([]);
    await drawCurve();
    state.phase = 'idle';
    showProgress(1, 1, `H∞ of ${p.n} sequences: done`);
    showNumbers();
  } catch (err) {
    failed(err);
  } finally {
    state.finished++;
    setBusy(null);
  }
}

async function trainNow(): Promise<void> {
  const p = current();
  if (p === null) return;
  setBusy('training');
  Object.assign(state, { params: p, reports: [], trained: undefined, error: undefined });
  state.timings.redraws = 0;
  state.timings.redrawMs = [];
  const started = performance.now();
  state.timings.trainStartedAt = started;
  state.timings.trainEndedAt = undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastDraw = 0;
  const schedule = () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      lastDraw = performance.now();
      void drawCurve();
      showNumbers();
    }, Math.max(0, 100 - (performance.now() - lastDraw)));
  };
  try {
    await client.run({ type: 'train', params: p }, (reply) => {
      if (reply.type === 'progress') showProgress(reply.done, reply.total, reply.label);
      else if (reply.type === 'task') state.task = reply;
      else if (reply.type === 'reference') state.ntkTestError = reply.ntkTestError;
      else if (reply.type === 'reports') {
        state.reports.push(...reply.reports);
        const step = state.reports[state.reports.length - 1].step;
        showProgress(step, reply.steps, `training: step ${step} of ${reply.steps}`);
        schedule();
      } else if (reply.type === 'trained') {
        state.trained = reply;
        state.timings.stepsPerSecond = reply.stepsPerSecond;
      }
    });
    state.timings.trainEndedAt = performance.now();
    state.timings.trainSeconds = (state.timings.trainEndedAt - started) / 1000;
    clearTimeout(timer);
    await drawCurve();
    const t = state.trained!;
    await views.scatter.set(Array.from(t.testOutputs, (f, i) => ({ f, fstar: t.testTarget[i], outcome: (f >= 0 ? 1 : -1) === t.testLabels[i] ? 'sign f = y' : 'misclassified' })));
    $('scatter-caption').textContent = `η = η₀/m = ${t.eta}; ${t.testOutputs.length} held-out sequences`;
    state.phase = 'idle';
    status.textContent = `trained: ${p.steps} steps at ${t.stepsPerSecond.toFixed(0)} steps/s`;
  } catch (err) {
    clearTimeout(timer);
    state.timings.trainEndedAt = performance.now();
    state.timings.trainSeconds = (state.timings.trainEndedAt - started) / 1000;
    failed(err);
  } finally {
    state.finished++;
    showNumbers();
    setBusy(null);
  }
}

async function runExperiment(): Promise<void> {
  const p = current();
  if (p === null) return;
  const name = expSelect.value as ExperimentName;
  setBusy('experiment');
  state.experiment = undefined;
  try {
    await client.run({ type: 'experiment', name, params: readExperimentControls(expBox, name), seed: p.seed }, (reply) => {
      if (reply.type === 'progress') showProgress(reply.done, reply.total, `${name}: ${reply.label}`);
      else if (reply.type === 'experiment') state.experiment = reply.result;
    });
    await showExperiment($('exp-out'), state.experiment!);
    state.phase = 'idle';
    status.textContent = `${name}: done`;
  } catch (err) {
    failed(err);
  } finally {
    state.finished++;
    setBusy(null);
  }
}

function start(): void {
  const query = new URLSearchParams(location.search);
  let params: PlaygroundParams;
  try {
    params = paramsFromQuery(query);
  } catch (err) {
    status.textContent = `the link has a bad parameter (${(err as Error).message}); the defaults are shown`;
    params = paramsFromQuery(new URLSearchParams());
  }
  buildControls(form, params, () => void current());
  form.append(form.querySelector('.buttons')!);
  for (const name of EXPERIMENT_NAMES) expSelect.append(new Option(`${name}: ${EXPERIMENTS[name].title}`, name));
  expSelect.value = experimentFromQuery(query);
  buildExperimentControls(expBox, expSelect.value as ExperimentName, query, () => void current());
  expSelect.addEventListener('change', () => {
    buildExperimentControls(expBox, expSelect.value as ExperimentName, new URLSearchParams(), () => void current());
    void current();
  });
  stepSlider.addEventListener('input', drawStep);
  buttons.analyse.addEventListener('click', () => void analyse());
  buttons.train.addEventListener('click', () => void trainNow());
  buttons.exp.addEventListener('click', () => void runExperiment());
  buttons.cancel.addEventListener('click', () => client.cancel());
  void analyse();
  // compile the heat map while the worker samples the task: its first draw is the costly one
  void views.heat.set([]);
  void views.heatStep.set([]);
}

start();
