/**
 * Data sets with per-step labels (Remark 3.2: y of shape (n, L), y[i][l−1] labelling
 * f_l = Bᵀh_l(x_i)) read from JSON and .npy by `train` and `kernel`: training runs the sequence
 * labelling loss Σ_l ℓ(y_il f_l) of the library's `train` (same bits), and malformed label
 * shapes are FormatErrors that say the shape expected.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sequencesFromNested } from '../../src/data/sequences.js';
import { FormatError } from '../../src/errors.js';
import { encodeNpy, labelledFromNpy, parseDatasetJson, parseLabelledJson } from '../../src/io/index.js';
import { createRnn, isStepDataset, stepDataset, train } from '../../src/rnn/index.js';
import { cli, cliJson } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'rnn-ntk-steps-'));
const path = (name: string) => join(dir, name);
const X = [
  [[1, 0], [0.5, -1], [2, 1]],
  [[0, 1], [1, 1], [-1, 0.5]],
  [[1, 1], [-0.5, 2], [0, -1.5]],
  [[-1, 0.3], [0.2, 0.4], [1, -1]],
];
const Y = [[1, -1, 1], [-1, -1, 1], [1, 1, -1], [-1, 1, 1]];

beforeAll(() => {
  writeFileSync(path('steps.json'), JSON.stringify({ x: X, y: Y }));
  writeFileSync(path('x.npy'), encodeNpy(X.flat(2), [4, 3, 2]));
  writeFileSync(path('y.npy'), encodeNpy(Y.flat(), [4, 3]));
});

describe('per-step labels (Remark 3.2) in the data formats', () => {
  it('JSON and .npy give the same StepDataset; one-label readers say what they take', () => {
    const fromJson = parseLabelledJson(JSON.stringify({ x: X, y: Y }));
    const fromNpy = labelledFromNpy({ x: encodeNpy(X.flat(2), [4, 3, 2]), y: encodeNpy(Y.flat(), [4, 3]) });
    expect(isStepDataset(fromJson) && isStepDataset(fromNpy)).toBe(true);
    expect(Array.from(fromJson.y)).toEqual(Y.flat());
    expect(Array.from(fromNpy.y)).toEqual(Y.flat());
    expect(isStepDataset(parseLabelledJson(JSON.stringify({ x: X, y: [1, -1, 1, 1] })))).toBe(false);
    expect(() => parseDatasetJson(JSON.stringify({ x: X, y: Y }))).toThrow(/per-step labels/);
  });

  it('rejects ragged rows, wrong shapes, labels other than ±1 and fstar with per-step labels', () => {
    expect(() => parseLabelledJson(JSON.stringify({ x: X, y: [[1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]] }))).toThrow(/y\[0\] has 2 per-step labels; sequences have L = 3/);
    expect(() => parseLabelledJson(JSON.stringify({ x: X, y: Y.slice(1) }))).toThrow(FormatError);
    expect(() => parseLabelledJson(JSON.stringify({ x: X, y: [[2, 1, 1], ...Y.slice(1)] }))).toThrow(/−1 or \+1|±1/);
    expect(() => parseLabelledJson(JSON.stringify({ x: X, y: Y, fstar: [0, 0, 0, 0] }))).toThrow(/fstar/);
    expect(() => labelledFromNpy({ x: encodeNpy(X.flat(2), [4, 3, 2]), y: encodeNpy(Y.flat(), [3, 4]) })).toThrow(/shape \(4, 3\)/);
  });
});

describe('rnn-ntk train / kernel with per-step labels', () => {
  it('train on JSON and on .npy runs the library’s sequence-labelling SGD bit for bit', async () => {
    const args = ['--width', '16', '--steps', '30', '--lr', '0.5', '--seed', '3'];
    const json = await cliJson('train', '--data', path('steps.json'), ...args);
    const npy = await cliJson('train', '--data', path('x.npy'), '--labels', path('y.npy'), '--test', path('steps.json'), ...args);
    expect(json.labels).toMatch(/^per-step/);
    const model = createRnn({ m: 16, d: 2, L: 3, seed: 3 });
    const run = train(model, stepDataset(sequencesFromNested(X), Y.flat()), { steps: 30, eta0: 0.5 });
    model.dispose();
    for (const out of [json, npy]) {
      expect(out.final.runningLoss).toBe(run.final.runningLoss);
      expect(out.final.prequentialError).toBe(run.final.prequentialError);
    }
    expect(npy.final.heldOut.error).toBeGreaterThanOrEqual(0);
  });

  it('kernel reads a per-step labelled set (the labels do not enter the kernel)', async () => {
    writeFileSync(path('one.json'), JSON.stringify({ x: X, y: [1, -1, 1, -1] }));
    const a = await cliJson('kernel', '--data', path('steps.json'), '--get', 'nngp');
    const b = await cliJson('kernel', '--data', path('one.json'), '--get', 'nngp');
    expect(a.nngp).toEqual(b.nngp);
    const r = await cli('kernel', '--data', path('x.npy'), '--labels', path('x.npy'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/labels .npy must have shape \(4,\) or, per step, \(4, 3\)/);
  });
});
