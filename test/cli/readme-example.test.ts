/** The library example of README.md runs as written (with 'rnn-ntk' mapped to src/index.ts). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the README library example', () => {
  it('runs and prints sensible numbers', () => {
    const doc = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /## Library example\s+```ts\n([\s\S]*?)```/.exec(doc);
    expect(block, 'README.md has a ```ts block under "## Library example"').not.toBeNull();
    const code = block![1]
      .replace("from 'rnn-ntk'", `from ${JSON.stringify(join(ROOT, 'src/index.ts'))}`)
      .replace('console.log({', 'console.log(JSON.stringify({')
      .replace(/\}\);\nmodel\.dispose\(\);/, '}));\nmodel.dispose();');
    const file = join(mkdtempSync(join(tmpdir(), 'rnn-ntk-readme-')), 'example.mts');
    writeFileSync(file, code);
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    // H∞ diagonal with the paper's variances: L/2 + (1/(2L³)) Σ_{k<L} (L−k)‖X_k‖² ∈ [4 + 28·0.25/1024, 4 + 28·4/1024]
    expect(out.Hdiag).toBeGreaterThanOrEqual(4 + (28 * 0.25) / 1024);
    expect(out.Hdiag).toBeLessThanOrEqual(4 + (28 * 4) / 1024);
    expect(out.complexity).toBeGreaterThan(0);
    expect(out.aroraTerm).toBeCloseTo(Math.sqrt((2 * out.complexity) / 1000), 12);
    expect(out.sgdTest).toBe(out.sgdHeldOut);
    for (const e of [out.sgdTest, out.ntkTest]) expect(e).toBeGreaterThanOrEqual(0);
    expect(out.ntkTest).toBeLessThan(0.2); // docs/experiments.md#what-to-expect-at-small-sizes: the NTK predictor reached 0.06–0.07 for n = 250–2000
  });
});

describe('the README table of where the paper lives', () => {
  it('names only functions and values the package root exports', async () => {
    const lib: Record<string, unknown> = await import('../../src/index.js');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.split('## What the paper defines')[1]?.split('\n## ')[0];
    expect(table, 'README.md has the section "What the paper defines…"').toBeDefined();
    // `name` or `name(…)`; CLI strings such as `rnn-ntk demo` or `backward-decay` are not names
    const names = [...table!.matchAll(/`([A-Za-z_$][\w$]*)(\([^`]*\))?`/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((n) => !(n in lib))).toEqual([]);
  });
});
