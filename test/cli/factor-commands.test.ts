/**
 * The CLI parts of the one-factor work: `kernel --rows a:b` shards with the bits of the full
 * kernel, `complexity` reporting the λ_min interval, condition estimate and pivot ratio and
 * drawing its bar over kernel → factor → λ_min on a terminal, and a duplicated sequence
 * giving one clear line instead of a number.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { jacobiEigenvalues } from '../complexity/jacobi.js';
import { fakeTerminal } from './fake-terminal.js';
import { cli, cliJson } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'rnn-ntk-factor-cli-'));
const path = (name: string) => join(dir, name);

/** Five sequences (L = 3, d = 2), and the same set with sequence 4 a copy of sequence 0. */
const X = [
  [[1, 0], [0.5, -1], [2, 1]],
  [[0, 1], [1, 1], [-1, 0.5]],
  [[1, 1], [-0.5, 2], [0, -1.5]],
  [[0.3, -0.7], [1.2, 0.1], [-0.4, 0.9]],
  [[2, -1], [0, 0.5], [1, 1]],
];

beforeAll(() => {
  writeFileSync(path('five.json'), JSON.stringify({ x: X, y: [1, -1, 1, -1, 1] }));
  writeFileSync(path('copies.json'), JSON.stringify({ x: [...X.slice(0, 4), X[0]], y: [1, -1, 1, -1, -1] }));
});

describe('rnn-ntk kernel --rows', () => {
  it('row shards assemble to the full kernel bit for bit; bad ranges are usage errors', async () => {
    const full = (await cliJson('kernel', '--data', path('five.json'))).H as number[][];
    const shards = [await cliJson('kernel', '--data', path('five.json'), '--rows', '0:2'), await cliJson('kernel', '--data', path('five.json'), '--rows', '2:5')];
    expect(shards[0].rows).toEqual([0, 2]);
    expect([...shards[0].H, ...shards[1].H]).toEqual(full);
    // the diagonal mean of a shard is over its own diagonal entries (i, a + i)
    expect(shards[1].diagonalMean).toBeCloseTo((full[2][2] + full[3][3] + full[4][4]) / 3, 14);
    for (const bad of ['3:3', '4:2', 'a:b', '0:6']) {
      const r = await cli('kernel', '--data', path('five.json'), '--rows', bad);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/rows/);
    }
    expect((await cli('kernel', '--data', path('five.json'), '--rows', '0:2', '--per-step')).code).toBe(2);
  });
});

describe('rnn-ntk complexity from one factor', () => {
  it('reports λ_min with its certified interval (containing the Jacobi λ_min), κ₁ and the pivot ratio', async () => {
    const H = ((await cliJson('kernel', '--data', path('five.json'))).H as number[][]).flat();
    const truth = jacobiEigenvalues(H, 5)[0];
    const out = await cliJson('complexity', '--data', path('five.json'));
    expect(out.lambdaMinConverged).toBe(true);
    expect(Math.abs(out.lambdaMin - truth) / truth).toBeLessThanOrEqual(2e-10);
    expect(out.lambdaMinInterval[0]).toBeLessThanOrEqual(truth * (1 + 2e-10));
    expect(out.lambdaMinInterval[1]).toBeGreaterThanOrEqual(truth * (1 - 2e-10));
    expect(out.conditionEstimate).toBeGreaterThan(1);
    expect(out.smallestPivotRatio).toBeGreaterThan(0);
    expect(out.smallestPivotRatio).toBeLessThanOrEqual(1);
  });

  it('a duplicated sequence is one clear line (not positive definite), and with --jitter a flagged value', async () => {
    const r = await cli('complexity', '--data', path('copies.json'));
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBe(70);
    expect(r.stderr).toMatch(/not positive definite/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const jittered = await cliJson('complexity', '--data', path('copies.json'), '--jitter');
    expect(jittered.jitterLambda).toBeGreaterThan(0);
    expect(jittered.note).toMatch(/not numerically positive definite/);
  });

  it('draws its progress bar on a terminal (the stage callbacks are checked in test/complexity/singular-kernel.test.ts)', async () => {
    const term = fakeTerminal();
    let stdout = '';
    const code = await runCli(['complexity', '--data', path('five.json')], {
      stdout: (s) => (stdout += s),
      stderr: () => {},
      stderrIsTTY: true,
      progressStream: term.stream,
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/λ_min\(H∞\)/);
    // cli-progress redraws at most every 100 ms, so at this size only the first stage is sure to be drawn
    expect(term.text()).toMatch(/complexity \[.*\] 0% \| H∞ kernel/);
  });
});
