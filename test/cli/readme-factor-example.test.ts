/**
 * The README's "Large kernels" TypeScript snippet (one factor for the complexity, λ_min and the
 * predictor) runs as written on a small training set, and its numbers agree with the separate
 * calls that factor H∞ themselves.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the README "Large kernels" example', () => {
  it('runs, and the shared factor gives the values of the separate calls', () => {
    const doc = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /## Large kernels[^\n]*\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(doc);
    expect(block, 'README.md has a ```ts block under "## Large kernels"').not.toBeNull();
    const code = [
      `import { Rng, learningCurvePreset, factorAnalyticNtk, ntkComplexity, smallestEigenvalue, fitNtkPredictor } from ${JSON.stringify(join(ROOT, 'src/index.ts'))};`,
      'const rng = new Rng(42);',
      'const trainSet = learningCurvePreset.sample(rng, learningCurvePreset.target(rng), 150).data;',
      '{',
      block![1],
      'const separate = ntkComplexity(trainSet.x, trainSet.y, { jitter: true });',
      'const separateLambda = smallestEigenvalue(factorAnalyticNtk(trainSet.x, { jitter: true }));',
      'const separateNtk = fitNtkPredictor(trainSet.x, trainSet.y, { jitter: true });',
      'console.log(JSON.stringify({ c: c.value, separate: separate.value, lambda: lambda.value, separateLambda: separateLambda.value,',
      '  alpha: Array.from(ntk.regression.coefficients), separateAlpha: Array.from(separateNtk.regression.coefficients) }));',
      '}',
    ].join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'rnn-ntk-readme-factor-')), 'example.mts');
    writeFileSync(file, code);
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.c).toBeGreaterThan(0);
    expect(out.c).toBe(out.separate);
    expect(out.lambda).toBe(out.separateLambda);
    expect(out.alpha).toEqual(out.separateAlpha);
  });
});
