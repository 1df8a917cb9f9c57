/**
 * What users read cites the paper and the project's own docs, never the team's internal
 * specification: no "SPEC" in src/ (code, doc comments, messages), README.md, docs/, or any
 * `--help` text of the CLI. (Identifiers such as SPEC_H in tests are not user-visible.)
 */
// spec-refs: leave this file alone (its patterns and samples are the citations it looks for).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CITATION = /(?<![_A-Za-z])SPEC(?![_A-Za-z])/;

/** Text files under `dir` (generated files and build outputs excluded). */
function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|md|mjs|html)$/.test(f) && !f.includes('generated') && !f.startsWith('api'))
    .map((f) => join(ROOT, dir, f));
}

/** "file:line: text" for every line of `files` that cites SPEC. */
function citations(files: string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (CITATION.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('no citation of the internal specification where users read', () => {
  it('the pattern finds citations and skips identifiers', () => {
    expect(CITATION.test('(SPEC §4)')).toBe(true);
    expect(CITATION.test('the SPEC worked example')).toBe(true);
    expect(CITATION.test('const SPEC_H = []; const C_SPEC = 1;')).toBe(false);
  });

  it('in src/, README.md and docs/', () => {
    expect(citations([...filesUnder('src'), join(ROOT, 'README.md'), ...filesUnder('docs')])).toEqual([]);
  });

  it('in the --help text of the CLI and of every command', () => {
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => out.push(s), stderrIsTTY: false };
    const program = buildProgram(io);
    const texts = [program.helpInformation(), ...program.commands.map((c) => c.helpInformation())];
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.filter((t) => CITATION.test(t))).toEqual([]);
  });
});
