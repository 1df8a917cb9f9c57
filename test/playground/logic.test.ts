/**
 * The playground's Node-side logic: the spectrum routine against the Jacobi oracle and algebraic
 * identities, parameters through the URL and back, the command lines' flags, and block means.
 */
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src/index.js';
import { commandsOf, experimentCommand, experimentFlag, shellLine } from '../../playground/src/command.js';
import { blockMeans } from '../../playground/src/compute.js';
import { DEFAULTS, nVariablePositions, ParamError, paramsFromQuery, queryOf } from '../../playground/src/params.js';
import { psiOf } from '../../playground/src/psi.js';

describe('parameters and command lines', () => {
  it('round-trip through the URL and refuse a bad value naming the control', () => {
    const p = { ...DEFAULTS, L: 12, m: 64, seed: 9, psi: 'arctan:2+cos', concept: 'nvariable' as const, N: 3 };
    expect(paramsFromQuery(queryOf(p))).toEqual(p);
    expect(() => paramsFromQuery(new URLSearchParams('L=0'))).toThrow(ParamError);
    expect(() => paramsFromQuery(new URLSearchParams('m=2.5'))).toThrow(/width m must be an integer/);
    expect(() => paramsFromQuery(new URLSearchParams('cmin=3&cmax=2'))).toThrow(/C_min 3 exceeds C_max 2/);
    expect(() => paramsFromQuery(new URLSearchParams('concept=nvariable&N=9&L=8'))).toThrow(/do not fit/);
    expect(() => psiOf('sin+')).toThrow(/empty term/);
    expect(() => psiOf('tan')).toThrow(/unknown ψ term 'tan'/);
  });

  it('spreads the N-variable positions over 1..L, distinct, the last at L', () => {
    for (let L = 1; L <= 20; L++) {
      for (let N = 1; N <= L; N++) {
        const pos = nVariablePositions(N, L);
        expect(new Set(pos).size).toBe(N);
        expect(pos[N - 1]).toBe(L);
        expect(Math.min(...pos)).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('writes the CLI flags the commands declare, quoted for the shell', () => {
    const c = commandsOf({ ...DEFAULTS, concept: 'nvariable', N: 2, L: 8 });
    expect(shellLine(c.sample)).toContain("--psi 'sin:2+poly:-0.25,0,0.5' --positions 4,8");
    expect(experimentFlag('testSize')).toBe('--test-size');
    expect(experimentFlag('L')).toBe('--L');
    expect(experimentCommand(EXPERIMENTS['learning-curve'], { sizes: [50, 200], ntkMaxN: 100 }, 3)).toEqual([
      'experiment', 'learning-curve', '--sizes', '50,200', '--ntk-max-n', '100', '--seed', '3', '--out', 'report/learning-curve',
    ]);
  });

  it('reduces a matrix to block means that keep its total', () => {
    const n = 130;
    const a = Float64Array.from({ length: n * n }, (_, t) => (t % 7) - 3);
    const b = blockMeans(a, n, 64);
    expect([b.block, b.side]).toEqual([3, 44]);
    let total = 0;
    for (let i = 0; i < b.side; i++) {
      for (let j = 0; j < b.side; j++) total += b.values[i * b.side + j] * (Math.min(n, (i + 1) * 3) - i * 3) * (Math.min(n, (j + 1) * 3) - j * 3);
    }
    expect(total).toBeCloseTo(a.reduce((s, v) => s + v, 0), 9);
    expect(blockMeans(a.subarray(0, 100), 10).values).toEqual(a.subarray(0, 100));
  });
});
