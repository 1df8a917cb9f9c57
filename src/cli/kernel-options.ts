/** The flags that choose an analytic kernel (docs/kernel-function.md): --trainable and --init. */
import type { Command } from 'commander';
import { PARAMETER_GROUPS, type ParameterGroup } from '../kernels/index.js';
import { UsageError } from './errors.js';
import { oneOf } from './options.js';

/** Values of --trainable and --init. */
export interface KernelChoiceOptions {
  /** Trained parameter groups whose tangent kernels are summed. */
  readonly trainable: ParameterGroup[];
  /** Initialisation variances. */
  readonly init: 'paper' | 'algorithm1';
}

/** Parses --trainable: a comma-separated subset of W, A, M0, B. */
function groupList(value: string): ParameterGroup[] {
  const groups = value.split(',').map((g) => g.trim());
  for (const g of groups) {
    if (!(PARAMETER_GROUPS as readonly string[]).includes(g)) {
      throw new UsageError(`--trainable holds '${g}'; pass a comma-separated subset of ${PARAMETER_GROUPS.join(',')} (e.g. W,A)`);
    }
  }
  return groups as ParameterGroup[];
}

/** Adds --trainable (default W, the paper's H∞) and --init (default paper) to a command. */
export function withKernelChoice(cmd: Command): Command {
  return cmd
    .option('--trainable <groups>', 'trained parameter groups whose tangent kernels are summed, comma-separated from W,A,M0,B (docs/kernel-function.md)', groupList, ['W'])
    .option('--init <scheme>', "initialisation variances: 'paper' or 'algorithm1' (as in `train`)", oneOf(['paper', 'algorithm1'] as const), 'paper');
}

/** Throws UsageError when --init algorithm1 (vB = 1/m) comes without the width it needs. */
export function assertWidthForInit(opts: KernelChoiceOptions & { readonly width?: number }): void {
  if (opts.init === 'algorithm1' && opts.width === undefined) {
    throw new UsageError('--init algorithm1 sets vB = 1/m: pass the width with --width <m>');
  }
}
