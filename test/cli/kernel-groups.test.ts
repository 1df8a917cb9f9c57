/**
 * `rnn-ntk kernel` with --get, --trainable, --init, --diagonal and --empirical --model
 * (docs/kernel-function.md): the worked example (docs/theory.md#worked-example)'s k_3 and b_1 as independent oracles for
 * the NNGP and Θ_M0, the library's kernelFn / empiricalKernelFn for the rest, and usage errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sequencesFromNested } from '../../src/data/sequences.js';
import { decodeNpy } from '../../src/io/index.js';
import { kernelFn } from '../../src/kernels/kernel-fn.js';
import { empiricalKernelFn } from '../../src/kernels/monte-carlo-kernel.js';
import { loadModel } from '../../src/rnn/serialize.js';
import { gaussSolve } from '../analytic/reference.js';
import { TOL, expectBitEqual, expectClose, WORKED_EXAMPLE_X } from '../helpers.js';
import { cli, cliJson } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'rnn-ntk-kernel-'));
const path = (name: string) => join(dir, name);
const x = sequencesFromNested(WORKED_EXAMPLE_X);
const K3 = [1.268518518518518, 0.97831547345726, 0.983843025312092, 0.97831547345726, 1.157407407407407, 1.08919005277792, 0.983843025312092, 1.08919005277792, 1.314814814814815];
const B1 = [0.5, 0.305483176996029, 0.287006836664405, 0.305483176996029, 0.5, 0.34721782478199, 0.287006836664405, 0.34721782478199, 0.5];

beforeAll(() => writeFileSync(path('spec.json'), JSON.stringify({ x: WORKED_EXAMPLE_X, y: [1, -1, 1] })));

describe('rnn-ntk kernel --get / --trainable / --diagonal', () => {
  it('--get nngp is k_3 and --trainable M0 is b_1 of the worked example (defaults vB = 1, vW/2 = 1)', async () => {
    const nngp = await cliJson('kernel', '--data', path('spec.json'), '--get', 'nngp');
    expect(nngp).toMatchObject({ kernel: 'analytic', get: 'nngp', trainable: ['W'] });
    expectClose(nngp.nngp.flat(), K3, TOL.specExample);
    const m0 = await cliJson('kernel', '--data', path('spec.json'), '--trainable', 'M0', '--out', path('m0.npy'));
    expectClose(decodeNpy(readFileSync(path('m0.npy'))).data, B1, TOL.specExample);
    expect(m0.out).toBe(path('m0.npy'));
  });

  it('--trainable W,A,M0,B --init algorithm1 --width 64 and --diagonal equal kernelFn', async () => {
    const all = await cliJson('kernel', '--data', path('spec.json'), '--trainable', 'W,A,M0,B', '--init', 'algorithm1', '--width', '64');
    const want = kernelFn(x, undefined, { get: ['ntk'], trainable: ['W', 'A', 'M0', 'B'], init: 'algorithm1', m: 64 }).ntk!;
    expectBitEqual(all.H.flat(), want.data);
    await cliJson('kernel', '--data', path('spec.json'), '--trainable', 'W,A', '--diagonal', '--out', path('diag.npy'));
    const diag = decodeNpy(readFileSync(path('diag.npy')));
    expect(diag.shape).toEqual([3]);
    expectBitEqual(diag.data, kernelFn(x, undefined, { get: ['ntk'], trainable: ['W', 'A'], diagonal: true }).ntk!.data);
  });

  it('--empirical --model gives the kernels of the saved, trained network', async () => {
    const trained = await cli('train', '--data', path('spec.json'), '--width', '16', '--steps', '20', '--save', path('model.bin'));
    expect(trained.code, trained.stderr).toBe(0);
    const model = loadModel(readFileSync(path('model.bin')));
    try {
      for (const [get, key] of [['ntk', 'H'], ['nngp', 'nngp']] as const) {
        const out = await cliJson('kernel', '--data', path('spec.json'), '--empirical', '--model', path('model.bin'), '--get', get, '--trainable', 'W,A');
        expect(out).toMatchObject({ kernel: 'empirical', width: 16, model: path('model.bin') });
        expectBitEqual(out[key].flat(), empiricalKernelFn(model, x, undefined, { get: [get], trainable: ['W', 'A'] })[get]!.data);
      }
    } finally {
      model.dispose();
    }
  });

  it('says what to pass for an unknown group or kernel and for flags that do not combine', async () => {
    const usage = async (args: string[], message: RegExp) => {
      const r = await cli('kernel', '--data', path('spec.json'), ...args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    };
    await usage(['--trainable', 'W,V'], /--trainable holds 'V'; pass a comma-separated subset of W,A,M0,B/);
    await usage(['--get', 'both'], /nngp/);
    await usage(['--model', path('model.bin')], /--model applies with --empirical/);
    await usage(['--init', 'algorithm1'], /--width/);
    await usage(['--per-step', '--get', 'nngp'], /--per-step is available for the analytic H∞ only/);
    await usage(['--empirical', '--diagonal', '--width', '8'], /--diagonal is available for the analytic kernels only/);
  });
});

describe('rnn-ntk complexity --trainable / --init', () => {
  it('the default is the worked example yᵀ(H∞)⁻¹y; W,A,M0 uses their summed kernel', async () => {
    const base = await cliJson('complexity', '--data', path('spec.json'));
    expect(Math.abs(base.complexity - 6.439070730327959)).toBeLessThanOrEqual(TOL.specExample * 6.439070730327959);
    const groups = await cliJson('complexity', '--data', path('spec.json'), '--trainable', 'W,A,M0', '--init', 'algorithm1', '--width', '32');
    expect(groups).toMatchObject({ trainable: ['W', 'A', 'M0'], init: 'algorithm1' });
    const K = kernelFn(x, undefined, { get: ['ntk'], trainable: ['W', 'A', 'M0'], init: 'algorithm1', m: 32 }).ntk!;
    const z = gaussSolve(K.data, [1, -1, 1], 3);
    const want = z[0] - z[1] + z[2];
    expect(Math.abs(groups.complexity - want)).toBeLessThanOrEqual(TOL.roundoff * want);
    const r = await cli('complexity', '--data', path('spec.json'), '--init', 'algorithm1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--width/);
  });
});
