/**
 * Issue 10, item 3: the CLI at its edges (table rows 5, 6, 8–15 and the three misleading
 * messages). Each case ends in a correct result or one line on stderr naming what to fix,
 * never a stack trace or exit 70.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { writeFilePieces } from '../../src/cli/files.js';
import { jsonPieces } from '../../src/cli/json-stream.js';
import { toJson } from '../../src/cli/io.js';
import { assertFitsHeap } from '../../src/cli/size-limits.js';
import { encodeNpyChunks } from '../../src/io/npy.js';
import { createRnn, decodeNpy, encodeNpy, parseDatasetJson, FormatError, saveModel } from '../../src/index.js';
import { cli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'rnn-ntk-edges-'));
const path = (name: string) => join(dir, name);
/** Three sequences of L = 3 tokens in R² (any finite values: only shapes and files matter here). */
const X = [0.3, -1, 1.2, 0.4, -0.7, 2, 1, 1, -0.2, 0.9, 0.5, -1.1, 2, 0, 0.6, -0.8, -1.5, 0.25].reduce<number[][][]>((seqs, v, i) => {
  if (i % 6 === 0) seqs.push([]);
  const seq = seqs[seqs.length - 1];
  if (i % 2 === 0) seq.push([]);
  seq[seq.length - 1].push(v);
  return seqs;
}, []);

beforeAll(() => {
  writeFileSync(path('d.json'), JSON.stringify({ x: X, y: [1, -1, 1] }));
  writeFileSync(path('x.npy'), encodeNpy(X.flat(2), [3, 3, 2]));
  writeFileSync(path('y.npy'), encodeNpy([1, -1, 1], [3]));
  writeFileSync(path('y-bad.npy'), encodeNpy([1, 0, 1], [3]));
  writeFileSync(path('y-short.npy'), encodeNpy([1, -1], [2]));
  writeFileSync(path('y-garbage.npy'), 'not an npy file');
  writeFileSync(path('f-nan.npy'), encodeNpy([1, NaN, 1], [3]));
  writeFileSync(path('huge.json'), JSON.stringify({ x: [[[1e308, 1e308]], [[-1e308, 1e308]]], y: [1, -1] }));
});

