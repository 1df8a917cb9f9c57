/**
 * The names the kernel functions take: the RNN's parameter groups (eq. 3: h_0 = ϕ(M0),
 * h_l = ϕ(W h_{l−1} + A X_l), f = Bᵀh_L) and the kernels one can ask for, with their checks.
 */
import { InvalidArgumentError } from '../errors.js';

/** A parameter group of the RNN: W (recurrent), A (input), M0 (initial state), B (output). */
export type ParameterGroup = 'W' | 'A' | 'M0' | 'B';

/** A kernel one can ask for: the NNGP or the tangent kernel. */
export type KernelKind = 'nngp' | 'ntk';

/** Every parameter group, in the order their kernels are summed. */
export const PARAMETER_GROUPS: readonly ParameterGroup[] = Object.freeze(['W', 'A', 'M0', 'B']);

/** Every kernel kind. */
export const KERNEL_KINDS: readonly KernelKind[] = Object.freeze(['nngp', 'ntk']);

/** The distinct members of `list` (or `fallback` if absent), each checked against `allowed`. */
function checkedSubset<T extends string>(name: string, list: readonly T[] | undefined, allowed: readonly T[], fallback: readonly T[]): T[] {
  if (list === undefined) return [...fallback];
  const quoted = allowed.map((a) => `'${a}'`).join(', ');
  if (!Array.isArray(list)) throw new InvalidArgumentError(`${name} must be an array drawn from ${quoted}`);
  for (const item of list) {
    if (!allowed.includes(item)) throw new InvalidArgumentError(`${name} holds '${String(item)}'; pass a subset of ${quoted}`);
  }
  if (list.length === 0) throw new InvalidArgumentError(`${name} is empty; pass at least one of ${quoted}`);
  return [...new Set(list)];
}

/** The trained groups, validated and deduplicated (default ['W']); InvalidArgumentError names the allowed ones. */
export function checkedGroups(list: readonly ParameterGroup[] | undefined): ParameterGroup[] {
  return checkedSubset('trainable', list, PARAMETER_GROUPS, ['W']);
}

/** The requested kernels, validated and deduplicated (default both). */
export function checkedKinds(list: readonly KernelKind[] | undefined): KernelKind[] {
  return checkedSubset('get', list, KERNEL_KINDS, KERNEL_KINDS);
}
