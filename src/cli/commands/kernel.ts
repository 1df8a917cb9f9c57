/**
 * `rnn-ntk kernel`: the analytic NNGP or tangent kernel of a data set's sequences for any set of
 * trained parameter groups (docs/kernel-function.md; the default is H∞ of Theorem 3), or the
 * empirical kernel of a width-m network — at initialisation, or a saved (trained) one — with
 * the per-step kernels H^l on request; written as JSON or .npy, or printed.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { encodeNpyChunks, encodeStackedNpyChunks } from '../../io/npy.js';
import { analyticNtk, analyticNtkRows, empiricalKernelFn, kernelFn, type KernelKind } from '../../kernels/index.js';
import { createRnn, loadModel, type Rnn } from '../../rnn/index.js';
import type { Matrix } from '../../linalg/matrix.js';
import { labelledDataFromOptions, withDataOptions, type DataOptions } from '../data-options.js';
import { UsageError } from '../errors.js';
import { analyticKernelBytes, assertFitsHeap, empiricalKernelBytes } from '../size-limits.js';
import { outputFormat, readBytes, writeFilePieces } from '../files.js';
import { assertWidthForInit, withKernelChoice, type KernelChoiceOptions } from '../kernel-options.js';
import type { CliIo } from '../io.js';
import { jsonPieces, printJson, rowViews } from '../json-stream.js';
import { intAtLeast, oneOf, withCommonOptions, type CommonOptions } from '../options.js';

interface KernelOptions extends CommonOptions, DataOptions, KernelChoiceOptions {
  readonly empirical: boolean;
  readonly width?: number;
  readonly model?: string;
  readonly perStep: boolean;
  readonly get: KernelKind;
  readonly diagonal: boolean;
  readonly out?: string;
  readonly rows?: readonly [number, number];
}

/** Parses `--rows a:b` (0-based, b exclusive) into [a, b]. */
function rowRange(value: string): readonly [number, number] {
  const m = /^(\d+):(\d+)$/.exec(value.trim());
  if (m === null || Number(m[1]) >= Number(m[2])) {
    throw new InvalidArgumentError(`expected a:b with integers 0 <= a < b (rows a..b−1 of H∞), got '${value}'.`);
  }
  return [Number(m[1]), Number(m[2])];
}

/** Throws UsageError for flag combinations that do not go together. */
function checkFlags(opts: KernelOptions): void {
  if (opts.empirical && opts.width === undefined && opts.model === undefined) {
    throw new UsageError('--empirical needs --width <m> (a network at initialisation) or --model <file> (a saved one)');
  }
  if (opts.model !== undefined && !opts.empirical) throw new UsageError('--model applies with --empirical (the kernel of that network)');
  if (opts.model !== undefined && opts.width !== undefined) throw new UsageError('--model fixes the width: drop --width');
  if (opts.perStep && (opts.empirical || opts.get !== 'ntk' || opts.trainable.join() !== 'W' || opts.diagonal)) {
    throw new UsageError('--per-step is available for the analytic H∞ only (no --empirical, --get nngp, --trainable or --diagonal)');
  }
  if (opts.diagonal && opts.empirical) throw new UsageError('--diagonal is available for the analytic kernels only (drop --empirical)');
  if (opts.rows !== undefined && (opts.empirical || opts.perStep || opts.diagonal || opts.get !== 'ntk' || opts.trainable.join() !== 'W')) {
    throw new UsageError('--rows applies to the analytic H∞ only (drop --empirical, --per-step, --diagonal, --get nngp and --trainable)');
  }
  if (!opts.empirical) assertWidthForInit(opts);
}

/** The empirical network the flags name: a saved model, or a seeded one at initialisation. */
function networkFor(opts: KernelOptions, L: number, d: number): Rnn {
  if (opts.model !== undefined) return loadModel(readBytes(opts.model, 'model'), { backend: opts.backend, expect: { L, d } });
  return createRnn({ m: opts.width!, d, L, init: opts.init, seed: opts.seed, backend: opts.backend });
}

/** The rows of a square matrix as views, for streamed JSON. */
function rows(H: Matrix): Float64Array[] {
  return rowViews(H.data, H.rows, H.cols);
}

