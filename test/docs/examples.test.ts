/**
 * Every `@example` in the doc comments of src/ runs as written (with 'rnn-ntk' mapped to
 * src/index.ts and 'rnn-ntk/internals' to src/internals.ts), so the examples of the API
 * reference cannot rot. All examples run in one Node process, each as its own module.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The main functions of the API: each must carry an example. */
const MAIN = [
  'createRnn', 'forward', 'hiddenStates', 'gradient', 'train', 'sgdStep', 'evaluate', 'analyticNtk', 'empiricalNtk',
  'empiricalCorrelations', 'ntkComplexity', 'kernelComplexity', 'smallestEigenvalue', 'boundProxies', 'fitNtkPredictor',
  'fitKernelRegression', 'functionComplexity', 'functionComplexityN', 'sampleAdditiveTarget', 'sampleConceptData',
  'targetComplexity', 'cholesky', 'sequencesFromNested', 'parseDatasetJson', 'saveModel',
];

interface Example {
  readonly where: string;
  readonly owner: string;
  readonly code: string;
}

/** The ```ts blocks after @example in the doc comments of one source file. */
function examplesIn(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const out: Example[] = [];
  for (const doc of text.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(?:export\s+(?:declare\s+)?(?:async\s+)?(?:function|const|class|interface|type)\s+([\w$]+))?/g)) {
    const body = doc[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
    for (const m of body.matchAll(/@example\s*\n```ts\n([\s\S]*?)```/g)) {
      const line = text.slice(0, doc.index).split('\n').length;
      out.push({ where: `${relative(ROOT, file)}:${line}`, owner: doc[2] ?? '(module)', code: m[1] });
    }
  }
  return out;
}

const sources = readdirSync(join(ROOT, 'src'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.ts') && !f.includes('generated'))
  .map((f) => join(ROOT, 'src', f));
const examples = sources.flatMap(examplesIn);

describe('the @example blocks of the API reference', () => {
  it('exist for every main function', () => {
    const owners = new Set(examples.map((e) => e.owner));
    expect(MAIN.filter((name) => !owners.has(name))).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(20);
  });

  it('import only from the package and run without error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnn-ntk-examples-'));
    const files = examples.map((e, i) => {
      expect(e.code, `${e.where}: an example imports from 'rnn-ntk'`).toMatch(/from 'rnn-ntk(\/internals)?'/);
      expect(e.code.match(/from '([^']+)'/g)?.filter((s) => !/^from 'rnn-ntk(\/internals)?'$/.test(s)) ?? [], e.where).toEqual([]);
      const code = e.code
        .replaceAll("from 'rnn-ntk/internals'", `from ${JSON.stringify(join(ROOT, 'src/internals.ts'))}`)
        .replaceAll("from 'rnn-ntk'", `from ${JSON.stringify(join(ROOT, 'src/index.ts'))}`);
      const file = join(dir, `example-${i}.mts`);
      writeFileSync(file, code);
      return file;
    });
    const runner = join(dir, 'run.mts');
    writeFileSync(
      runner,
      `const files = ${JSON.stringify(files)};\nconst where = ${JSON.stringify(examples.map((e) => e.where))};\n` +
        'const failed = [];\nfor (let i = 0; i < files.length; i++) {\n' +
        '  try { await import(files[i]); } catch (err) { failed.push(`${where[i]}: ${err?.stack ?? err}`); }\n}\n' +
        'process.stderr.write(failed.join("\\n\\n"));\nprocess.exitCode = failed.length === 0 ? 0 : 1;\n',
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', runner], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
