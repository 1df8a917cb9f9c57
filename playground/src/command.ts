/**
 * The `rnn-ntk` command lines that reproduce what the page shows: the same parameters through
 * the CLI give the same bits (the test runs these very lines and compares).
 */
import type { ExperimentDefinition } from 'rnn-ntk';
import { nVariablePositions, type PlaygroundParams } from './params.js';

/** File names the command lines pass between steps. */
export const FILES = { train: 'train.json', test: 'test.json', kernel: 'H.npy' } as const;

/** One command line as its argument vector (without the leading `rnn-ntk`). */
export type Argv = readonly string[];

/** The commands of the task and kernel views: sample, kernel, complexity; and of training: train. */
export function commandsOf(p: PlaygroundParams): { sample: Argv; kernel: Argv; complexity: Argv; train: Argv } {
  const seed = ['--seed', String(p.seed)];
  return {
    sample: [
      'sample', p.concept, '--n', String(p.n), '--L', String(p.L), '--d', String(p.d), '--cmin', String(p.cmin), '--cmax', String(p.cmax),
      '--psi', p.psi, ...(p.concept === 'nvariable' ? ['--positions', nVariablePositions(p.N, p.L).join(',')] : []),
      '--test-n', String(p.nTest), '--out', FILES.train, '--test-out', FILES.test, ...seed,
    ],
    kernel: ['kernel', '--data', FILES.train, '--per-step', '--out', FILES.kernel],
    complexity: ['complexity', '--data', FILES.train, '--target', p.target, '--jitter'],
    train: [
      'train', '--data', FILES.train, '--test', FILES.test, '--width', String(p.m), '--steps', String(p.steps), '--lr', String(p.eta0),
      '--batch', String(p.batch), '--init', p.init, '--report-every', String(p.reportEvery), ...seed,
    ],
  };
}

/** The flag of an experiment parameter, as `rnn-ntk experiment` spells it (`testSize` → `--test-size`). */
export function experimentFlag(key: string): string {
  return `--${key.replace(/([a-z0-9])([A-Z])/g, (_m, a: string, b: string) => `${a}-${b.toLowerCase()}`)}`;
}

/** `rnn-ntk experiment <name>` with every parameter written out. */
export function experimentCommand(def: ExperimentDefinition, params: Readonly<Record<string, number | readonly number[]>>, seed: number): Argv {
  const flags = def.params.flatMap((spec) => {
    const v = params[spec.key];
    return v === undefined ? [] : [experimentFlag(spec.key), Array.isArray(v) ? v.join(',') : String(v)];
  });
  return ['experiment', def.name, ...flags, '--seed', String(seed), '--out', `report/${def.name}`];
}

/** A shell line: `rnn-ntk` and the arguments, quoted where the shell needs it. */
export function shellLine(argv: Argv): string {
  return ['rnn-ntk', ...argv.map((a) => (/^[\w.,:/=-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' ');
}
