/**
 * Option parsers for commander: each turns a string into a validated value or throws
 * commander's InvalidArgumentError, whose message commander prints next to the flag's name.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { configureThreads, MAX_THREADS, THREADS_ENV } from '../parallel/index.js';

/** Parses an integer ≥ `min`. */
export function intAtLeast(min: number): (value: string) => number {
  return (value) => {
    const v = Number(value);
    if (value.trim() === '' || !Number.isInteger(v) || v < min) {
      throw new InvalidArgumentError(`expected an integer >= ${min}, got '${value}'.`);
    }
    if (!Number.isSafeInteger(v)) throw new InvalidArgumentError(`expected an integer <= ${Number.MAX_SAFE_INTEGER}, got '${value}'.`);
    return v;
  };
}

/** Parses a finite number, optionally > 0 or ≥ 0. */
export function finiteNumber(kind: 'any' | 'positive' | 'non-negative' = 'any'): (value: string) => number {
  return (value) => {
    const v = Number(value);
    if (value.trim() === '' || !Number.isFinite(v)) throw new InvalidArgumentError(`expected a finite number, got '${value}'.`);
    if (kind === 'positive' && !(v > 0)) throw new InvalidArgumentError(`expected a number > 0, got '${value}'.`);
    if (kind === 'non-negative' && !(v >= 0)) throw new InvalidArgumentError(`expected a number >= 0, got '${value}'.`);
    return v;
  };
}

/** Parses a comma-separated list of `what`, each element by `one`. */
function listOf(what: string, one: (value: string) => number): (value: string) => number[] {
  return (value) => {
    const parts = value.split(',').map((s) => s.trim());
    if (parts.some((p) => p === '')) throw new InvalidArgumentError(`expected a comma-separated list of ${what}, got '${value}'.`);
    return parts.map(one);
  };
}

/** Parses a comma-separated list of integers ≥ `min` (e.g. `64,256,1024`). */
export function intList(min: number): (value: string) => number[] {
  return listOf('integers', intAtLeast(min));
}

/** Parses a comma-separated list of finite numbers (e.g. `0.05,1,4`). */
export function numberList(): (value: string) => number[] {
  return listOf('numbers', finiteNumber());
}

/** Parses one of the listed words. */
export function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got '${value}'.`);
    }
    return value as T;
  };
}

/** The options every command takes. */
export interface CommonOptions {
  readonly seed: number;
  readonly json: boolean;
  readonly backend: 'auto' | 'wasm' | 'ts';
  /** Threads running the kernels (absent: RNN_NTK_THREADS, else every core). */
  readonly threads?: number;
}

/** Parses a thread count: an integer from 1 to MAX_THREADS. */
function threadCount(value: string): number {
  const v = intAtLeast(1)(value);
  if (v > MAX_THREADS) throw new InvalidArgumentError(`expected an integer from 1 to ${MAX_THREADS}, got '${value}'.`);
  return v;
}

/**
 * Adds --seed, --json, --backend and --threads to a command; --threads is applied (through
 * configureThreads) before the command's action runs.
 */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('--seed <int>', 'seed of the random generator (same seed, same bits)', intAtLeast(0), 1)
    .option('--json', 'print one JSON object on stdout instead of text', false)
    .option('--backend <name>', 'kernel backend: auto, wasm or ts', oneOf(['auto', 'wasm', 'ts'] as const), 'auto')
    .option(
      '--threads <n>',
      `threads running the kernels, 1 to ${MAX_THREADS} (default: ${THREADS_ENV}, else every core); same bits for every value`,
      threadCount,
    )
    .hook('preAction', (command) => {
      configureThreads({ threads: (command.opts() as CommonOptions).threads });
    });
}
