/**
 * `rnn-ntk ntk-predict` end to end at tiny sizes: t = ∞ equals kernel regression with H∞, a
 * finite --time/--lr equals gradientDescentMse, --trainable sums the group kernels, --variance
 * is the NNGP's diagonal at t = 0 and the ensemble's variance later, .npy and .json outputs hold
 * the mean (and variance), and bad flags (t < 0, η beyond 2/λ_max, unknown groups, shapes) are
 * one-line errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src/data/sequences.js';
import { gradientDescentMse, gradientDescentMseEnsemble } from '../../src/finite-time/index.js';
import { decodeNpy } from '../../src/io/index.js';
import { analyticNtk } from '../../src/kernels/analytic.js';
import { kernelFn } from '../../src/kernels/kernel-fn.js';
import { Rng } from '../../src/random/rng.js';
import { fitKernelRegression, predictKernelRegression } from '../../src/theory/kernel-regression.js';
import { expectClose, TOL } from '../helpers.js';
import { cli, cliJson } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'rnn-ntk-ntk-predict-'));
const path = (name: string) => join(dir, name);
const rng = new Rng(3, 'ts');
const [n, nTest, L, d] = [10, 4, 4, 2];
const xTrain = rng.normal(n * L * d, 4);
const xTest = rng.normal(nTest * L * d, 4);
const y = Array.from(rng.normal(n), (v) => (v >= 0 ? 1 : -1));
const yTest = Array.from(rng.normal(nTest), (v) => (v >= 0 ? 1 : -1));
const nested = (x: Float64Array, count: number) =>
  Array.from({ length: count }, (_, i) => Array.from({ length: L }, (_, l) => Array.from(x.subarray((i * L + l) * d, (i * L + l + 1) * d))));
const train = sequenceBatch(n, L, d, xTrain);
const test = sequenceBatch(nTest, L, d, xTest);
const H = analyticNtk(train).H;
const cross = analyticNtk(test, { other: train }).H;

beforeAll(() => {
  writeFileSync(path('train.json'), JSON.stringify({ x: nested(xTrain, n), y }));
  writeFileSync(path('test.json'), JSON.stringify({ x: nested(xTest, nTest), y: yTest }));
  writeFileSync(path('test-d3.json'), JSON.stringify({ x: [[[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]] }));
});

describe('rnn-ntk ntk-predict', () => {
  it('t = ∞ (default) is kernel regression with H∞; the 0-1 error of sign(mean) is reported', async () => {
    const out = await cliJson('ntk-predict', '--data', path('train.json'), '--test', path('test.json'));
    const ref = predictKernelRegression(fitKernelRegression(H, y), cross);
    expectClose(out.mean, ref, TOL.finiteTimeDense);
    expect(out.time).toBe('Infinity');
    expect(out.testError).toBe(ref.reduce((e, v, i) => e + ((v >= 0 ? 1 : -1) !== yTest[i] ? 1 : 0), 0) / nTest);
  });

  it('--time 3 --lr --ridge equal gradientDescentMse; .npy and .json outputs hold the mean', async () => {
    const lr = 0.5 / gradientDescentMse(H, y, { diagReg: 0.1 }).eigenvalues[n - 1];
    const ref = gradientDescentMse(H, y, { learningRate: lr, diagReg: 0.1 }).predict(3, { kTestTrain: cross }).test!;
    const args = ['ntk-predict', '--data', path('train.json'), '--test', path('test.json'), '--time', '3', '--lr', String(lr), '--ridge', '0.1'];
    const out = await cliJson(...args, '--out', path('mean.npy'));
    expect(out.learningRate).toBe(lr);
    expectClose(decodeNpy(readFileSync(path('mean.npy'))).data, ref, TOL.finiteTimeDense);
    await cliJson(...args, '--out', path('mean.json'));
    expectClose(JSON.parse(readFileSync(path('mean.json'), 'utf8')).mean, ref, TOL.finiteTimeDense);
  });

  it('--trainable W,A,M0 regresses with the summed group kernel; --variance is the NNGP diagonal at t = 0, the ensemble variance later', async () => {
    const trainable = ['W', 'A', 'M0'] as const;
    const both = { get: ['nngp', 'ntk'] as const, trainable: [...trainable] };
    const [kxx, ktx] = [kernelFn(train, undefined, { ...both, get: [...both.get] }), kernelFn(test, train, { ...both, get: [...both.get] })];
    const ktt = kernelFn(test, undefined, { get: ['nngp'] }).nngp!;
    const ensemble = gradientDescentMseEnsemble(
      { ntkTrainTrain: kxx.ntk!, ntkTestTrain: ktx.ntk!, nngpTrainTrain: kxx.nngp!, nngpTestTrain: ktx.nngp!, nngpTestTest: ktt }, y);
    const args = ['ntk-predict', '--data', path('train.json'), '--test', path('test.json'), '--trainable', 'W,A,M0', '--variance'];
    const atZero = await cliJson(...args, '--time', '0');
    expect(atZero.mean).toEqual(Array(nTest).fill(0));
    expectClose(atZero.variance, Array.from({ length: nTest }, (_, i) => ktt.data[i * nTest + i]), TOL.finiteTimeDense);
    const later = await cliJson(...args, '--time', '5', '--out', path('mv.npy'));
    const ref = ensemble.predict(5);
    const npy = decodeNpy(readFileSync(path('mv.npy')));
    expect(npy.shape).toEqual([2, nTest]);
    expectClose(npy.data.subarray(0, nTest), ref.mean, TOL.finiteTimeDense);
    expectClose(npy.data.subarray(nTest), ref.variance!, TOL.finiteTimeDense);
    expect(later.trainable).toEqual(['W', 'A', 'M0']);
    for (const v of ref.variance!) expect(v).toBeGreaterThanOrEqual(0);
  });

  it('bad input: t < 0, η beyond 2/λ_max (the bound named), unknown groups, algorithm1 without width, mismatched shapes, no --test', async () => {
    const base = ['ntk-predict', '--data', path('train.json'), '--test', path('test.json')];
    const neg = await cli(...base, '--time', '-1');
    expect([neg.code, neg.stderr]).toEqual([2, expect.stringMatching(/expected a time >= 0 or 'inf'/)]);
    const fast = await cli(...base, '--time', '1', '--lr', '1e6');
    expect(fast.code).toBe(1);
    expect(fast.stderr).toMatch(/converges only for η < 2\/λ_max\(ntkTrainTrain \+ diagReg·I\) = [0-9.e-]+; pass a smaller learningRate/);
    const groups = await cli(...base, '--trainable', 'W,Q');
    expect([groups.code, groups.stderr]).toEqual([2, expect.stringMatching(/--trainable holds 'Q'; pass a comma-separated subset of W,A,M0,B/)]);
    const variance = await cli(...base, '--init', 'algorithm1');
    expect([variance.code, variance.stderr]).toEqual([2, expect.stringMatching(/pass the width with --width <m>/)]);
    const shapes = await cli('ntk-predict', '--data', path('train.json'), '--test', path('test-d3.json'));
    expect([shapes.code, shapes.stderr]).toEqual([2, expect.stringMatching(/L = 4, d = 3 but the training set has L = 4, d = 2/)]);
    const missing = await cli('ntk-predict', '--data', path('train.json'));
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/--test <file> is required/)]);
    for (const r of [neg, fast, groups, variance, shapes, missing]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
