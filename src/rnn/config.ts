/**
 * Configuration of the ReLU RNN of docs/theory.md#the-network: width m, input width d, sequence length L, the
 * initialisation (a preset or explicit variances), the seed of the one generator and the backend.
 */
import type { BackendChoice } from '../backend/backend.js';
import { InvalidArgumentError } from '../errors.js';
import { variancesFor, type InitScheme, type Variances } from '../model/variances.js';
import { assertInteger } from '../validate.js';

/** What a user gives to build a network. */
export interface RnnConfig {
  /** Hidden width m ≥ 1. */
  readonly m: number;
  /** Input width d ≥ 1. */
  readonly d: number;
  /** Sequence length L ≥ 1. */
  readonly L: number;
  /** 'paper' (default), 'algorithm1' or explicit {v0, vW, vA, vB} (docs/theory.md#initialisation). */
  readonly init?: InitScheme;
  /** Seed of the generator that draws the parameters and then the training examples (default 0). */
  readonly seed?: number;
  /** 'wasm', 'ts', 'auto' (default) or a Backend. */
  readonly backend?: BackendChoice;
}

/** A validated configuration with the variances resolved. */
export interface ResolvedRnnConfig {
  /** Hidden width m ≥ 1. */
  readonly m: number;
  /** Input width d ≥ 1. */
  readonly d: number;
  /** Sequence length L ≥ 1. */
  readonly L: number;
  /** The initialisation as given ('paper' when none was). */
  readonly init: InitScheme;
  /** The variances {v0, vW, vA, vB} the initialisation resolves to (docs/theory.md#initialisation table). */
  readonly variances: Variances;
  /** Seed of the model's generator. */
  readonly seed: number;
}

/** Validates `config` (typed errors naming the field) and resolves its variances. */
export function resolveConfig(config: RnnConfig): ResolvedRnnConfig {
  if (typeof config !== 'object' || config === null) {
    throw new InvalidArgumentError('the RNN configuration must be an object {m, d, L, init?, seed?, backend?}');
  }
  assertInteger('m (hidden width)', config.m, 1);
  assertInteger('d (input width)', config.d, 1);
  assertInteger('L (sequence length)', config.L, 1);
  const seed = config.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new InvalidArgumentError(`seed must be an integer in [0, 2^53), got ${String(seed)}`);
  }
  const init = config.init ?? 'paper';
  return { m: config.m, d: config.d, L: config.L, init, variances: variancesFor(init, config.L, config.m), seed };
}
