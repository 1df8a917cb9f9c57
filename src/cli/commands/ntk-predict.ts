/**
 * `rnn-ntk ntk-predict`: the infinite-width ensemble's prediction on test sequences at a finite
 * training time t (default ∞: kernel regression), from the linearised MSE dynamics
 * df/dt = −ηΘ(f − y) of docs/finite-time.md, with Θ the tangent kernel of the trained groups
 * (kernelFn; default W alone, the paper's H∞) and, with --variance, the NNGP for the spread
 * over initialisations.
 */
import type { Command } from 'commander';
import { gradientDescentMseEnsemble } from '../../finite-time/index.js';
import { encodeNpy } from '../../io/npy.js';
import { kernelFn, type KernelKind } from '../../kernels/index.js';
import { signLabels, zeroOneError } from '../../theory/index.js';
import { withDataOptions, datasetFromOptions, type DataOptions } from '../data-options.js';
import { UsageError } from '../errors.js';
import { outputFormat, readSequences, writeFile } from '../files.js';
import { toJson, type CliIo } from '../io.js';
import { assertWidthForInit, withKernelChoice, type KernelChoiceOptions } from '../kernel-options.js';
import { finiteNumber, intAtLeast, oneOf, withCommonOptions, type CommonOptions } from '../options.js';
import { InvalidArgumentError } from 'commander';

interface NtkPredictOptions extends CommonOptions, DataOptions, KernelChoiceOptions {
  readonly test?: string;
  readonly time: number;
  readonly lr?: number;
  readonly ridge: number;
  readonly width?: number;
  readonly targets: 'labels' | 'fstar';
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
  return withKernelChoice(withCommonOptions(
    withDataOptions(
      program.command('ntk-predict').description('the infinite-width ensemble mean (and variance) on test sequences after training time t'),
      'the training set',
    ),
  ))
    .option('--test <file>', 'the test sequences: .json {"x", "y"?} or x as .npy (n_test, L, d)')
    .option('--time <t>', "training time t >= 0 of the flow df/dt = −ηΘ(f − y), or 'inf' (kernel regression)", timeOption, Infinity)
    .option('--lr <eta>', 'learning rate η of the flow; must be < 2/λ_max(Θ + ridge·I) (default 1/λ_max)', finiteNumber('positive'))
    .option('--ridge <lambda>', 'diagonal regulariser added to Θ on the training set', finiteNumber('non-negative'), 0)
    .option('--width <m>', "network width m, for --init algorithm1 (vB = 1/m) or B's width-m kernel", intAtLeast(1))
    .option('--targets <which>', "regress on the 'labels' or on 'fstar' (F* values in the data)", oneOf(['labels', 'fstar'] as const), 'labels')
    .option('--variance', 'also the variance of each test output over initialisations (from the NNGP)', false)
    .option('--out <file>', 'write the prediction: .json {"mean", "variance"?, …} or .npy ((n_test,), or (2, n_test) rows mean, variance with --variance)')
    .action((opts: NtkPredictOptions) => {
      if (opts.test === undefined) throw new UsageError('--test <file> is required (the sequences to predict: .json or x .npy)');
      assertWidthForInit(opts);
      const format = opts.out === undefined ? undefined : outputFormat(opts.out);
      const ds = datasetFromOptions(opts);
      const { x: testX, dataset: testSet } = readSequences({ data: opts.test });
      if (testX.L !== ds.x.L || testX.d !== ds.x.d) {
        throw new UsageError(`--test has sequences of L = ${testX.L}, d = ${testX.d} but the training set has L = ${ds.x.L}, d = ${ds.x.d}`);
      }
      const get: KernelKind[] = opts.variance ? ['nngp', 'ntk'] : ['ntk'];
      const request = { trainable: opts.trainable, init: opts.init, m: opts.width, backend: opts.backend };
      const trainK = kernelFn(ds.x, undefined, { ...request, get });
      const crossK = kernelFn(testX, ds.x, { ...request, get });
      const ensemble = gradientDescentMseEnsemble(
        {
          ntkTrainTrain: trainK.ntk!, ntkTestTrain: crossK.ntk!,
          ...(opts.variance
            ? { nngpTrainTrain: trainK.nngp, nngpTestTrain: crossK.nngp, nngpTestTest: kernelFn(testX, undefined, { ...request, get: ['nngp'] }).nngp }
            : {}),
        },
        targetsOf(ds, opts.targets),
        { learningRate: opts.lr, diagReg: opts.ridge, backend: opts.backend },
      );
      const { mean, variance } = ensemble.predict(opts.time);
      const lambdaMax = ensemble.eigenvalues[ensemble.n - 1];
      const error = testSet === undefined ? undefined : zeroOneError(mean, testSet.y);
      if (opts.out !== undefined) {
        const npy = () => (variance === undefined ? encodeNpy(mean, [mean.length]) : encodeNpy([...mean, ...variance], [2, mean.length]));
        writeFile(opts.out, format === '.npy' ? npy() : toJson({ mean, ...(variance !== undefined ? { variance } : {}), labels: signLabels(mean), time: opts.time }));
      }
      const summary = {
        n: ds.x.n, nTest: testX.n, L: ds.x.L, d: ds.x.d, time: opts.time, learningRate: ensemble.learningRate,
        ridge: opts.ridge, lambdaMax, trainable: opts.trainable, init: opts.init, targets: opts.targets,
        ...(error !== undefined ? { testError: error } : {}),
        ...(opts.out !== undefined ? { out: opts.out } : { mean, ...(variance !== undefined ? { variance } : {}) }),
      };
      if (opts.json) io.stdout(toJson(summary) + '\n');
      else {
        io.stdout(
          `ensemble mean on ${testX.n} test sequences after t = ${opts.time} (η = ${ensemble.learningRate.toPrecision(4)}, ` +
            `λ_max(Θ + ridge·I) = ${lambdaMax.toPrecision(4)}, trainable ${opts.trainable.join(',')}, ridge ${opts.ridge}, ${ds.x.n} training sequences)` +
            (error !== undefined ? `: 0-1 error of sign(mean) ${error.toFixed(4)}` : '') +
            (opts.out !== undefined ? `\nwrote ${opts.out}` : `\nmean = ${Array.from(mean.subarray(0, 10), (v) => v.toPrecision(4)).join(', ')}${testX.n > 10 ? ', …' : ''}`) +
            (opts.out === undefined && variance !== undefined ? `\nvariance = ${Array.from(variance.subarray(0, 10), (v) => v.toPrecision(4)).join(', ')}${testX.n > 10 ? ', …' : ''}` : '') +
            '\n',
        );
      }
    });
}
