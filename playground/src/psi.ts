/**
 * ψ of the playground from the catalogue of the paper's eq. 6–8 examples, written in the
 * grammar of `rnn-ntk sample --psi` so that the text in the control is also the flag's value:
 * terms joined by `+`, each `exp`, `sin`, `cos`, `sinh`, `cosh` (`name:a` for ψ(a·z)),
 * `arctan:a` for arctan(z/a), or `poly:c0,c1,…` for Σ c_i z^i.
 */
import {
  arctanFunction, cosFunction, coshFunction, expFunction, linearCombination, polynomial, scaleArgument, sinFunction, sinhFunction,
  type AnalyticFunction,
} from 'rnn-ntk';
import { ParamError } from './params.js';

const NAMED: Readonly<Record<string, AnalyticFunction>> = { exp: expFunction, sin: sinFunction, cos: cosFunction, sinh: sinhFunction, cosh: coshFunction };

/** The catalogue entries a term may name, for the control's help text. */
export const PSI_CATALOGUE = ['exp', 'sin', 'cos', 'sinh', 'cosh', 'arctan:a', 'poly:c0,c1,…'] as const;

function number(text: string, what: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new ParamError('psi', `${what} must be a number, got '${text}'`);
  return v;
}

function term(text: string): AnalyticFunction {
  const [name, arg] = text.split(':', 2).map((s) => s.trim());
  if (name === 'poly') {
    if (arg === undefined) throw new ParamError('psi', "poly needs its coefficients, e.g. 'poly:-0.25,0,0.5'");
    return polynomial(arg.split(',').map((c) => number(c, 'a poly coefficient')));
  }
  if (name === 'arctan') return arctanFunction(arg === undefined ? 1 : number(arg, 'the arctan scale a'));
  const base = NAMED[name];
  if (base === undefined) throw new ParamError('psi', `unknown ψ term '${name}': use ${PSI_CATALOGUE.join(', ')}`);
  return arg === undefined ? base : scaleArgument(base, number(arg, `the ${name} argument scale`));
}

/** ψ of an expression, built exactly as `rnn-ntk sample --psi` builds it (so the bits agree). */
export function psiOf(expr: string): AnalyticFunction {
  const parts = expr.split('+').map((s) => s.trim());
  if (parts.some((p) => p === '')) throw new ParamError('psi', `empty term in ψ '${expr}'`);
  try {
    const psis = parts.map(term);
    return psis.length === 1 ? psis[0] : linearCombination(psis.map((psi) => ({ weight: 1, psi })));
  } catch (err) {
    if (err instanceof ParamError) throw err;
    throw new ParamError('psi', (err as Error).message);
  }
}
