/**
 * `rnn-ntk complexity`: the data-dependent complexity ỹᵀ(H∞)⁻¹ỹ of SPEC §5, its square root,
 * λ_min(H∞) and the bound proxies (hidden constants set to 1: proxies, not certified numbers).
 * --trainable and --init swap H∞ for the tangent kernel of other trained groups or variances
 * (docs/kernel-function.md); the bounds are the paper's for W only.
 */
import type { Command } from 'commander';
import { kernelFn } from '../../kernels/index.js';
import { type BoundForm, boundProxies, kernelComplexity, smallestEigenvalue } from '../../theory/index.js';
import { datasetFromOptions, withDataOptions, type DataOptions } from '../data-options.js';
import { assertWidthForInit, withKernelChoice, type KernelChoiceOptions } from '../kernel-options.js';
import { UsageError } from '../errors.js';
import { toJson, type CliIo } from '../io.js';
import { finiteNumber, intAtLeast, oneOf, withCommonOptions, type CommonOptions } from '../options.js';

interface ComplexityCliOptions extends CommonOptions, DataOptions, KernelChoiceOptions {
  readonly width?: number;
  readonly target: 'labels' | 'fstar';
  readonly jitter: boolean;
  readonly form: BoundForm;
  readonly delta: number;
}

/** Registers `complexity`. */
export function registerComplexity(program: Command, io: CliIo): Command {
  return withKernelChoice(
    withCommonOptions(
      withDataOptions(program.command('complexity').description('ỹᵀ(H∞)⁻¹ỹ, its root, λ_min(H∞) and the bound proxies of a data set')),
    ),
  )
    .option('--width <m>', "network width m, for --init algorithm1 (vB = 1/m) or B's width-m kernel term", intAtLeast(1))
    .option('--target <which>', "ỹ: 'labels' (y) or 'fstar' (the file's F* values)", oneOf(['labels', 'fstar'] as const), 'labels')
    .option('--jitter', 'allow the jitter retries of SPEC §5 if H∞ is not numerically positive definite', false)
    .option('--form <form>', "bound form: 'with-roots' or 'without-roots' (SPEC §5)", oneOf(['with-roots', 'without-roots'] as const), 'with-roots')
    .option('--delta <p>', 'failure probability δ of the bound, in (0, 1)', finiteNumber('positive'), 0.05)
    .action((opts: ComplexityCliOptions) => {
      assertWidthForInit(opts);
      const ds = datasetFromOptions(opts);
      if (opts.target === 'fstar' && ds.fstar === undefined) {
        throw new UsageError("--target fstar needs F* values in the data file (key \"fstar\", or --fstar f.npy); use --target labels");
      }
      const ytilde = opts.target === 'fstar' ? ds.fstar! : ds.y;
      const H = kernelFn(ds.x, undefined, {
        get: ['ntk'], trainable: opts.trainable, variances: opts.init, width: opts.width, backend: opts.backend,
      }).ntk!;
      const c = kernelComplexity(H, ytilde, { jitter: opts.jitter, backend: opts.backend });
      const lambda = smallestEigenvalue(H, { jitter: opts.jitter, backend: opts.backend });
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
        bounds,
        note: `${c.note}; ${bounds.note}`,
      };
      if (opts.json) io.stdout(toJson(out) + '\n');
      else {
        io.stdout(
          `n = ${out.n}, L = ${out.L}, d = ${out.d}, ỹ = ${opts.target}\n` +
            `ỹᵀ(H∞)⁻¹ỹ = ${c.value.toPrecision(6)}  (√ = ${c.sqrt.toPrecision(6)})${c.jitter > 0 ? `  with jitter ${c.jitter.toExponential(2)}` : ''}\n` +
            `λ_min(H∞) ≈ ${lambda.value.toExponential(4)}\n` +
            `bound proxy (${bounds.form}, δ = ${bounds.delta}): ${bounds.bound.toPrecision(4)}; Arora et al. leading term √(2ỹᵀH⁻¹ỹ/n) = ${bounds.aroraLeadingTerm.toPrecision(4)}\n` +
            `note: ${bounds.note}\n`,
        );
      }
    });
}
