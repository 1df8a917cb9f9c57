/**
 * `rnn-ntk kernel`: the analytic tangent kernel H∞ of a data set's sequences (docs/theory.md#tangent-kernel), or the
 * empirical kernel of a width-m network at initialisation (docs/theory.md#empirical-ntk), with the per-step kernels
 * H^l on request; written as JSON or .npy, or printed.
 */
import type { Command } from 'commander';
import { encodeNpy } from '../../io/npy.js';
import { analyticNtk, empiricalNtk } from '../../kernels/index.js';
import { createRnn } from '../../rnn/index.js';
import { toRows, type Matrix } from '../../linalg/matrix.js';
import { datasetFromOptions, withDataOptions, type DataOptions } from '../data-options.js';
import { UsageError } from '../errors.js';
import { outputFormat, writeFile } from '../files.js';
import { toJson, type CliIo } from '../io.js';
import { intAtLeast, withCommonOptions, type CommonOptions } from '../options.js';

interface KernelOptions extends CommonOptions, DataOptions {
  readonly empirical: boolean;
  readonly width?: number;
  readonly perStep: boolean;
  readonly out?: string;
}

/** Writes H (and H^1..H^L) to a .json ({"H", "perStep"?}) or .npy ((n, n), or (L, n, n) with --per-step) file. */
function writeKernel(path: string, H: Matrix, perStep: readonly Matrix[]): void {
  if (outputFormat(path) === '.json') {
    writeFile(path, toJson({ H: toRows(H), ...(perStep.length > 0 ? { perStep: perStep.map(toRows) } : {}) }));
  } else {
    if (perStep.length === 0) writeFile(path, encodeNpy(H.data, [H.rows, H.cols]));
    else {
      const stacked = new Float64Array(perStep.length * H.rows * H.cols);
      perStep.forEach((m, l) => stacked.set(m.data, l * H.rows * H.cols));
      writeFile(path, encodeNpy(stacked, [perStep.length, H.rows, H.cols]));
    }
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
        io.stdout(
          toJson({
            kernel: opts.empirical ? 'empirical' : 'analytic',
            n, L, d,
            ...(opts.empirical ? { width: opts.width, seed: opts.seed } : {}),
            ...stats,
            ...(opts.out !== undefined ? { out: opts.out } : { H: toRows(H), ...(perStep.length > 0 ? { perStep: perStep.map(toRows) } : {}) }),
          }) + '\n',
        );
      } else {
        io.stdout(
          `${kind} of ${n} sequences (L = ${L}, d = ${d}): diagonal mean ${stats.diagonalMean.toPrecision(6)}, ` +
            `off-diagonal mean ${stats.offDiagonalMean.toPrecision(6)}, range [${stats.min.toPrecision(6)}, ${stats.max.toPrecision(6)}]\n` +
            (opts.out !== undefined ? `wrote ${opts.out}\n` : ''),
        );
      }
    });
}