/**
 * The kernel under its output key: "H" for a tangent kernel n×n (the name of H∞), "nngp" for
 * the NNGP, "diagonal" (n values) with --diagonal.
 */
function kernelEntry(K: Matrix, get: KernelKind, diagonal: boolean): Record<string, Float64Array | Float64Array[]> {
  if (diagonal) return { diagonal: K.data };
  return { [get === 'nngp' ? 'nngp' : 'H']: rows(K) };
}

/**
 * Writes the kernel (and H^1..H^L) to a .json ({"H" | "nngp" | "diagonal", "perStep"?}) or .npy
 * ((n, n); (n,) with --diagonal; (L, n, n) with --per-step) file, streamed (JSON by rows, .npy
 * by 1 MiB chunks), so any size the heap holds can be written.
 */
function writeKernel(path: string, K: Matrix, perStep: readonly Matrix[], get: KernelKind, diagonal: boolean): void {
  if (outputFormat(path) === '.json') {
    writeFilePieces(path, jsonPieces({ ...kernelEntry(K, get, diagonal), ...(perStep.length > 0 ? { perStep: perStep.map(rows) } : {}) }));
  } else if (diagonal) {
    writeFilePieces(path, encodeNpyChunks(K.data, [K.rows]));
  } else if (perStep.length === 0) {
    writeFilePieces(path, encodeNpyChunks(K.data, [K.rows, K.cols]));
  } else {
    writeFilePieces(path, encodeStackedNpyChunks(perStep.map((m) => m.data), [perStep.length, K.rows, K.cols]));
  }
}

/**
 * Mean diagonal and off-diagonal entry and the range of H, or of its block of rows starting at
 * row `first` (one pass: no spread of n² values); for a diagonal alone (n×1) its mean and range.
 */
function summary(H: Matrix, first = 0): { diagonalMean: number; offDiagonalMean: number; min: number; max: number } {
  const [rows, n] = [H.rows, H.cols];
  if (n === 1 && rows > 1) {
    let sum = 0;
    for (const v of H.data) sum += v;
    return { diagonalMean: sum / rows, offDiagonalMean: NaN, min: H.data.reduce((a, b) => Math.min(a, b)), max: H.data.reduce((a, b) => Math.max(a, b)) };
  }
  let diag = 0;
  let off = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < n; j++) {
      const v = H.data[i * n + j];
      if (first + i === j) diag += v;
      else off += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return { diagonalMean: diag / rows, offDiagonalMean: n > 1 ? off / (rows * (n - 1)) : 0, min, max };
}

