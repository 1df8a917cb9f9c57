/**
 * Every CLI command end to end at tiny sizes: the JSON parses and has the documented fields,
 * numbers agree with independent oracles (the worked example (docs/theory.md#worked-example)), and bad flags, missing
 * files and malformed JSON/.npy give a non-zero exit and a one-line message without a stack.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy } from '../../src/io/index.js';
import { expectClose, TOL, WORKED_EXAMPLE_X, WORKED_EXAMPLE_H } from '../helpers.js';
import { cli, cliJson } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'rnn-ntk-cli-'));
const path = (name: string) => join(dir, name);

/** yᵀ(H∞)⁻¹y of the worked example (docs/theory.md#worked-example). */
const SPEC_COMPLEXITY = 6.439070730327959; // y = (1, −1, 1)

beforeAll(() => {
  writeFileSync(path('spec.json'), JSON.stringify({ x: WORKED_EXAMPLE_X, y: [1, -1, 1] }));
  writeFileSync(path('spec-x.npy'), encodeNpy(WORKED_EXAMPLE_X.flat(2), [3, 3, 2]));
  writeFileSync(path('spec-y.npy'), encodeNpy([1, -1, 1], [3]));
  writeFileSync(path('broken.json'), '{"x": [[[1, 2]], "y": [1]');
  writeFileSync(path('ragged.json'), JSON.stringify({ x: [[[1, 2]], [[1, 2], [3, 4]]], y: [1, 1] }));
  writeFileSync(path('broken.npy'), encodeNpy([1, 2, 3, 4], [2, 2]).subarray(0, 70));
});

/** Asserts a user error: the exit code, a message matching `message`, and no stack trace. */
function expectUserError(r: { code: number; stderr: string; stdout: string }, code: number, message: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}

