/** The robustness table of `rnn-ntk claims`: seed lists, counts per claim, the 7-of-8 flag, figures per seed. */
import { describe, expect, it } from 'vitest';
import { parseSeeds } from '../../src/cli/commands/claims.js';
import { UsageError } from '../../src/cli/errors.js';
import type { ExperimentResult } from '../../src/experiments/result.js';
import { robustnessMarkdown, robustnessRows, supportCounts } from '../../src/report/robustness.js';

const result = (name: 'backward-decay' | 'lazy-training', supported: boolean | null, slope: number): ExperimentResult => ({
  name,
  title: name,
  params: {},
  tables: {},
  plots: [],
  verdict: { claim: 'c', measured: 'm', predicted: 'p', criterion: 'k', counterCriterion: 'kk', figures: { slope }, supported, notes: [] },
  seconds: 1,
});

describe('parseSeeds', () => {
  it('reads ranges and lists', () => {
    expect(parseSeeds('1-8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseSeeds('3, 1,3-4')).toEqual([3, 1, 4]);
  });
  it.each(['8-1', '', 'x', '1,,2', '0-99'])('rejects %j with a usage error', (v) => {
    expect(() => parseSeeds(v)).toThrow(UsageError);
  });
});

describe('robustness table', () => {
  // backward-decay supported at 8 of 8 seeds, lazy-training at 6 of 8 (one undecided, one not)
  const runs = Array.from({ length: 8 }, (_, k) => ({
    seed: k + 1,
    results: [result('backward-decay', true, 0.1 * k), result('lazy-training', k === 0 ? null : k === 1 ? false : true, -0.5)],
  }));

  it('counts the seeds that support each claim and flags fewer than 7 of 8', () => {
    expect(supportCounts(runs)).toEqual([
      { name: 'backward-decay', supported: 8, total: 8, robust: true },
      { name: 'lazy-training', supported: 6, total: 8, robust: false },
    ]);
    const md = robustnessMarkdown(runs, { command: 'npm run claims -- --seeds 1-8', generatedAt: '2026-12-02T00:00:00Z', how: '1 s on 2 threads' });
    expect(md).toContain('Generated 2026-12-02T00:00:00Z by `npm run claims -- --seeds 1-8` (1 s on 2 threads)');
    expect(md).toContain('| `backward-decay` | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ | 8/8 |');
    expect(md).toContain('| `lazy-training` | ? | ✘ | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ | 6/8 — **fewer than 7 of 8** |');
    expect(md).toContain('| 8 | supported | 0.7 |');
  });

  it('writes one CSV row per claim and seed with the verdict and its figures', () => {
    const rows = robustnessRows(runs);
    expect(rows).toHaveLength(16);
    expect(rows[1]).toEqual({ claim: 'lazy-training', seed: 1, verdict: 'undecided', slope: -0.5 });
  });
});

describe('robustness table with a contrast', () => {
  // the contrast says NOT supported (as the theory predicts) at seeds 1–7 and supported at seed 8
  const contrast = (k: number) => ({ key: 'sub', setting: 'contrast: vW = 1.5', expected: false, supported: k === 7, measured: 'm', figures: { subExponent: k } });
  const runs = Array.from({ length: 8 }, (_, k) => {
    const base = result('backward-decay', true, 0.1 * k);
    return { seed: k + 1, results: [{ ...base, verdict: { ...base.verdict, contrasts: [contrast(k)] } }] };
  });

  it('counts the seeds where the contrast came out as predicted, beside the claims, with its figures', () => {
    const md = robustnessMarkdown(runs, { command: 'c', generatedAt: 'd', how: 'h' });
    expect(md).toContain('| `backward-decay`: contrast: vW = 1.5 | ✘ | ✘ | ✘ | ✘ | ✘ | ✘ | ✘ | ✔ | 7/8 (NOT supported) |');
    expect(md).toContain('`backward-decay` contrast: vW = 1.5 — figures the criterion judged:');
    expect(md).toContain('| 8 | supported | 7 |');
    // the claim's own count does not include the contrast
    expect(supportCounts(runs)).toEqual([{ name: 'backward-decay', supported: 8, total: 8, robust: true }]);
  });

  it('writes the contrast as its own CSV rows, keyed <claim>/<contrast>', () => {
    const rows = robustnessRows(runs);
    expect(rows).toHaveLength(16);
    expect(rows[1]).toEqual({ claim: 'backward-decay/sub', seed: 1, verdict: 'NOT supported', subExponent: 0 });
  });
});