/** Registers `kernel`. */
export function registerKernel(program: Command, io: CliIo): Command {
  return withKernelChoice(withCommonOptions(withDataOptions(program.command('kernel').description('compute the NTK (H∞ by default) or NNGP of a data set, analytic or empirical'))))
    .option('--get <kind>', "the kernel: 'ntk' (tangent kernel) or 'nngp' (output covariance at initialisation)", oneOf(['ntk', 'nngp'] as const), 'ntk')
    .option('--diagonal', 'only the diagonal K(x_i, x_i), in O(n·L·d) (analytic only); written as an (n,) array', false)
    .option('--empirical', 'the empirical kernel of a width-m network (--width, seeded at initialisation, or --model) instead of the analytic one', false)
    .option('--width <m>', "network width m: for --empirical, or for the analytic kernel with --init algorithm1 (vB = 1/m) or B's width-m term", intAtLeast(1))
    .option('--model <file>', 'with --empirical: a network saved by `rnn-ntk train --save` (its trained parameters)')
    .option('--per-step', 'also the per-step kernels H^1..H^L of sequence labelling (Remark 3.2; analytic H∞ only)', false)
    .option('--out <file>', 'write the kernel to a .json or .npy file')
    .option('--rows <a:b>', 'only rows a..b−1 of H∞ (the same bits as in the full kernel): one shard of a kernel computed by a job array', rowRange)
    .action((opts: KernelOptions) => {
      checkFlags(opts);
      if (opts.out !== undefined) outputFormat(opts.out); // a bad extension fails before the kernel is computed
      const ds = labelledDataFromOptions(opts); // labels unused: one per sequence or per step (Remark 3.2)
      if (opts.rows !== undefined && opts.rows[1] > ds.x.n) {
        throw new UsageError(`--rows ${opts.rows[0]}:${opts.rows[1]} runs past the ${ds.x.n} sequences of the data set`);
      }
      const { n, L, d } = ds.x;
      if (!opts.empirical && opts.rows === undefined) { // a shard of rows checks its own memory
        assertFitsHeap(`H∞${opts.perStep ? ` with ${L} per-step kernels` : ''}`, 'n', n, analyticKernelBytes(L, d, opts.perStep ? L : 0), opts.perStep ? 'drop --per-step, or use fewer sequences' : 'use fewer sequences');
      }
      let H: Matrix;
      let perStep: readonly Matrix[] = [];
      let width = opts.width;
      const request = { get: [opts.get], trainable: opts.trainable };
      if (opts.empirical) {
        const fits = (m: number): void => assertFitsHeap(`the empirical NTK (m = ${m})`, 'n', n, empiricalKernelBytes(m, L, d), 'use fewer sequences or a smaller --width');
        if (opts.model === undefined) fits(opts.width!); // before the network is drawn
        const model = networkFor(opts, L, d);
        width = model.m;
        try {
          fits(model.m);
          H = empiricalKernelFn(model, ds.x, undefined, request)[opts.get]!;
        } finally {
          model.dispose();
        }
      } else if (opts.rows !== undefined) {
        H = analyticNtkRows(ds.x, opts.rows[0], opts.rows[1], { backend: opts.backend });
      } else if (opts.perStep) {
        const k = analyticNtk(ds.x, { perStep: true, backend: opts.backend });
        H = k.H;
        perStep = [...k.perStep.values()]; // H^1..H^L in step order
      } else {
        H = kernelFn(ds.x, undefined, { ...request, init: opts.init, m: width, diagonal: opts.diagonal, backend: opts.backend })[opts.get]!;
      }
      if (opts.out !== undefined) writeKernel(opts.out, H, perStep, opts.get, opts.diagonal);
      const what = opts.get === 'nngp' ? 'NNGP' : opts.trainable.join() === 'W' ? 'NTK (W: H∞)' : `NTK (${opts.trainable.join(' + ')})`;
      const kind = opts.empirical
        ? `empirical ${what} (m = ${width}, ${opts.model !== undefined ? `model ${opts.model}` : `seed ${opts.seed}`})`
        : `analytic ${what}${opts.diagonal ? ' diagonal' : ''}`;
      const stats = summary(H, opts.rows?.[0]);
      if (opts.json) {
        printJson(io, {
          kernel: opts.empirical ? 'empirical' : 'analytic',
          get: opts.get,
          trainable: opts.trainable,
          init: opts.init,
          n, L, d,
          ...(opts.empirical ? { width, ...(opts.model !== undefined ? { model: opts.model } : { seed: opts.seed }) } : {}),
          ...(opts.rows !== undefined ? { rows: opts.rows } : {}),
          ...(opts.diagonal ? { diagonalMean: stats.diagonalMean, min: stats.min, max: stats.max } : stats),
          ...(opts.out !== undefined
            ? { out: opts.out }
            : { ...kernelEntry(H, opts.get, opts.diagonal), ...(perStep.length > 0 ? { perStep: perStep.map(rows) } : {}) }),
        });
      } else {
        io.stdout(
          `${kind}${opts.rows !== undefined ? `, rows ${opts.rows[0]}:${opts.rows[1]},` : ''} of ${n} sequences (L = ${L}, d = ${d}): diagonal mean ${stats.diagonalMean.toPrecision(6)}, ` +
            (opts.diagonal ? '' : `off-diagonal mean ${stats.offDiagonalMean.toPrecision(6)}, `) +
            `range [${stats.min.toPrecision(6)}, ${stats.max.toPrecision(6)}]\n` +
            (opts.out !== undefined ? `wrote ${opts.out}\n` : ''),
        );
      }
    });
}
