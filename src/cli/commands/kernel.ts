/**
 * `rnn-ntk kernel`: the analytic tangent kernel H∞ of a data set's sequences (SPEC §4), or the
 * empirical kernel of a width-m network at initialisation (SPEC §3), with the per-step kernels
 * H^l on request; written as JSON or .npy, or printed.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { encodeNpy } from '../../io/npy.js';
import { analyticNtk, analyticNtkRows, empiricalNtk } from '../../kernels/index.js';
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

/**
 * Mean diagonal and off-diagonal entry and the range of H, or of its block of rows starting at row `first` (one pass:
 * no spread of n² values).
 */
function summary(H: Matrix, first = 0): { diagonalMean: number; offDiagonalMean: number; min: number; max: number } {
  const [rows, n] = [H.rows, H.cols];
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
  return withCommonOptions(withDataOptions(program.command('kernel').description('compute H∞ (or the empirical NTK) of a data set')))
    .option('--empirical', 'the empirical NTK of a width-m network at initialisation (seeded) instead of H∞', false)
    .option('--width <m>', 'network width m for --empirical', intAtLeast(1))
    .option('--per-step', 'also the per-step kernels H^1..H^L of sequence labelling (Remark 3.2; analytic only)', false)
    .option('--out <file>', 'write the kernel to a .json or .npy file')
    .option('--rows <a:b>', 'only rows a..b−1 of H∞ (the same bits as in the full kernel): one shard of a kernel computed by a job array', rowRange)
    .action((opts: KernelOptions) => {
      if (opts.empirical && opts.width === undefined) throw new UsageError('--empirical needs --width <m>, the network width');
      if (!opts.empirical && opts.width !== undefined) throw new UsageError('--width only applies with --empirical');
      if (opts.empirical && opts.perStep) throw new UsageError('--per-step is available for the analytic kernel only (drop --empirical)');
      if (opts.rows !== undefined && (opts.empirical || opts.perStep)) throw new UsageError('--rows applies to the analytic H∞ only (drop --empirical / --per-step)');
      if (opts.out !== undefined) outputFormat(opts.out); // a bad extension fails before the kernel is computed
      const ds = datasetFromOptions(opts);
      if (opts.rows !== undefined && opts.rows[1] > ds.x.n) {
        throw new UsageError(`--rows ${opts.rows[0]}:${opts.rows[1]} runs past the ${ds.x.n} sequences of the data set`);
      }
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
      } else if (opts.rows !== undefined) {
        H = analyticNtkRows(ds.x, opts.rows[0], opts.rows[1], { backend: opts.backend });
      } else {
        const k = analyticNtk(ds.x, { perStep: opts.perStep, backend: opts.backend });
        H = k.H;
        perStep = k.perStep;
      }
      if (opts.out !== undefined) writeKernel(opts.out, H, perStep);
      const kind = opts.empirical ? `empirical NTK (m = ${opts.width}, seed ${opts.seed})` : 'analytic H∞';
      const stats = summary(H, opts.rows?.[0]);
      if (opts.json) {
        io.stdout(
          toJson({
            kernel: opts.empirical ? 'empirical' : 'analytic',
            n, L, d,
            ...(opts.empirical ? { width: opts.width, seed: opts.seed } : {}),
            ...(opts.rows !== undefined ? { rows: opts.rows } : {}),
            ...stats,
            ...(opts.out !== undefined ? { out: opts.out } : { H: toRows(H), ...(perStep.length > 0 ? { perStep: perStep.map(toRows) } : {}) }),
          }) + '\n',
        );
      } else {
        io.stdout(
          `${kind}${opts.rows !== undefined ? `, rows ${opts.rows[0]}:${opts.rows[1]},` : ''} of ${n} sequences (L = ${L}, d = ${d}): diagonal mean ${stats.diagonalMean.toPrecision(6)}, ` +
            `off-diagonal mean ${stats.offDiagonalMean.toPrecision(6)}, range [${stats.min.toPrecision(6)}, ${stats.max.toPrecision(6)}]\n` +
            (opts.out !== undefined ? `wrote ${opts.out}\n` : ''),
        );
      }
    });
}