/** A usage error reported by the option parser: exit 2, the message, its hint line, no stack. */
function expectParserError(r: { code: number; stderr: string }, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** One line on stderr, no stack, the given exit code and message. */
function expectOneLine(r: { code: number; stderr: string }, code: number, message: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('row 5/6: outputs are streamed through a temporary file', () => {
  it('kernel --out .npy and .json hold exactly what the kernel --json prints', async () => {
    const printed = JSON.parse((await cli('kernel', '--data', path('d.json'), '--json')).stdout);
    expect((await cli('kernel', '--data', path('d.json'), '--out', path('H.npy'))).code).toBe(0);
    expect((await cli('kernel', '--data', path('d.json'), '--out', path('H.json'))).code).toBe(0);
    const npy = decodeNpy(readFileSync(path('H.npy')));
    expect(npy.shape).toEqual([3, 3]);
    expect(Array.from(npy.data)).toEqual(printed.H.flat());
    expect(JSON.parse(readFileSync(path('H.json'), 'utf8')).H).toEqual(printed.H);
  });

  it('.npy chunks carry at most 1 MiB of payload each, and concatenate to encodeNpy', () => {
    const data = Float64Array.from({ length: 300_000 }, (_, i) => i / 7);
    const chunks = [...encodeNpyChunks(data, [300, 1000])];
    expect(Math.max(...chunks.slice(1).map((c) => c.length))).toBeLessThanOrEqual(1 << 20);
    expect(Buffer.concat(chunks).equals(Buffer.from(encodeNpy(data, [300, 1000])))).toBe(true);
  });

  it('JSON pieces of long rows stay small and join to exactly toJson', () => {
    const rows = Array.from({ length: 12 }, (_, i) => Float64Array.from({ length: 9000 }, (_, j) => Math.sin(i * 9000 + j) * 10 ** ((j % 40) - 20)));
    rows[3][5] = Infinity; // non-finite numbers become strings, as in toJson
    const value = { H: rows, n: 12, note: 'x', nested: [{ a: null, b: undefined }, undefined] };
    const pieces = [...jsonPieces(value)];
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(4096 * 25 + 2);
    expect(pieces.join('')).toBe(toJson(value));
  });

  it('the size check names the largest size that fits (here n² f64: ⌊√(2^29)⌋ = 23170)', () => {
    expect(() => assertFitsHeap('a square', 'n', 30000, (n) => 8 * n * n, '')).toThrow(/the largest n that fits is 23170$/);
    expect(() => assertFitsHeap('a square', 'n', 23170, (n) => 8 * n * n, '')).not.toThrow();
  });

  it('a write that fails part-way leaves neither the file nor a temporary behind', () => {
    const target = path('partial/out.npy');
    function* failing(): Generator<Uint8Array> {
      yield new Uint8Array(100);
      throw new FormatError('stopped on purpose');
    }
    expect(() => writeFilePieces(target, failing())).toThrow(FormatError);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(path('partial'))).toEqual([]);
  });

  it('a kernel too large for the heap is refused before computing, naming the largest n and the option', async () => {
    // 30000 sequences of length 1: H alone is 7.2 GB; no sequence is ever read into the kernel
    writeFileSync(path('many.npy'), encodeNpy(new Float64Array(30000).fill(1), [30000, 1, 1]));
    writeFileSync(path('many-y.npy'), encodeNpy(new Float64Array(30000).fill(1), [30000]));
    const r = await cli('kernel', '--data', path('many.npy'), '--labels', path('many-y.npy'), '--per-step');
    expectOneLine(r, 2, /largest n that fits is \d+; drop --per-step/);
    // the library's own check (factorAnalyticNtk): a WasmMemoryError, exit 1, before any work
    expectOneLine(await cli('complexity', '--data', path('many.npy'), '--labels', path('many-y.npy')), 1, /WasmMemoryError: H∞ and its Cholesky factor .* at n = 30000 .* the largest n that fits is \d+; .*--rows a:b/);
    expectOneLine(await cli('kernel', '--data', path('many.npy'), '--labels', path('many-y.npy'), '--empirical', '--width', '4'), 2, /the largest n that fits is \d+/);
  });

  it('a network too wide for the heap is refused before it is allocated, naming the largest width', async () => {
    expectOneLine(await cli('train', '--data', path('d.json'), '--width', '30000', '--steps', '1'), 2, /for m = 30000 .* the largest m that fits is \d+; use a smaller --width/);
  });
});

describe('row 8: deep nesting', () => {
  it('200,000 nested [ in a data file is a FormatError (library and CLI)', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    for (const text of [`{"x": ${deep}, "y": [1]}`, `{"x": [[[1]]], "y": ${deep}}`, `{"x": [[${deep}]], "y": [1]}`, `{"x": ${'['.repeat(200_000)}`]) {
      expect(() => parseDatasetJson(text)).toThrow(FormatError);
    }
    writeFileSync(path('deep.json'), `{"x": [[[1]]], "y": ${deep}}`);
    expectOneLine(await cli('complexity', '--data', path('deep.json')), 1, /FormatError: .*deep\.json/);
  });
});

describe('row 9: label and F* file errors name the file at fault', () => {
  it.each([
    ['y-bad.npy', /y-bad\.npy: .*labels must be −1 or \+1/],
    ['y-short.npy', /y-short\.npy: .*shape \(3,\)/],
    ['y-garbage.npy', /y-garbage\.npy: .*not a \.npy file/],
  ])('--labels %s', async (file, message) => {
    const r = await cli('complexity', '--data', path('x.npy'), '--labels', path(file));
    expectOneLine(r, 1, message);
    expect(r.stderr).not.toMatch(/x\.npy:/);
  });

  it('--fstar with a NaN names the F* file', async () => {
    const r = await cli('complexity', '--data', path('x.npy'), '--labels', path('y.npy'), '--fstar', path('f-nan.npy'), '--target', 'fstar');
    expectOneLine(r, 1, /f-nan\.npy: .*F\* must be finite/);
  });

  it('--test-labels errors name the held-out labels file', async () => {
    const r = await cli('train', '--data', path('d.json'), '--test', path('x.npy'), '--test-labels', path('y-bad.npy'), '--width', '4', '--steps', '1');
    expectOneLine(r, 1, /y-bad\.npy: /);
  });
});

describe('row 10: flags given where they are not used', () => {
  it('--labels and --fstar with a .json data set, --fstar outside complexity, --test-labels with a .json --test', async () => {
    expectOneLine(await cli('complexity', '--data', path('d.json'), '--labels', path('y.npy')), 2, /--labels applies to a \.npy --data only/);
    expectOneLine(await cli('complexity', '--data', path('d.json'), '--fstar', path('y.npy')), 2, /--fstar applies to a \.npy --data only/);
    expectParserError(await cli('kernel', '--data', path('d.json'), '--fstar', path('y.npy')), /unknown option '--fstar'/);
    expectParserError(await cli('train', '--data', path('d.json'), '--fstar', path('y.npy'), '--width', '4', '--steps', '1'), /unknown option '--fstar'/);
    expectOneLine(
      await cli('train', '--data', path('d.json'), '--test', path('d.json'), '--test-labels', path('y.npy'), '--width', '4', '--steps', '1'),
      2,
      /--test-labels applies to a \.npy --test only/,
    );
  });
});

