/**
 * The two entry points: `rnn-ntk` (the public API) and `rnn-ntk/internals` (heap, backend kernels,
 * validators). The internals are not on the root, and no export of a module that the root lists
 * name by name (instead of `export *`) is lost: each is on one entry point or the other.
 */
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';
import * as internals from '../../src/internals.js';
import * as matrix from '../../src/linalg/matrix.js';
import * as sequences from '../../src/data/sequences.js';
import * as activations from '../../src/kernels/empirical-activations.js';
import * as functionComplexity from '../../src/theory/function-complexity.js';
import * as conceptClasses from '../../src/theory/concept-classes.js';

describe('the package entry points', () => {
  it('keep the heap, the backend kernels and the validators off the root', () => {
    for (const name of ['Heap', 'getBackend', 'choleskyInHeap', 'resolveC1', 'assertSequenceBatch', 'assertKernelMatrix']) {
      expect(root, name).not.toHaveProperty(name);
      expect(internals, name).toHaveProperty(name);
    }
    expect(Object.keys(root).filter((name) => name.startsWith('assert'))).toEqual([]);
  });

  it('lose no export of the modules the root lists name by name', () => {
    const modules = { matrix, sequences, activations, functionComplexity, conceptClasses };
    const lost = Object.entries(modules).flatMap(([file, mod]) =>
      Object.keys(mod).filter((name) => !(name in root) && !(name in internals)).map((name) => `${file}.${name}`),
    );
    expect(lost).toEqual([]);
  });
});