describe('rnn-ntk --help', () => {
  it.each(['sample', 'kernel', 'complexity', 'train', 'predict', 'experiment', 'demo', 'experiment learning-curve'])('%s --help exits 0 with usage', async (cmd) => {
    const r = await cli(...cmd.split(' '), '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: rnn-ntk /);
    expect(r.stdout).toMatch(cmd === 'experiment' ? /learning-curve/ : /--/);
  });

  it('rejects an unknown command and an unknown flag with usage errors', async () => {
    expectUserError(await cli('frobnicate'), 2, /unknown command 'frobnicate'/);
    expectUserError(await cli('kernel', '--dta', 'x.json'), 2, /unknown option '--dta'/);
    expectUserError(await cli('experiment', 'no-such-claim'), 2, /unknown command 'no-such-claim'/);
  });
});

describe('rnn-ntk sample', () => {
  it('writes a JSON data set and reports C(F*), margin and rejection rate', async () => {
    const out = await cliJson('sample', 'additive', '--n', '20', '--L', '4', '--d', '3', '--out', path('add.json'), '--seed', '5');
    expect(out).toMatchObject({ class: 'additive', n: 20, L: 4, d: 3, files: { data: path('add.json') } });
    expect(out.margin.achieved).toBeGreaterThanOrEqual(0.3); // the default rejection threshold
    expect(out.targetComplexity.value).toBeGreaterThan(1);
    const file = JSON.parse(readFileSync(path('add.json'), 'utf8'));
    expect(file.x).toHaveLength(20);
    expect(file.x[0]).toHaveLength(4);
    // every token norm lies in [Cmin, Cmax] = [0.5, 2]
    for (const seq of file.x) for (const tok of seq) expect(Math.hypot(...tok)).toBeGreaterThanOrEqual(0.5 - 1e-12);
    // labels are the signs of F*
    file.y.forEach((y: number, i: number) => expect(y).toBe(Math.sign(file.fstar[i])));
  });

  it('prints the data set in the file format with --json and no --out', async () => {
    const out = await cliJson('sample', 'additive', '--n', '3', '--L', '2', '--d', '2', '--seed', '5');
    expect(out.data.x).toHaveLength(3);
    expect(out.data.x[0]).toHaveLength(2);
    expect(out.data.x[0][0]).toHaveLength(2);
    expect(out.data.y).toHaveLength(3);
    out.data.y.forEach((y: number, i: number) => expect(y).toBe(Math.sign(out.data.fstar[i])));
  });

  it('writes .npy files for nvariable targets, and the same seed gives the same bytes', async () => {
    const a = await cliJson('sample', 'nvariable', '--positions', '1,3', '--n', '10', '--L', '3', '--d', '2', '--out', path('nv.npy'), '--seed', '9');
    expect(a.files).toEqual({ data: path('nv.npy'), labels: path('nv.labels.npy'), fstar: path('nv.fstar.npy') });
    expect(decodeNpy(readFileSync(path('nv.npy'))).shape).toEqual([10, 3, 2]);
    const first = readFileSync(path('nv.npy'));
    await cliJson('sample', 'nvariable', '--positions', '1,3', '--n', '10', '--L', '3', '--d', '2', '--out', path('nv.npy'), '--seed', '9');
    expect(readFileSync(path('nv.npy')).equals(first)).toBe(true);
  });

  it('says what to fix for bad input', async () => {
    expectUserError(await cli('sample', 'nvariable', '--n', '5'), 2, /nvariable needs --positions/);
    expectUserError(await cli('sample', 'additive', '--n', '0'), 2, /'--n <int>' argument '0' is invalid/);
    expectUserError(await cli('sample', 'additive', '--psi', 'tan'), 2, /unknown ψ 'tan'/);
    expectUserError(await cli('sample', 'cubic'), 2, /expected one of additive, nvariable/);
    expectUserError(await cli('sample', 'additive', '--cmin', '3', '--cmax', '1'), 2, /--cmin 3 exceeds --cmax 1/);
    expectUserError(await cli('sample', 'additive', '--n', '-3'), 2, /'--n <int>' argument '-3' is invalid. expected an integer >= 1/);
    expectUserError(await cli('sample', 'additive', '--seed', '1e20'), 2, /expected an integer <= 9007199254740991, got '1e20'/);
    expectUserError(await cli('sample', 'additive', '--cmax', '1e400'), 2, /expected a finite number, got '1e400'/);
    // a bad --test-out fails before anything is written, --out included
    expectUserError(await cli('sample', 'additive', '--n', '5', '--out', path('early.json'), '--test-n', '5', '--test-out', path('early.csv')), 2, /--test-out '.*early\.csv' must end in .json or .npy/);
    expect(existsSync(path('early.json'))).toBe(false);
  });
});

describe('rnn-ntk kernel', () => {
  it('computes the worked example (docs/theory.md#worked-example) H∞ from JSON and from .npy', async () => {
    const out = await cliJson('kernel', '--data', path('spec.json'));
    expect(out).toMatchObject({ kernel: 'analytic', n: 3, L: 3, d: 2 });
    expectClose(out.H.flat(), WORKED_EXAMPLE_H, TOL.specExample);
    const npy = await cliJson('kernel', '--data', path('spec-x.npy'), '--labels', path('spec-y.npy'), '--out', path('H.npy'));
    expect(npy.out).toBe(path('H.npy'));
    const H = decodeNpy(readFileSync(path('H.npy')));
    expect(H.shape).toEqual([3, 3]);
    expectClose(H.data, WORKED_EXAMPLE_H, TOL.specExample);
  });

  it('writes per-step kernels with H^L = H∞, and an empirical kernel near H∞', async () => {
    await cliJson('kernel', '--data', path('spec.json'), '--per-step', '--out', path('Hl.npy'));
    const Hl = decodeNpy(readFileSync(path('Hl.npy')));
    expect(Hl.shape).toEqual([3, 3, 3]);
    expectClose(Hl.data.subarray(18), WORKED_EXAMPLE_H, TOL.specExample);
    const emp = await cliJson('kernel', '--data', path('spec.json'), '--empirical', '--width', '2048');
    expect(emp).toMatchObject({ kernel: 'empirical', width: 2048, seed: 1 });
    // docs/theory.md#convergence: relative max entrywise error ≈ 0.2 at m = 1024 for one seed; allow 2× at m = 2048
    const err = Math.max(...emp.H.flat().map((v: number, t: number) => Math.abs(v - WORKED_EXAMPLE_H[t]))) / Math.max(...WORKED_EXAMPLE_H);
    expect(err).toBeLessThan(0.4);
  });

  it('summarises a kernel of more entries than a spread argument list holds (n = 460: 211,600 entries)', async () => {
    const n = 460;
    const x = Array.from({ length: n }, (_, i) => [[Math.cos(i), Math.sin(i)]]);
    writeFileSync(path('many.json'), JSON.stringify({ x, y: x.map((_, i) => (i % 2 === 0 ? 1 : -1)) }));
    const out = await cliJson('kernel', '--data', path('many.json'), '--out', path('many.npy'));
    const H = decodeNpy(readFileSync(path('many.npy'))).data;
    let min = Infinity;
    let max = -Infinity;
    let diag = 0;
    for (let t = 0; t < H.length; t++) {
      min = Math.min(min, H[t]);
      max = Math.max(max, H[t]);
      if (t % (n + 1) === 0) diag += H[t];
    }
    expect([out.min, out.max, out.diagonalMean]).toEqual([min, max, diag / n]);
  });

  it('reports missing, malformed and mismatched files clearly', async () => {
    expectUserError(await cli('kernel', '--data', path('nope.json')), 2, /cannot read data '.*nope\.json': no such file/);
    expectUserError(await cli('kernel'), 2, /--data <file> is required/);
    expectUserError(await cli('kernel', '--data', path('broken.json')), 1, /FormatError: .*broken\.json: the data file is not valid JSON/);
    expectUserError(await cli('kernel', '--data', path('ragged.json')), 1, /FormatError: .*sequence 1 has 2 steps/);
    expectUserError(await cli('kernel', '--data', path('broken.npy'), '--labels', path('spec-y.npy')), 1, /FormatError: .*truncated/);
    expectUserError(await cli('kernel', '--data', path('spec-x.npy')), 2, /give the labels too with --labels/);
    expectUserError(await cli('kernel', '--data', path('spec-x.npy'), '--labels', path('nv.labels.npy')), 1, /labels .npy must have shape \(3,\)/);
    expectUserError(await cli('kernel', '--data', path('spec.json'), '--empirical'), 2, /--empirical needs --width/);
    expectUserError(await cli('kernel', '--data', path('spec.json'), '--out', path('H.txt')), 2, /must end in .json or .npy/);
  });
});

describe('rnn-ntk complexity', () => {
  it('gives the worked example (docs/theory.md#worked-example) yᵀ(H∞)⁻¹y with λ_min and labelled bound proxies', async () => {
    const out = await cliJson('complexity', '--data', path('spec.json'));
    expect(out).toMatchObject({ n: 3, target: 'labels', jitter: 0 });
    expectClose([out.complexity, out.sqrtComplexity], [SPEC_COMPLEXITY, Math.sqrt(SPEC_COMPLEXITY)], TOL.specExample);
    expect(out.lambdaMin).toBeGreaterThan(0);
    expect(out.lambdaMin).toBeLessThan(Math.min(WORKED_EXAMPLE_H[0], WORKED_EXAMPLE_H[4], WORKED_EXAMPLE_H[8])); // λ_min ≤ min diagonal
    expectClose([out.bounds.aroraLeadingTerm], [Math.sqrt((2 * SPEC_COMPLEXITY) / 3)], TOL.roundoff);
    expect(out.note).toMatch(/not a certified bound/);
  });

  it('needs F* values for --target fstar', async () => {
    expectUserError(await cli('complexity', '--data', path('spec.json'), '--target', 'fstar'), 2, /--target fstar needs F\* values/);
    expectUserError(await cli('complexity', '--data', path('spec.json'), '--form', 'roots'), 2, /expected one of with-roots, without-roots/);
  });
});

describe('rnn-ntk train and predict', () => {
  it('trains, saves, and predict on the saved model reproduces the held-out error', async () => {
    await cliJson('sample', 'additive', '--n', '60', '--L', '4', '--d', '2', '--out', path('tr.json'), '--test-n', '30', '--test-out', path('te.json'));
    const trained = await cliJson('train', '--data', path('tr.json'), '--test', path('te.json'), '--width', '16', '--steps', '40', '--save', path('m.bin'));
    expect(trained).toMatchObject({ n: 60, L: 4, d: 2, m: 16, steps: 40, eta0: 1, batch: 1, saved: path('m.bin') });
    expect(trained.eta).toBeCloseTo(1 / 16, 15);
    expect(trained.reports.at(-1).step).toBe(40);
    for (const key of ['runningLoss', 'prequentialError']) expect(Number.isFinite(trained.final[key])).toBe(true);
    const predicted = await cliJson('predict', '--model', path('m.bin'), '--data', path('te.json'));
    expect(predicted).toMatchObject({ n: 30, m: 16 });
    expect(predicted.error).toBe(trained.final.heldOut.error);
    expect(predicted.loss).toBe(trained.final.heldOut.loss);
    // the printed labels are the signs of the printed outputs
    predicted.labels.forEach((y: number, i: number) => expect(y).toBe(predicted.f[i] >= 0 ? 1 : -1));
  });

  it('predicts on unlabelled sequences and says what to fix', async () => {
    writeFileSync(path('unlabelled.json'), JSON.stringify({ x: JSON.parse(readFileSync(path('te.json'), 'utf8')).x }));
    const out = await cliJson('predict', '--model', path('m.bin'), '--data', path('unlabelled.json'));
    expect(out.error).toBeUndefined();
    expect(out.f).toHaveLength(30);
    expectUserError(await cli('train', '--data', path('tr.json'), '--steps', '5'), 2, /--width <m> is required/);
    expectUserError(await cli('train', '--data', path('tr.json'), '--width', '0', '--steps', '5'), 2, /'--width <m>' argument '0' is invalid. expected an integer >= 1/);
    expectUserError(await cli('train', '--data', path('tr.json'), '--width', '8', '--steps', '0'), 2, /'--steps <T>' argument '0' is invalid. expected an integer >= 1/);
    expectUserError(await cli('train', '--width', '8', '--steps', '5'), 2, /--data <file> is required/);
    writeFileSync(path('notjson.json'), 'x,y\n1,2\n');
    expectUserError(await cli('train', '--data', path('notjson.json'), '--width', '8', '--steps', '5'), 1, /FormatError: .*notjson\.json: the data file is not valid JSON/);
    expectUserError(await cli('train', '--data', path('tr.json'), '--width', '8', '--steps', '5', '--test', path('spec.json')), 2, /--test has sequences of 3×2/);
    expectUserError(await cli('predict', '--model', path('tr.json'), '--data', path('te.json')), 1, /FormatError: not a valid rnn-ntk model file/);
    expectUserError(await cli('predict', '--model', path('m.bin'), '--data', path('te.json'), '--out', path('f.txt')), 2, /--out '.*f\.txt' must end in .json or .npy/);
    expectUserError(await cli('predict', '--model', path('m.bin'), '--data', path('spec.json')), 1, /ShapeError: the saved network has L = 4, but L = 3 was expected/);
  });
});

describe('rnn-ntk experiment', () => {
  it('runs one claim with its parameters and writes JSON, CSV and SVG', async () => {
    const out = await cliJson('experiment', 'backward-decay', '--L', '12', '--n', '3', '--d', '2', '--out', path('bd'));
    expect(out.experiment).toBe('backward-decay');
    expect(out.params).toMatchObject({ L: 12, n: 3, d: 2, seed: 1 });
    expect(typeof out.verdict.supported).toBe('boolean');
    for (const key of ['claim', 'measured', 'predicted', 'criterion']) expect(out.verdict[key].length).toBeGreaterThan(10);
    expect(out.files).toEqual([path('bd/backward-decay.json'), path('bd/backward-decay-decay.csv'), path('bd/backward-decay-decay.svg')]);
    const csv = readFileSync(path('bd/backward-decay-decay.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('regime,l,lag,bMean,bMin,rhoMean,reference');
    expect(csv).toHaveLength(1 + 2 * 12);
    expect(readFileSync(path('bd/backward-decay-decay.svg'), 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('takes camelCase parameters as kebab-case flags', async () => {
    const out = await cliJson('experiment', 'unnormalized-inputs', '--scales', '1', '--n', '30', '--ntk-n', '20', '--m', '8', '--test-size', '20', '--out', path('un'));
    expect(out.params).toMatchObject({ scales: [1], n: 30, ntkN: 20, m: 8, testSize: 20 });
    expect(out.tables.errors).toHaveLength(1);
  });

  it('shows each declared parameter as a flag with its default and constraints', async () => {
    const r = await cli('experiment', 'kernel-convergence', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--widths <int-list>\s+comma-separated widths m, at least 2 distinct\s+\(default\s+64,256,1024,4096\)/);
    expect(r.stdout).toMatch(/--input-scale <number>/);
  });

  it('validates experiment parameters', async () => {
    expectUserError(await cli('experiment', 'kernel-convergence', '--widths', '64,x'), 2, /'--widths <int-list>' argument '64,x' is invalid/);
    expectUserError(await cli('experiment', 'backward-decay', '--L', '2'), 2, /expected an integer >= 3/);
    expectUserError(await cli('experiment', 'unnormalized-inputs', '--scales', '1,,2'), 2, /'--scales <number-list>' argument '1,,2' is invalid. expected a comma-separated list of numbers/);
    expectUserError(await cli('experiment', 'complexity-vs-length', '--lengths', '8,8'), 1, /lengths needs at least 2 distinct values/);
  });
});
