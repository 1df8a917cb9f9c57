/**
 * `rnn-ntk ntk-predict`: the infinite-width ensemble's prediction on test sequences at a finite
 * training time t (default ∞: kernel regression with H∞), from the linearised MSE dynamics
 * df/dt = −ηΘ(f − y) of docs/finite-time.md, with Θ = H∞ (analyticNtk: the tangent kernel of W,
 * paper eq. 23 at m → ∞).
 */
import type { Command } from 'commander';
import { gradientDescentMseEnsemble } from '../../finite-time/index.js';
import { encodeNpy } from '../../io/npy.js';
import { analyticNtk } from '../../kernels/index.js';
import { signLabels, zeroOneError } from '../../theory/index.js';
import { withDataOptions, datasetFromOptions, type DataOptions } from '../data-options.js';
import { UsageError } from '../errors.js';
import { outputFormat, readSequences, writeFile } from '../files.js';
import { toJson, type CliIo } from '../io.js';
import { finiteNumber, oneOf, withCommonOptions, type CommonOptions } from '../options.js';
import { InvalidArgumentError } from 'commander';

interface NtkPredictOptions extends CommonOptions, DataOptions {
  readonly test?: string;
  readonly time: number;
  readonly lr?: number;
  readonly ridge: number;
  readonly trainable: string;
  readonly targets: 'labels' | 'fstar';
  readonly init: 'paper' | 'algorithm1';
  readonly variance: boolean;
  readonly out?: string;
}

/** Parses a time t ≥ 0, or 'inf' / 'Infinity' for the end of training. */
function timeOption(value: string): number {
  if (/^(inf|infinity)$/i.test(value.trim())) return Infinity;
  const t = Number(value);
  if (value.trim() === '' || Number.isNaN(t) || t < 0) throw new InvalidArgumentError(`expected a time >= 0 or 'inf', got '${value}'.`);
  return t;
}

/** The training targets: the labels, or F*(x_i) when asked for and present. */
function targetsOf(ds: ReturnType<typeof datasetFromOptions>, which: 'labels' | 'fstar'): Float64Array {
  if (which === 'labels') return Float64Array.from(ds.y);
  if (ds.fstar === undefined) throw new UsageError('--targets fstar needs F* values in the training data ("fstar" in the .json, or --fstar f.npy)');
  return Float64Array.from(ds.fstar);
}

/** Registers `ntk-predict`. */
export function registerNtkPredict(program: Command, io: CliIo): Command {
  return withCommonOptions(
    withDataOptions(
      program.command('ntk-predict').description('the infinite-width ensemble mean (and variance) on test sequences after training time t'),
      'the training set',
    ),
  )
    .option('--test <file>', 'the test sequences: .json {"x", "y"?} or x as .npy (n_test, L, d)')
    .option('--time <t>', "training time t >= 0 of the flow df/dt = −ηΘ(f − y), or 'inf' (kernel regression)", timeOption, Infinity)
    .option('--lr <eta>', 'learning rate η of the flow; must be < 2/λ_max(Θ + ridge·I) (default 1/λ_max)', finiteNumber('positive'))
    .option('--ridge <lambda>', 'diagonal regulariser added to Θ on the training set', finiteNumber('non-negative'), 0)
    .option('--trainable <groups>', 'parameter groups that train (this build: W only, Θ = H∞)', 'W')
    .option('--targets <which>', "regress on the 'labels' or on 'fstar' (F* values in the data)", oneOf(['labels', 'fstar'] as const), 'labels')
    .option('--init <scheme>', "variances of H∞: 'paper' or 'algorithm1' (as in `train`)", oneOf(['paper', 'algorithm1'] as const), 'paper')
    .option('--variance', 'also the variance over initialisations (needs the NNGP: not in this build)', false)
    .option('--out <file>', 'write the prediction: .json {"mean", …} or .npy (n_test,)')
    .action((opts: NtkPredictOptions) => {
      if (opts.test === undefined) throw new UsageError('--test <file> is required (the sequences to predict: .json or x .npy)');
      const groups = opts.trainable.split(',').map((g) => g.trim());
      if (groups.length !== 1 || groups[0] !== 'W') {
        throw new UsageError(
          `--trainable ${opts.trainable}: this build has the tangent kernel of W only (H∞, the paper's Theorem 5); ` +
            'per-group kernels for A, M0, B come with kernelFn — pass --trainable W',
        );
      }
      if (opts.variance) {
        throw new UsageError('--variance needs the NNGP of the network (kernelFn), which this build does not have; drop --variance for the mean');
      }
      const format = opts.out === undefined ? undefined : outputFormat(opts.out);
      const ds = datasetFromOptions(opts);
      const { x: testX, dataset: testSet } = readSequences({ data: opts.test });
      if (testX.L !== ds.x.L || testX.d !== ds.x.d) {
        throw new UsageError(`--test has sequences of L = ${testX.L}, d = ${testX.d} but the training set has L = ${ds.x.L}, d = ${ds.x.d}`);
      }
      const base = { variances: opts.init, backend: opts.backend };
      const ensemble = gradientDescentMseEnsemble(
        { ntkTrainTrain: analyticNtk(ds.x, base).H, ntkTestTrain: analyticNtk(testX, { ...base, other: ds.x }).H },
        targetsOf(ds, opts.targets),
        { learningRate: opts.lr, diagReg: opts.ridge, backend: opts.backend },
      );
      const { mean } = ensemble.predict(opts.time);
      const lambdaMax = ensemble.eigenvalues[ensemble.n - 1];
      const error = testSet === undefined ? undefined : zeroOneError(mean, testSet.y);
      if (opts.out !== undefined) {
        writeFile(opts.out, format === '.npy' ? encodeNpy(mean, [mean.length]) : toJson({ mean, labels: signLabels(mean), time: opts.time }));
      }
      const summary = {
        n: ds.x.n, nTest: testX.n, L: ds.x.L, d: ds.x.d, time: opts.time, learningRate: ensemble.learningRate,
        ridge: opts.ridge, lambdaMax, trainable: 'W', targets: opts.targets,
        ...(error !== undefined ? { testError: error } : {}),
        ...(opts.out !== undefined ? { out: opts.out } : { mean }),
      };
      if (opts.json) io.stdout(toJson(summary) + '\n');
      else {
        io.stdout(
          `ensemble mean on ${testX.n} test sequences after t = ${opts.time} (η = ${ensemble.learningRate.toPrecision(4)}, ` +
            `λ_max(H∞ + ridge·I) = ${lambdaMax.toPrecision(4)}, ridge ${opts.ridge}, ${ds.x.n} training sequences)` +
            (error !== undefined ? `: 0-1 error of sign(mean) ${error.toFixed(4)}` : '') +
            (opts.out !== undefined ? `\nwrote ${opts.out}` : `\nmean = ${Array.from(mean.subarray(0, 10), (v) => v.toPrecision(4)).join(', ')}${testX.n > 10 ? ', …' : ''}`) +
            '\n',
        );
      }
    });
}
