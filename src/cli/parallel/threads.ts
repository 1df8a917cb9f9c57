/**
 * The number of worker threads the CLI runs independent experiment units on: the `--threads`
 * option, else the environment variable RNN_NTK_THREADS, else the available parallelism.
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { InvalidArgumentError } from '../../errors.js';
import { intAtLeast } from '../options.js';

/** The largest thread count accepted. */
export const MAX_THREADS = 256;

/** Validates a thread count from `source` (an integer in 1..MAX_THREADS). */
function checked(value: number, source: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_THREADS) {
    throw new InvalidArgumentError(`${source} must be an integer from 1 to ${MAX_THREADS}, got ${String(value)}`);
  }
  return value;
}

/** The thread count: `option` if given, else RNN_NTK_THREADS if set, else os.availableParallelism(). */
export function resolveThreads(option?: number, env: NodeJS.ProcessEnv = process.env): number {
  if (option !== undefined) return checked(option, 'threads');
  const raw = env.RNN_NTK_THREADS;
  if (raw !== undefined && raw.trim() !== '') return checked(Number(raw), 'RNN_NTK_THREADS');
  return availableParallelism();
}

/** Adds `--threads <n>` (worker threads for independent units; default RNN_NTK_THREADS or all cores). */
export function withThreadsOption(cmd: Command): Command {
  return cmd.option('--threads <n>', `worker threads for independent runs, 1 to ${MAX_THREADS} (default: RNN_NTK_THREADS, else the available parallelism)`, intAtLeast(1));
}
