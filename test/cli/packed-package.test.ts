/**
 * The published package as a user gets it: `npm pack`, install the tarball into an empty project
 * (offline, optional packages omitted), then run the README's library example from there as ESM
 * (`import`) and as CommonJS (`require`, Node ≥ 20.19), type-check a consumer with
 * `lib: ["ES2022"]` and @types/node (no DOM lib), and run the CLI, which must name the missing
 * optional packages in one line and exit 2.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let project = '';
let files: string[] = [];

/** The README's library example, its console.log turned into one JSON line. */
function readmeExample(): string {
  const block = /## Library example\s+```ts\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  expect(block, 'README.md has a ```ts block under "## Library example"').not.toBeNull();
  return block![1].replace('console.log({', 'console.log(JSON.stringify({').replace(/\}\);\nmodel\.dispose\(\);/, '}));\nmodel.dispose();');
}

/** The same example with its `import {…} from 'rnn-ntk'` turned into a `require`. */
function asCommonJs(esm: string): string {
  return esm.replace(/import\s*\{([\s\S]*?)\}\s*from 'rnn-ntk';/, "const {$1} = require('rnn-ntk');");
}

function run(file: string): { H: number; complexity: number; ntkTest: number } {
  const r = spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** Newest modification time of the TypeScript sources (dist is rebuilt only when older). */
function newestSource(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true }).map((f) => statSync(join(dir, String(f))).mtimeMs));
}

beforeAll(() => {
  // `npm test` builds dist in pretest; a lone run of this file rebuilds it when sources changed
  const built = join(ROOT, 'dist/index.js');
  if (!existsSync(built) || statSync(built).mtimeMs < newestSource(join(ROOT, 'src'))) {
    execFileSync(NPM, ['run', 'build:ts'], { cwd: ROOT, stdio: 'pipe' });
  }
  const packDir = mkdtempSync(join(tmpdir(), 'rnn-ntk-pack-'));
  const [packed] = JSON.parse(execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' }));
  files = packed.files.map((f: { path: string }) => f.path);
  project = mkdtempSync(join(tmpdir(), 'rnn-ntk-consumer-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync(NPM, ['install', join(packDir, packed.filename), '--offline', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: project,
    stdio: 'pipe',
  });
}, 120_000);

describe('the packed tarball', () => {
  it('ships the library, its licence and docs, and no unused or source-less files', () => {
    expect(files).toContain('LICENSE');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/internals.d.ts');
    expect(files).toContain('docs/theory.md');
    expect(files.filter((f) => f.startsWith('build/') || f.endsWith('.wasm'))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules/rnn-ntk/package.json'), 'utf8'));
    for (const field of ['repository', 'homepage', 'bugs', 'keywords', 'license']) expect(pkg).toHaveProperty(field);
    // source maps carry their sources, so they never point at a file that is not shipped
    const maps = readdirSync(join(project, 'node_modules/rnn-ntk/dist'), { recursive: true }).filter((f) => String(f).endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(10);
    for (const map of maps) {
      const m = JSON.parse(readFileSync(join(project, 'node_modules/rnn-ntk/dist', String(map)), 'utf8'));
      expect(m.sourcesContent?.length, String(map)).toBe(m.sources.length);
    }
    const inlined = readFileSync(join(project, 'node_modules/rnn-ntk/dist/wasm/generated/core-wasm.d.ts'), 'utf8');
    expect(inlined).toContain('coreWasmBase64: string;');
    expect(existsSync(join(project, 'node_modules/commander')), 'optional packages were omitted').toBe(false);
  });

  it('runs the README example as ESM and as CommonJS, with the same bits', () => {
    const code = readmeExample();
    writeFileSync(join(project, 'example.mjs'), code);
    writeFileSync(join(project, 'example.cjs'), asCommonJs(code));
    const esm = run('example.mjs');
    expect(esm.ntkTest).toBeLessThan(0.2);
    expect(run('example.cjs')).toEqual(esm);
  });

  it('type-checks for a consumer with lib ES2022 and @types/node, without the DOM lib', () => {
    const dir = join(project, 'ts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: ['node'],
          typeRoots: [join(ROOT, 'node_modules/@types')], strict: true, noEmit: true, skipLibCheck: false,
        },
        files: ['consumer.mts'],
      }),
    );
    writeFileSync(
      join(dir, 'consumer.mts'),
      "import { analyticNtk, sequencesFromNested, type AnalyticNtk } from 'rnn-ntk';\n" +
        "import { getBackend } from 'rnn-ntk/internals';\n" +
        'const k: AnalyticNtk = analyticNtk(sequencesFromNested([[[1, 0]], [[0, 1]]]));\n' +
        'console.log(k.H.data[0], getBackend().name);\n',
    );
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('has a CLI that, without its optional packages, says what to install in one line and exits 2', () => {
    const r = spawnSync(process.execPath, [join(project, 'node_modules/rnn-ntk/dist/cli/main.js'), '--help'], { cwd: project, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('npm i cli-progress@3.12.0 commander@14.0.3 vega@6.4.0 vega-lite@6.4.3');
  });
});
