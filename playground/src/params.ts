/**
 * The playground's parameters: one declaration per control (URL key, label, kind, bounds,
 * default), read from and written to the page URL, so that a link reproduces the view.
 */

/** The concept class of the paper the task is drawn from: additive (eq. 9) or N-variable (eq. 11). */
export type ConceptClass = 'additive' | 'nvariable';

/** Everything the task, kernel and training views depend on. */
export interface PlaygroundParams {
  /** Concept class of the target F*. */
  readonly concept: ConceptClass;
  /** ψ in the `--psi` grammar of `rnn-ntk sample` (e.g. `sin:2+poly:-0.25,0,0.5`). */
  readonly psi: string;
  /** Sequence length L. */
  readonly L: number;
  /** Token width d. */
  readonly d: number;
  /** N of the N-variable class: the target reads N positions, spread evenly over 1..L. */
  readonly N: number;
  /** Training sequences n. */
  readonly n: number;
  /** Held-out sequences. */
  readonly nTest: number;
  /** Smallest and largest token norm C_min, C_max (the input-norm scale). */
  readonly cmin: number;
  readonly cmax: number;
  /** ỹ of the complexity: the labels y or the target values F*(x). */
  readonly target: 'labels' | 'fstar';
  /** Network width m. */
  readonly m: number;
  /** η₀ of η = η₀/m. */
  readonly eta0: number;
  /** SGD steps T. */
  readonly steps: number;
  /** Mini-batch size B. */
  readonly batch: number;
  /** Steps between two reports (loss, prequential and held-out error). */
  readonly reportEvery: number;
  /** Initialisation preset of the network (eq. 14 'paper', or Algorithm 1's). */
  readonly init: 'paper' | 'algorithm1';
  /** Seed of every random draw. */
  readonly seed: number;
}

/** The declaration of one numeric or choice control. */
export type ParamDeclaration =
  | { readonly key: keyof PlaygroundParams; readonly label: string; readonly kind: 'int' | 'number'; readonly min: number; readonly max: number; readonly step?: number }
  | { readonly key: keyof PlaygroundParams; readonly label: string; readonly kind: 'choice'; readonly choices: readonly string[] }
  | { readonly key: keyof PlaygroundParams; readonly label: string; readonly kind: 'text' };

/** The defaults: the learning-curve task (docs/experiments.md#the-learning-curve-task) at a size that trains in a few seconds. */
export const DEFAULTS: PlaygroundParams = Object.freeze({
  concept: 'additive',
  psi: 'sin:2+poly:-0.25,0,0.5',
  L: 8,
  d: 4,
  N: 2,
  n: 200,
  nTest: 200,
  cmin: 0.5,
  cmax: 2,
  target: 'fstar',
  m: 128,
  eta0: 2,
  steps: 4000,
  batch: 1,
  reportEvery: 200,
  init: 'paper',
  seed: 1,
});

/** Every control, in the order the form shows them, grouped: task, network and training. */
export const DECLARATIONS: readonly ParamDeclaration[] = [
  { key: 'concept', label: 'concept class', kind: 'choice', choices: ['additive', 'nvariable'] },
  { key: 'psi', label: 'ψ (catalogue terms joined by +)', kind: 'text' },
  { key: 'L', label: 'sequence length L', kind: 'int', min: 1, max: 64 },
  { key: 'd', label: 'token width d', kind: 'int', min: 1, max: 64 },
  { key: 'N', label: 'N (positions read, N-variable)', kind: 'int', min: 1, max: 64 },
  { key: 'n', label: 'training sequences n', kind: 'int', min: 2, max: 2000 },
  { key: 'nTest', label: 'held-out sequences', kind: 'int', min: 1, max: 2000 },
  { key: 'cmin', label: 'token norm C_min', kind: 'number', min: 0.01, max: 100, step: 0.05 },
  { key: 'cmax', label: 'token norm C_max', kind: 'number', min: 0.01, max: 100, step: 0.05 },
  { key: 'target', label: 'ỹ of the complexity', kind: 'choice', choices: ['fstar', 'labels'] },
  { key: 'm', label: 'width m', kind: 'int', min: 1, max: 2048 },
  { key: 'eta0', label: 'η₀ (η = η₀/m)', kind: 'number', min: 0.001, max: 1000, step: 0.1 },
  { key: 'steps', label: 'SGD steps T', kind: 'int', min: 1, max: 1000000 },
  { key: 'batch', label: 'mini-batch B', kind: 'int', min: 1, max: 1024 },
  { key: 'reportEvery', label: 'report every k steps', kind: 'int', min: 1, max: 1000000 },
  { key: 'init', label: 'initialisation', kind: 'choice', choices: ['paper', 'algorithm1'] },
  { key: 'seed', label: 'seed', kind: 'int', min: 0, max: Number.MAX_SAFE_INTEGER },
];

/** A parameter value that cannot be used, with the control it belongs to. */
export class ParamError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParamError';
  }
}

/** Parses and checks one control's text; throws ParamError saying what to fix. */
export function parseValue(decl: ParamDeclaration, text: string): string | number {
  if (decl.kind === 'text') {
    if (text.trim() === '') throw new ParamError(decl.key, `${decl.label} is empty`);
    return text.trim();
  }
  if (decl.kind === 'choice') {
    if (!decl.choices.includes(text)) throw new ParamError(decl.key, `${decl.label} must be one of ${decl.choices.join(', ')}, got '${text}'`);
    return text;
  }
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || (decl.kind === 'int' && !Number.isInteger(v))) {
    throw new ParamError(decl.key, `${decl.label} must be ${decl.kind === 'int' ? 'an integer' : 'a number'}, got '${text}'`);
  }
  if (v < decl.min || v > decl.max) throw new ParamError(decl.key, `${decl.label} must lie in [${decl.min}, ${decl.max}], got ${v}`);
  return v;
}

/** Checks the relations between parameters (each value alone is checked by parseValue). */
export function checkParams(p: PlaygroundParams): PlaygroundParams {
  if (p.cmin > p.cmax) throw new ParamError('cmin', `C_min ${p.cmin} exceeds C_max ${p.cmax}`);
  if (p.concept === 'nvariable' && p.N > p.L) throw new ParamError('N', `N = ${p.N} positions do not fit in L = ${p.L} steps`);
  return p;
}

/** Parameters from a URL query (missing keys take their defaults); throws ParamError on a bad value. */
export function paramsFromQuery(query: URLSearchParams): PlaygroundParams {
  const out: Record<string, string | number> = { ...DEFAULTS };
  for (const decl of DECLARATIONS) {
    const text = query.get(decl.key);
    if (text !== null) out[decl.key] = parseValue(decl, text);
  }
  return checkParams(out as unknown as PlaygroundParams);
}

/** The URL query of the parameters (every key written, so a link never depends on defaults). */
export function queryOf(p: PlaygroundParams, extra: Readonly<Record<string, string>> = {}): URLSearchParams {
  const q = new URLSearchParams();
  for (const decl of DECLARATIONS) q.set(decl.key, String(p[decl.key]));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q;
}

/** The N positions l_1 < … < l_N of the N-variable target: spread evenly, the last one at L. */
export function nVariablePositions(N: number, L: number): number[] {
  return Array.from({ length: N }, (_, k) => Math.round(((k + 1) * L) / N));
}
