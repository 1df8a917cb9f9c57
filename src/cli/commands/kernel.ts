/**
 * `rnn-ntk kernel`: the analytic tangent kernel H∞ of a data set's sequences (SPEC §4), or the
 * empirical kernel of a width-m network at initialisation (SPEC §3), with the per-step kernels
 * H^l on request; written as JSON or .npy, or printed.
 */
import type { Command } from 'commander';
import { encodeNpyChunks, encodeStackedNpyChunks } from '../../io/npy.js';
import { analyticNtk, empiricalNtk } from '../../kernels/index.js';
import { createRnn } from '../../rnn/index.js';
import type { Matrix } from '../../linalg/matrix.js';
import { datasetFromOptions, withDataOptions, type DataOptions } from '../data-options.js';
import { UsageError } from '../errors.js';
import { analyticKernelBytes, assertFitsHeap, empiricalKernelBytes } from '../size-limits.js';
import { outputFormat, writeFilePieces } from '../files.js';
import type { CliIo } from '../io.js';
import { jsonPieces, printJson, rowViews } from '../json-stream.js';
import { intAtLeast, withCommonOptions, type CommonOptions } from '../options.js';

interface KernelOptions extends CommonOptions, DataOptions {
  readonly empirical: boolean;
  readonly width?: number;
  readonly perStep: boolean;
  readonly out?: string;
}

/** The rows of a square matrix as views, for streamed JSON. */
function rows(H: Matrix): Float64Array[] {
  return rowViews(H.data, H.rows, H.cols);
}

/**
 * Writes H (and H^1..H^L) to a .json ({"H", "perStep"?}) or .npy ((n, n), or (L, n, n) with
 * --per-step) file, streamed (JSON by rows, .npy by 1 MiB chunks), so any size the heap
 * holds can be written.
 */
function writeKernel(path: string, H: Matrix, perStep: readonly Matrix[]): void {
  if (outputFormat(path) === '.json') {
    writeFilePieces(path, jsonPieces({ H: rows(H), ...(perStep.length > 0 ? { perStep: perStep.map(rows) } : {}) }));
  } else if (perStep.length === 0) {
    writeFilePieces(path, encodeNpyChunks(H.data, [H.rows, H.cols]));
  } else {
    writeFilePieces(path, encodeStackedNpyChunks(perStep.map((m) => m.data), [perStep.length, H.rows, H.cols]));
  }
}

/** Mean diagonal and off-diagonal entry and the range of H (one pass: no spread of n² values). */
function summary(H: Matrix): { diagonalMean: number; offDiagonalMean: number; min: number; max: number } {
  const n = H.rows;
  let diag = 0;
  let off = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = H.data[i * n + j];
      if (i === j) diag += v;
      else off += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return { diagonalMean: diag / n, offDiagonalMean: n > 1 ? off / (n * (n - 1)) : 0, min, max };
}

/** Registers `kernel`. */
export function registerKernel(program: Command, io: CliIo): Command {
  return withCommonOptions(withDataOptions(program.command('kernel').description('compute H∞ (or the empirical NTK) of a data set')))
    .option('--empirical', 'the empirical NTK of a width-m network at initialisation (seeded) instead of H∞', false)
    .option('--width <m>', 'network width m for --empirical', intAtLeast(1))
    .option('--per-step', 'also the per-step kernels H^1..H^L of sequence labelling (Remark 3.2; analytic only)', false)
    .option('--out <file>', 'write the kernel to a .json or .npy file')
    .action((opts: KernelOptions) => {
      if (opts.empirical && opts.width === undefined) throw new UsageError('--empirical needs --width <m>, the network width');
      if (!opts.empirical && opts.width !== undefined) throw new UsageError('--width only applies with --empirical');
      if (opts.empirical && opts.perStep) throw new UsageError('--per-step is available for the analytic kernel only (drop --empirical)');
      if (opts.out !== undefined) outputFormat(opts.out); // a bad extension fails before the kernel is computed
      const ds = datasetFromOptions(opts);
      const { n, L, d } = ds.x;
      if (opts.empirical) {
        assertFitsHeap(`the empirical NTK (m = ${opts.width})`, 'n', n, empiricalKernelBytes(opts.width!, L, d), 'use fewer sequences or a smaller --width');
      } else {
        assertFitsHeap(`H∞${opts.perStep ? ` with ${L} per-step kernels` : ''}`, 'n', n, analyticKernelBytes(L, d, opts.perStep ? L : 0), opts.perStep ? 'drop --per-step, or use fewer sequences' : 'use fewer sequences');
      }
      let H: Matrix;
      let perStep: readonly Matrix[] = [];
      if (opts.empirical) {
        const model = createRnn({ m: opts.width!, d, L, seed: opts.seed, backend: opts.backend });
        try {
          H = empiricalNtk(model, ds.x);
        } finally {
          model.dispose();
        }
      } else {
        const k = analyticNtk(ds.x, { perStep: opts.perStep, backend: opts.backend });
        H = k.H;
        perStep = k.perStep;
      }
      if (opts.out !== undefined) writeKernel(opts.out, H, perStep);
      const kind = opts.empirical ? `empirical NTK (m = ${opts.width}, seed ${opts.seed})` : 'analytic H∞';
      const stats = summary(H);
      if (opts.json) {
        printJson(io, {
          kernel: opts.empirical ? 'empirical' : 'analytic',
          n, L, d,
          ...(opts.empirical ? { width: opts.width, seed: opts.seed } : {}),
          ...stats,
          ...(opts.out !== undefined ? { out: opts.out } : { H: rows(H), ...(perStep.length > 0 ? { perStep: perStep.map(rows) } : {}) }),
        });
      } else {
        io.stdout(
          `${kind} of ${n} sequences (L = ${L}, d = ${d}): diagonal mean ${stats.diagonalMean.toPrecision(6)}, ` +
            `off-diagonal mean ${stats.offDiagonalMean.toPrecision(6)}, range [${stats.min.toPrecision(6)}, ${stats.max.toPrecision(6)}]\n` +
            (opts.out !== undefined ? `wrote ${opts.out}\n` : ''),
        );
      }
    });
}
