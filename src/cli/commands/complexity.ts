/**
 * `rnn-ntk complexity`: the data-dependent complexity ỹᵀ(H∞)⁻¹ỹ of docs/theory.md#bound-proxies, its square root,
 * λ_min(H∞) and the bound proxies (hidden constants set to 1: proxies, not certified numbers),
 * all from one Cholesky factor of the kernel computed and factored in the heap; a progress bar
 * on a terminal follows the stages kernel → factor → λ_min. --trainable and --init swap H∞ for
 * the tangent kernel of other trained groups or variances (docs/kernel-function.md); the
 * bounds are the paper's for W only.
 */
import type { Command } from 'commander';
import type { SequenceBatch } from '../../data/sequences.js';
import { kernelFn } from '../../kernels/index.js';
import { type BoundForm, boundProxies, factorAnalyticNtk, kernelComplexity, smallestEigenvalue } from '../../theory/index.js';
import { factorKernel } from '../../theory/kernel-factor.js';
import { datasetFromOptions, withDataOptions, type DataOptions } from '../data-options.js';
import { assertWidthForInit, withKernelChoice, type KernelChoiceOptions } from '../kernel-options.js';
import { UsageError } from '../errors.js';
import { analyticKernelBytes, assertFitsHeap } from '../size-limits.js';
import { toJson, type CliIo } from '../io.js';
import { finiteNumber, intAtLeast, oneOf, withCommonOptions, type CommonOptions } from '../options.js';
import { progressBar } from '../progress.js';

interface ComplexityCliOptions extends CommonOptions, DataOptions, KernelChoiceOptions {
  readonly width?: number;
  readonly target: 'labels' | 'fstar';
  readonly jitter: boolean;
  readonly form: BoundForm;
  readonly delta: number;
}

/**
 * ỹᵀ(H∞)⁻¹ỹ and λ_min(H∞) from one factor, with a bar over the stages. Bar positions weigh the
 * stages roughly: kernel O(n²L), factor O(n³/3), λ_min a few dozen O(n²) solves.
 */
function complexityAndLambda(io: CliIo, x: SequenceBatch, ytilde: ArrayLike<number>, opts: ComplexityCliOptions) {
  const progress = progressBar(io, 'complexity');
  const stageStart = { kernel: [0, 'H∞ kernel'], factor: [30, 'Cholesky factor'] } as const;
  try {
    const onStage = (stage: 'kernel' | 'factor'): void => progress.onProgress(stageStart[stage][0], 100, stageStart[stage][1]);
    using factor = opts.trainable.join() === 'W'
      ? factorAnalyticNtk(x, { init: opts.init, m: opts.width, jitter: opts.jitter, backend: opts.backend, onStage })
      : factorOtherGroups(x, opts, onStage);
    progress.onProgress(85, 100, 'λ_min (Lanczos)');
    const c = kernelComplexity(factor, ytilde);
    const lambda = smallestEigenvalue(factor, {
      onStep: (k, r) => progress.onProgress(Math.min(99, 85 + k), 100, `λ_min: step ${k}, residual ${r.toExponential(1)}`),
    });
    return { c, lambda };
  } finally {
    progress.stop();
  }
}

/** The factor of the tangent kernel of the trained groups other than W alone (docs/kernel-function.md). */
function factorOtherGroups(x: SequenceBatch, opts: ComplexityCliOptions, onStage: (stage: 'kernel' | 'factor') => void) {
  // the kernel (computed outside the heap) and its factor in the heap, each n×n; H∞ alone is checked by factorAnalyticNtk
  assertFitsHeap('the kernel and its factor', 'n', x.n, analyticKernelBytes(x.L, x.d, 1), 'use fewer sequences');
  onStage('kernel');
  const K = kernelFn(x, undefined, { get: ['ntk'], trainable: opts.trainable, init: opts.init, m: opts.width, backend: opts.backend }).ntk!;
  onStage('factor');
  return factorKernel('H', K, { jitter: opts.jitter, backend: opts.backend });
}

/** Registers `complexity`. */
export function registerComplexity(program: Command, io: CliIo): Command {
  return withKernelChoice(
    withCommonOptions(
      withDataOptions(program.command('complexity').description('ỹᵀ(H∞)⁻¹ỹ, its root, λ_min(H∞) and the bound proxies of a data set'), 'the data set', { fstar: true }),
    ),
  )
    .option('--width <m>', "network width m, for --init algorithm1 (vB = 1/m) or B's width-m kernel term", intAtLeast(1))
    .option('--target <which>', "ỹ: 'labels' (y) or 'fstar' (the file's F* values)", oneOf(['labels', 'fstar'] as const), 'labels')
    .option('--jitter', 'allow the jitter retries of docs/theory.md#jitter if H∞ is not numerically positive definite (no extra n×n memory)', false)
    .option('--form <form>', "bound form: 'with-roots' or 'without-roots' (docs/theory.md#bound-proxies)", oneOf(['with-roots', 'without-roots'] as const), 'with-roots')
    .option('--delta <p>', 'failure probability δ of the bound, in (0, 1)', finiteNumber('positive'), 0.05)
    .action((opts: ComplexityCliOptions) => {
      assertWidthForInit(opts);
      const ds = datasetFromOptions(opts);
      if (opts.target === 'fstar' && ds.fstar === undefined) {
        throw new UsageError("--target fstar needs F* values in the data file (key \"fstar\", or --fstar f.npy); use --target labels");
      }
      const ytilde = opts.target === 'fstar' ? ds.fstar! : ds.y;
      const { c, lambda } = complexityAndLambda(io, ds.x, ytilde, opts);
      const bounds = boundProxies(c.value, ds.x.n, { form: opts.form, delta: opts.delta });
      const out = {
        n: ds.x.n,
        L: ds.x.L,
        d: ds.x.d,
        target: opts.target,
        trainable: opts.trainable,
        init: opts.init,
        complexity: c.value,
        sqrtComplexity: c.sqrt,
        jitter: c.jitter,
        jitterLambda: c.lambda,
        lambdaMin: lambda.value,
        lambdaMinInterval: [lambda.lower, lambda.upper],
        lambdaMinConverged: lambda.converged,
        lambdaMinSolves: lambda.iterations,
        smallestPivotRatio: c.smallestPivotRatio,
        conditionEstimate: c.conditionEstimate,
        bounds,
        note: `${c.note}; ${bounds.note}`,
      };
      if (opts.json) io.stdout(toJson(out) + '\n');
      else {
        io.stdout(
          `n = ${out.n}, L = ${out.L}, d = ${out.d}, ỹ = ${opts.target}\n` +
            `ỹᵀ(H∞)⁻¹ỹ = ${c.value.toPrecision(6)}  (√ = ${c.sqrt.toPrecision(6)})${c.jitter > 0 ? `  with jitter ${c.jitter.toExponential(2)}` : ''}\n` +
            `λ_min(H∞) ≈ ${lambda.value.toExponential(4)}${lambda.converged ? '' : ' (not converged: see the interval in --json)'}; ` +
            `condition estimate κ₁ ≈ ${c.conditionEstimate.toExponential(2)}, smallest pivot ratio ${c.smallestPivotRatio.toExponential(2)}\n` +
            `bound proxy (${bounds.form}, δ = ${bounds.delta}): ${bounds.bound.toPrecision(4)}; Arora et al. leading term √(2ỹᵀH⁻¹ỹ/n) = ${bounds.aroraLeadingTerm.toPrecision(4)}\n` +
            `note: ${bounds.note}\n`,
        );
      }
    });
}
