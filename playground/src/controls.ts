/** The form of the playground: one labelled, keyboard-operable control per declared parameter. */
import { DECLARATIONS, ParamError, checkParams, parseValue, type ParamDeclaration, type PlaygroundParams } from './params.js';
import { PSI_CATALOGUE } from './psi.js';

function controlFor(decl: ParamDeclaration, value: string | number): HTMLInputElement | HTMLSelectElement {
  if (decl.kind === 'choice') {
    const select = document.createElement('select');
    for (const c of decl.choices) select.append(new Option(c, c, false, c === value));
    return select;
  }
  const input = document.createElement('input');
  if (decl.kind === 'text') {
    input.type = 'text';
    input.spellcheck = false;
    input.title = `terms of ${PSI_CATALOGUE.join(', ')} joined by +; name:a is ψ(a·z)`;
    input.setAttribute('list', 'psi-examples');
  } else {
    input.type = 'number';
    input.min = String(decl.min);
    input.max = String(decl.max);
    input.step = decl.kind === 'int' ? '1' : String(decl.step ?? 'any');
  }
  input.value = String(value);
  return input;
}

/** Examples of ψ from the catalogue, offered by the ψ control. */
const PSI_EXAMPLES = ['sin:2+poly:-0.25,0,0.5', 'sin', 'cos:2', 'exp:0.5', 'sinh', 'cosh:0.5', 'arctan:2', 'poly:0,1', 'poly:0,1,0.5', 'sin+arctan:2'];

/** Builds the controls into `form` (fieldsets by group) with the given values; `onChange` after each edit. */
export function buildControls(form: HTMLElement, values: PlaygroundParams, onChange: () => void): void {
  const examples = document.createElement('datalist');
  examples.id = 'psi-examples';
  for (const e of PSI_EXAMPLES) examples.append(new Option(e, e));
  form.append(examples);
  const groups: Array<[string, ReadonlyArray<keyof PlaygroundParams>]> = [
    ['task', ['concept', 'psi', 'L', 'd', 'N', 'n', 'nTest', 'cmin', 'cmax', 'target']],
    ['network and Algorithm 1', ['m', 'eta0', 'steps', 'batch', 'reportEvery', 'init', 'seed']],
  ];
  for (const [legend, keys] of groups) {
    const set = document.createElement('fieldset');
    set.append(Object.assign(document.createElement('legend'), { textContent: legend }));
    for (const key of keys) {
      const decl = DECLARATIONS.find((d) => d.key === key)!;
      const control = controlFor(decl, values[key]);
      control.id = `p-${key}`;
      control.name = key;
      control.addEventListener('change', onChange);
      const label = Object.assign(document.createElement('label'), { htmlFor: control.id, textContent: decl.label });
      const row = document.createElement('div');
      row.className = 'row';
      row.append(label, control);
      set.append(row);
    }
    form.append(set);
  }
}

/** Reads the controls; throws ParamError naming the control with a bad value (and marks it invalid). */
export function readControls(form: HTMLElement): PlaygroundParams {
  const out: Record<string, string | number> = {};
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  try {
    for (const decl of DECLARATIONS) {
      const control = form.querySelector<HTMLInputElement | HTMLSelectElement>(`#p-${decl.key}`)!;
      out[decl.key] = parseValue(decl, control.value);
    }
    return checkParams(out as unknown as PlaygroundParams);
  } catch (err) {
    if (err instanceof ParamError) form.querySelector(`#p-${err.key}`)?.setAttribute('aria-invalid', 'true');
    throw err;
  }
}