describe('row 11: a closed pipe or a full disk', () => {
  it.each(['EPIPE', 'ENOSPC'])('%s on stdout is one line and exit 1', async (code) => {
    let stderr = '';
    const failing = () => {
      throw Object.assign(new Error(`write ${code}`), { code });
    };
    const exit = await runCli(['kernel', '--data', path('d.json'), '--json'], { stdout: failing, stderr: (s) => (stderr += s), stderrIsTTY: false });
    expectOneLine({ code: exit, stderr }, 1, new RegExp(`cannot write the output \\(${code}`));
  });

  it('ENOSPC while writing a file is one line naming the file, and leaves no file', () => {
    const target = path('full/out.json');
    function* full(): Generator<string> {
      yield '{';
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    expect(() => writeFilePieces(target, full())).toThrow(/cannot write '.*out\.json': no space left on the device/);
    expect(readdirSync(path('full'))).toEqual([]);
  });
});

describe('rows 12, 13: absurd sample sizes and norms', () => {
  it('--n 1000000000 is a usage error naming the largest n', async () => {
    expectOneLine(await cli('sample', 'additive', '--n', '1000000000'), 2, /the largest n that fits is \d+; use a smaller --n/);
  });
  it('--cmax 1e300 is refused (squared norms would overflow)', async () => {
    expectOneLine(await cli('sample', 'additive', '--n', '5', '--cmax', '1e300'), 1, /Cmax = 1e\+300 is beyond 1e\+150/);
  });
});

describe('row 14: only regular files are read', () => {
  it.each(['/dev/zero', '/dev/urandom'])('--data naming %s (through a .json / .npy link)', async (device) => {
    expectOneLine(await cli('kernel', '--data', device), 2, /cannot tell the format/);
    const name = device.slice(5);
    symlinkSync(device, path(`${name}.json`));
    symlinkSync(device, path(`${name}.npy`));
    expectOneLine(await cli('kernel', '--data', path(`${name}.json`)), 2, /not a regular file/);
    expectOneLine(await cli('kernel', '--data', path(`${name}.npy`), '--labels', path('y.npy')), 2, /not a regular file/);
    expectOneLine(await cli('kernel', '--data', path('x.npy'), '--labels', path(`${name}.npy`)), 2, /labels .*not a regular file/);
  });
  it('--data naming a FIFO does not block', async () => {
    const fifo = path('fifo.json');
    execFileSync('mkfifo', [fifo]);
    expectOneLine(await cli('kernel', '--data', fifo), 2, /not a regular file/);
  });
  it('--data naming a directory', async () => {
    expectOneLine(await cli('kernel', '--data', dir), 2, /it is a directory|cannot tell the format/);
  });
});

describe('row 15: training on entries of 1e308', () => {
  it('is a NonFiniteError naming the SGD step, not a running loss of 0', async () => {
    expectOneLine(await cli('train', '--data', path('huge.json'), '--width', '8', '--steps', '20'), 1, /NonFiniteError: SGD step \d+: the update of W would overflow/);
  });
});

describe('the three misleading messages', () => {
  it('a predict L/d mismatch blames the shapes, not the model file', async () => {
    const model = createRnn({ m: 4, d: 2, L: 4, seed: 1 });
    writeFileSync(path('m.bin'), saveModel(model));
    model.dispose();
    expectOneLine(await cli('predict', '--model', path('m.bin'), '--data', path('d.json')), 1, /ShapeError: the saved network has L = 4, but L = 3 was expected/);
  });

  it("a corrupted count field says which field and what it should be", async () => {
    const model = createRnn({ m: 4, d: 2, L: 3, seed: 1 });
    const bytes = saveModel(model);
    model.dispose();
    new DataView(bytes.buffer).setUint32(20, 7, true); // the count is outside the checksum
    writeFileSync(path('count.bin'), bytes);
    const r = await cli('predict', '--model', path('count.bin'), '--data', path('d.json'));
    expectOneLine(r, 1, /payload count is 7, but m = 4 and d = 2 need \d+ values/);
  });

  it("a model whose W overflows is blamed on the model, not on the user's data", async () => {
    const model = createRnn({ m: 4, d: 2, L: 3, seed: 1 });
    model.setWeights(new Float64Array(16).fill(1e308));
    writeFileSync(path('w.bin'), saveModel(model));
    model.dispose();
    const r = await cli('predict', '--model', path('w.bin'), '--data', path('d.json'));
    expectOneLine(r, 1, /NonFiniteError: the network's output .* the model's parameters overflow/);
  });
});
