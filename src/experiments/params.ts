/**
 * Experiment parameters: each experiment declares its parameters (name, kind, bounds, help)
 * once; the CLI builds its flags from the declaration and the library validates values at
 * the boundary with the same declaration.
 */
import { InvalidArgumentError } from '../errors.js';

/** The kind of value a parameter holds. */
export type ParamKind = 'int' | 'number' | 'int-list' | 'number-list';

/** The declaration of one experiment parameter. */
export interface ParamSpec {
  /** Key in the parameter object, also the CLI flag (`--key`). */
  readonly key: string;
  /** Whether the value is an integer, a real, or a comma-separated list of either. */
  readonly kind: ParamKind;
  /** Smallest allowed value (each element, for lists). */
  readonly min: number;
  /** Largest allowed value (each element, for lists); unbounded when absent. */
  readonly max?: number;
  /** Values must be strictly greater than `min` (for positive reals). */
  readonly exclusiveMin?: boolean;
  /** Lists only: the least number of distinct values (e.g. 2 for a rate fitted across them). */
  readonly minDistinct?: number;
  /** One line of help (shown by `rnn-ntk experiment <name> --help`). */
  readonly description: string;
}

/** The sequence length L, between `min` and `max` (shared by the experiments that take it). */
export function lengthParam(min: number, max: number): ParamSpec {
  return { key: 'L', kind: 'int', min, max, description: 'sequence length L' };
}

/** The input width d, between 1 and `max` (shared by the experiments that take it). */
export function inputWidthParam(max: number): ParamSpec {
  return { key: 'd', kind: 'int', min: 1, max, description: 'input width d' };
}

/** Parameter values: numbers or lists of numbers, by key. */
export type ParamValues = Readonly<Record<string, number | readonly number[]>>;

function checkOne(spec: ParamSpec, v: unknown, where: string): void {
  const integer = spec.kind === 'int' || spec.kind === 'int-list';
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new InvalidArgumentError(`${where} must be ${integer ? 'an integer' : 'a finite number'}, got ${String(v)}`);
  }
  const low = spec.exclusiveMin ? !(v > spec.min) : v < spec.min;
  if (low || (spec.max !== undefined && v > spec.max)) {
    const range = `${spec.exclusiveMin ? '>' : '>='} ${spec.min}${spec.max !== undefined ? ` and <= ${spec.max}` : ''}`;
    throw new InvalidArgumentError(`${where} must be ${range}, got ${v}`);
  }
}

/**
 * Merges `given` over `defaults` and validates every value against `specs`; unknown keys are
 * an error. Throws InvalidArgumentError naming the parameter and the allowed range.
 */
export function resolveParams<P extends ParamValues>(
  experiment: string,
  specs: readonly ParamSpec[],
  defaults: P,
  given: Partial<Record<string, unknown>> = {},
): P {
  const known = new Set(specs.map((s) => s.key));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      throw new InvalidArgumentError(`${experiment} has no parameter '${key}'; its parameters are ${[...known].join(', ')}`);
    }
  }
  const out: Record<string, number | readonly number[]> = { ...defaults };
  for (const spec of specs) {
    const v = given[spec.key] ?? defaults[spec.key];
    const where = `${experiment} parameter ${spec.key}`;
    if (spec.kind === 'int-list' || spec.kind === 'number-list') {
      if (!Array.isArray(v) || v.length === 0) throw new InvalidArgumentError(`${where} must be a non-empty list of numbers`);
      v.forEach((e, i) => checkOne(spec, e, `${where}[${i}]`));
      if (spec.minDistinct !== undefined && new Set(v).size < spec.minDistinct) {
        throw new InvalidArgumentError(`${where} needs at least ${spec.minDistinct} distinct values (${spec.description}), got ${v.join(', ')}`);
      }
      out[spec.key] = [...(v as number[])];
    } else {
      checkOne(spec, v, where);
      out[spec.key] = v as number;
    }
  }
  return out as P;
}
