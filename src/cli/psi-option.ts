/**
 * The `--psi` grammar of `rnn-ntk sample`: a sum of terms separated by `+`, each one of
 * `exp`, `sin`, `cos`, `sinh`, `cosh` (optionally `name:a` for ψ(a·z)), `arctan:a` for
 * arctan(z/a), or `poly:c0,c1,…` for Σ c_i z^i. Example: `sin:2+poly:-0.25,0,0.5` is
 * sin(2z) + z²/2 − 1/4, the learning-curve target of docs/experiments.md#the-learning-curve-task.
 */
import { InvalidArgumentError as CommanderArgumentError } from 'commander';
import { type AnalyticFunction, arctanFunction, cosFunction, coshFunction, expFunction, linearCombination, polynomial, scaleArgument, sinFunction, sinhFunction } from '../theory/index.js';

const NAMED: Record<string, AnalyticFunction> = { exp: expFunction, sin: sinFunction, cos: cosFunction, sinh: sinhFunction, cosh: coshFunction };

function number(text: string, what: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new CommanderArgumentError(`${what} must be a number, got '${text}'.`);
  return v;
}

function term(text: string): AnalyticFunction {
  const [name, arg] = text.split(':', 2).map((s) => s.trim());
  if (name === 'poly') {
    if (arg === undefined) throw new CommanderArgumentError("poly needs its coefficients, e.g. 'poly:-0.25,0,0.5'.");
    return polynomial(arg.split(',').map((c) => number(c, 'a poly coefficient')));
  }
  if (name === 'arctan') return arctanFunction(arg === undefined ? 1 : number(arg, 'the arctan scale a'));
  const base = NAMED[name];
  if (base === undefined) {
    throw new CommanderArgumentError(`unknown ψ '${name}': use exp, sin, cos, sinh, cosh (name:a for ψ(a·z)), arctan:a or poly:c0,c1,….`);
  }
  return arg === undefined ? base : scaleArgument(base, number(arg, `the ${name} argument scale`));
}

/** Parses a `--psi` value into an analytic function (commander error on bad syntax). */
export function parsePsi(text: string): AnalyticFunction {
  const parts = text.split('+').map((s) => s.trim());
  if (parts.some((p) => p === '')) throw new CommanderArgumentError(`empty term in ψ '${text}'.`);
  try {
    const psis = parts.map(term);
    return psis.length === 1 ? psis[0] : linearCombination(psis.map((psi) => ({ weight: 1, psi })));
  } catch (err) {
    if (err instanceof CommanderArgumentError) throw err;
    throw new CommanderArgumentError(`${(err as Error).message}.`);
  }
}
