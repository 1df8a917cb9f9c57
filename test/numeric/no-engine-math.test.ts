/**
 * Guard: no engine-dependent transcendental in the library code. JS Math.log/exp/sin/… are not
 * specified to the last bit and differ between engines, so a seed would stop giving the same bits
 * in Node and Chromium; src/numeric has portable replacements. src/cli and src/report only format
 * text for display and are exempt.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');
const EXEMPT_DIRS = ['src/cli', 'src/report'];

const ENGINE_MATH = /\bMath\.(log|exp|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|log1p|expm1|log2|log10|pow|cbrt|hypot)\b/g;
/** a ** b where an operand is not a numeric literal (2 ** 30 is folded exactly; x ** y is Math.pow). */
const POWER = /([\w.$)\]]+)\s*\*\*=?\s*(-?[\w.$(]+)/g;
const NUMERIC_LITERAL = /^-?\d[\d_]*(\.\d+)?(e[+-]?\d+)?$/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return EXEMPT_DIRS.includes(relative(ROOT, path)) ? [] : sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The code of a file without its comments (block comments keep their newlines, for line numbers). */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .split('\n')
    .map((line) => line.replace(/(^|[^:'"`])\/\/.*$/, '$1'))
    .join('\n');
}

/** Every engine-dependent call or ** in the given source text, as 'line: code'. */
function offendersIn(text: string): string[] {
  const found: string[] = [];
  withoutComments(text)
    .split('\n')
    .forEach((line, i) => {
      for (const m of line.matchAll(ENGINE_MATH)) found.push(`${i + 1}: ${m[0]}`);
      for (const m of line.matchAll(POWER)) {
        if (!NUMERIC_LITERAL.test(m[1]) || !NUMERIC_LITERAL.test(m[2])) found.push(`${i + 1}: ${m[0].trim()}`);
      }
    });
  return found;
}

describe('no engine-dependent Math in src/ (outside cli and report)', () => {
  it('the scanner finds calls, references and ** on variables, and skips comments and literal powers', () => {
    const sample = [
      '// Math.exp(x) in a comment',
      '/** Math.sin(x) in a doc',
      ' *  x ** y in a doc */',
      'const a = Math.log(x);',
      'const f = Math.cosh;',
      'const b = 2 ** 30 + y ** 2;',
      'const c = Math.sqrt(x) + Math.abs(y); // Math.pow(2, 3)',
    ].join('\n');
    expect(offendersIn(sample)).toEqual(['4: Math.log', '5: Math.cosh', '6: y ** 2']);
  });

  it('finds none in the library code', () => {
    const offenders: Record<string, string[]> = {};
    for (const file of sourceFiles(SRC)) {
      const found = offendersIn(readFileSync(file, 'utf8'));
      if (found.length > 0) offenders[relative(ROOT, file)] = found;
    }
    expect(offenders, 'use the portable functions of src/numeric (portableExp, naturalLog, portableSin, …) instead').toEqual({});
  });
});
