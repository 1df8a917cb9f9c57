/**
 * The CLI without its optional packages: the check names exactly the packages that cannot be
 * resolved and prints one line with the install command. (The packed-tarball test runs the real
 * executable in a project where none of them is installed.)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPackages, installHint, missingPackages } from '../../src/cli/requirements.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the optional packages of the command line', () => {
  it('are the optionalDependencies of package.json, with their pinned versions', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
    expect(cliPackages()).toEqual(pkg.optionalDependencies);
    expect(Object.keys(cliPackages()).sort()).toEqual(['cli-progress', 'commander', 'vega', 'vega-lite']);
  });

  it('are all found in this checkout', () => {
    expect(missingPackages(Object.keys(cliPackages()))).toEqual([]);
  });

  it('reports exactly the packages a resolver cannot find (simulated: vega and vega-lite missing)', () => {
    const absent = new Set(['vega', 'vega-lite']);
    const fake = (name: string) => {
      if (absent.has(name)) throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
      return `/node_modules/${name}/index.js`;
    };
    const missing = missingPackages(Object.keys(cliPackages()), fake);
    expect(missing).toEqual(['vega', 'vega-lite']);
    const line = installHint(missing, cliPackages());
    expect(line).not.toContain('\n');
    expect(line).toContain('npm i vega@6.4.0 vega-lite@6.4.3');
  });

  it('with everything installed, the executable runs (--version)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli/main.ts'), '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0.1.0');
    expect(r.status).toBe(0);
  });
});
