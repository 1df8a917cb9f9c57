/**
 * Issue 10, item 4 — fuzzing every flag of the data commands in-process: a valid base command
 * with one flag set to a generated (mostly malformed) value ends with exit 0, 1 or 2 and, on
 * failure, a message without a stack trace — never exit 70 (a bug) or a hang. Counts and sizes
 * that would merely make a valid run long are capped (a long valid run is not a failure).
 * `experiment` and `demo` take no data flags and run full experiments; they are not fuzzed here.
 */
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { createRnn, encodeNpy, saveModel } from '../../src/index.js';
import { cli } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'rnn-ntk-fuzz-'));
const path = (name: string) => join(dir, name);

beforeAll(() => {
  const x = [[[1, 0], [0.5, -1]], [[0, 1], [1, 1]], [[1, 1], [-0.5, 2]]];
  writeFileSync(path('d.json'), JSON.stringify({ x, y: [1, -1, 1], fstar: [0.4, -0.3, 0.2] }));
  writeFileSync(path('x.npy'), encodeNpy(x.flat(2), [3, 2, 2]));
  writeFileSync(path('y.npy'), encodeNpy([1, -1, 1], [3]));
  writeFileSync(path('garbage.json'), '{"x": [[[1');
  writeFileSync(path('garbage.npy'), 'nonsense');
  writeFileSync(path('text.txt'), 'hello');
  mkdirSync(path('a-dir.json'));
  execFileSync('mkfifo', [path('fifo.json')]);
  const model = createRnn({ m: 4, d: 2, L: 2, seed: 1 });
  writeFileSync(path('m.bin'), saveModel(model));
  model.dispose();
});

/** A valid invocation of each fuzzed command, tiny and fast. */
const BASE: Record<string, () => string[]> = {
  sample: () => ['additive', '--n', '3', '--L', '2', '--d', '2'],
  kernel: () => ['--data', path('d.json')],
  complexity: () => ['--data', path('d.json')],
  train: () => ['--data', path('d.json'), '--width', '4', '--steps', '2'],
  predict: () => ['--model', path('m.bin'), '--data', path('d.json')],
};

/** Flags whose value is a path: fuzzed from a pool of awkward files, all inside the test's folder. */
const INPUT_FILES = ['--data', '--labels', '--fstar', '--test', '--test-labels', '--model'];
const OUTPUT_FILES = ['--out', '--labels-out', '--test-out', '--save'];
/** Flags counting work: a valid value above this only makes a valid run longer, so it is capped. */
const COUNTS = new Set(['--n', '--L', '--d', '--steps', '--width', '--test-n', '--terms', '--batch', '--report-every']);
const COUNT_CAP = 12;

const EDGE_VALUES = ['', ' ', '-1', '0', '1', '2', '1.5', 'NaN', 'Infinity', '-Infinity', '1e309', '1e-320', '9007199254740993', '0x10', '1,2', 'abc', '--json', '-', '1e300', '-0', '3e2'];
const inputPool = () => ['d.json', 'x.npy', 'y.npy', 'garbage.json', 'garbage.npy', 'text.txt', 'a-dir.json', 'fifo.json', 'missing.json', 'm.bin'].map(path);
const outputPool = () => ['o/out.json', 'o/out.npy', 'o/out.txt', 'a-dir.json', 'o/', 'x.npy.partial'].map(path);

function flagsOf(command: string): string[] {
  const cmd = buildProgram({ stdout: () => {}, stderr: () => {}, stderrIsTTY: false }).commands.find((c) => c.name() === command)!;
  return cmd.options.map((o) => o.long!).filter((f) => f !== '--help' && f !== '--json');
}

/** Runs per command: every flag is drawn many times over. */
const RUNS = 120;

describe.each(Object.keys(BASE))('rnn-ntk %s with one fuzzed flag', (command) => {
  it(`ends with exit 0, 1 or 2 and no stack (${RUNS} cases)`, async () => {
    const flags = flagsOf(command);
    const caseOf = fc.constantFrom(...flags).chain((flag) => {
      const values = INPUT_FILES.includes(flag)
        ? fc.constantFrom(...inputPool())
        : OUTPUT_FILES.includes(flag)
          ? fc.constantFrom(...outputPool())
          : fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.string({ maxLength: 8 }), fc.double().map(String), fc.integer().map(String), fc.constantFrom('sin:2+poly:1', 'exp', 'poly:', 'arctan:0'));
      return fc.tuple(fc.constant(flag), values, fc.boolean());
    });
    const endings: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(caseOf, async ([flag, value, json]) => {
        const capped = COUNTS.has(flag) && Number(value) > COUNT_CAP ? String(COUNT_CAP) : value;
        const args = [command, ...BASE[command](), flag, capped, ...(json ? ['--json'] : [])];
        const r = await cli(...args);
        endings[r.code] = (endings[r.code] ?? 0) + 1;
        if (process.env.FUZZ_REPORT === "all") console.log(args.join(" "), "=>", r.code, r.stderr.split("\n")[0]);
        expect([0, 1, 2], `rnn-ntk ${args.join(' ')}\n${r.stderr}`).toContain(r.code);
        expect(r.stderr, `rnn-ntk ${args.join(' ')}`).not.toMatch(/internal error|\n\s+at /);
        if (r.code === 0 && json) expect(() => JSON.parse(r.stdout)).not.toThrow();
        if (r.code !== 0) expect(r.stderr).toMatch(/^(rnn-ntk: |error: )/);
      }),
      { numRuns: RUNS, seed: 11 },
    );
    if (process.env.FUZZ_REPORT !== undefined) console.log(`${command}: exit codes ${JSON.stringify(endings)}`);
  });
});
