/** The API reference's TypeDoc plugin: categories by folder, and citations linked to the doc pages. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script without type declarations
import { categoryOf, linkCitations } from '../../scripts/typedoc-plugin.mjs';

describe('the TypeDoc plugin', () => {
  it('puts an export into the category of the folder it is defined in', () => {
    expect(categoryOf('/repo/src/rnn/train.ts')).toBe('Training');
    expect(categoryOf('/repo/src/rnn/model.ts')).toBe('Network');
    expect(categoryOf('/repo/src/kernels/analytic.ts')).toBe('Kernels');
    expect(categoryOf('/repo/src/linalg/cholesky.ts')).toBe('Linear algebra');
    expect(categoryOf('/repo/src/errors.ts')).toBe('Errors');
    expect(categoryOf('C:\\repo\\src\\theory\\bounds.ts')).toBe('Theory');
    expect(categoryOf('/repo/node_modules/x/index.d.ts')).toBeUndefined();
  });

  it('links plain citations to the document pages, relative to the page, and leaves link texts alone', () => {
    expect(linkCitations('<p>(docs/theory.md#forward-kernel)</p>', 'functions/rnn-ntk.analyticNtk.html')).toBe(
      '<p>(<a href="../documents/theory.html#forward-kernel">docs/theory.md#forward-kernel</a>)</p>',
    );
    expect(linkCitations('<p>see docs/experiments.md</p>', 'index.html')).toBe(
      '<p>see <a href="documents/experiments.html">docs/experiments.md</a></p>',
    );
    const linked = '<a href="documents/theory.html">docs/theory.md</a>';
    expect(linkCitations(linked, 'index.html')).toBe(linked);
  });
});
