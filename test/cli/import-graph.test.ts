/**
 * The library has zero runtime dependencies: walking the import graph from src/index.ts must
 * reach only relative imports of files inside src/ — no bare specifier (commander, vega, …)
 * and no `node:` builtin (the library also runs in browsers). The CLI and the report may use
 * their optional dependencies because src/index.ts never reaches them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Specifiers imported by a TS source (comments stripped first). */
function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  return [...code.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Every file reachable from `entry` by relative imports, and every non-relative import met. */
function walk(entry: string): { files: Set<string>; external: Array<{ from: string; spec: string }> } {
  const files = new Set<string>();
  const external: Array<{ from: string; spec: string }> = [];
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        external.push({ from: relative(ROOT, file), spec });
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      expect(existsSync(target), `${relative(ROOT, file)} imports missing ${spec}`).toBe(true);
      stack.push(target);
    }
  }
  return { files, external };
}

describe('the library import graph', () => {
  it('parses the import forms it must catch', () => {
    expect(specifiers("import * as vega from 'vega';\nexport { a } from './a.js';\nimport 'side';\nconst m = await import('x');")).toEqual([
      'vega',
      './a.js',
      'side',
      'x',
    ]);
    expect(specifiers("// import x from 'commented'\n/* import y from 'block' */")).toEqual([]);
  });

  it('reaches no bare or node: import from src/index.ts', () => {
    const { files, external } = walk(resolve(ROOT, 'src/index.ts'));
    expect(files.size).toBeGreaterThan(10);
    expect(external, `library files import packages: ${JSON.stringify(external)}`).toEqual([]);
    const reached = [...files].map((f) => relative(ROOT, f));
    expect(reached.filter((f) => f.startsWith('src/cli/') || f.startsWith('src/report/'))).toEqual([]);
  });

  it('keeps the CLI dependencies optional (they are not in "dependencies")', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    for (const dep of ['commander', 'cli-progress', 'vega', 'vega-lite']) expect(pkg.optionalDependencies).toHaveProperty(dep);
  });
});
