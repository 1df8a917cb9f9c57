import { describe, expect, it } from 'vitest';
import { FormatError } from '../../src/errors.js';
import { dataset, sequencesFromNested } from '../../src/data/sequences.js';
import { parseMaybeLabelledJson } from '../../src/io/dataset-json.js';
import { datasetFromNpy, datasetToJson, datasetToNpy, encodeNpy, parseDatasetJson, parseSequencesJson, sequencesFromNpy } from '../../src/io/index.js';
import { expectBitEqual } from '../helpers.js';

const x = [
  [[1, 0], [0.5, -1], [2, 1]],
  [[0, 1], [1, 1], [-1, 0.5]],
];
const ds = dataset(sequencesFromNested(x), [1, -1], [0.7, -1.3]);

describe('JSON data sets', () => {
  it('parses the documented layout x[i][l][k] into flat row-major data', () => {
    const parsed = parseDatasetJson(JSON.stringify({ x, y: [1, -1] }));
    expect([parsed.x.n, parsed.x.L, parsed.x.d]).toEqual([2, 3, 2]);
    // data[(i·L + l)·d + k] = x[i][l][k]
    expect(parsed.x.data[(1 * 3 + 2) * 2 + 1]).toBe(0.5);
    expect(parsed.fstar).toBeUndefined();
  });

  it('round-trips bits, fstar and metadata', () => {
    const back = parseDatasetJson(datasetToJson(ds, { note: 'kept' }));
    expectBitEqual(back.x.data, ds.x.data);
    expectBitEqual(back.y, ds.y);
    expectBitEqual(back.fstar!, ds.fstar!);
    expect(JSON.parse(datasetToJson(ds, { note: 'kept' })).meta).toEqual({ note: 'kept' });
  });

  it.each([
    ['not JSON', '{"x": [', /not valid JSON/],
    ['an array', '[1, 2]', /must hold a JSON object/],
    ['no y', JSON.stringify({ x }), /needs keys "x".*"y"/],
    ['ragged x', JSON.stringify({ x: [x[0], [[1, 2]]], y: [1, 1] }), /sequence 1 has 1 steps/],
    ['a string in x', JSON.stringify({ x: [[[1, 'a']]], y: [1] }), /x\[0\]\[0\]\[1\] must be a number/],
    ['labels not ±1', JSON.stringify({ x, y: [1, 0] }), /labels must be −1 or \+1/],
    ['too few labels', JSON.stringify({ x, y: [1] }), /expected 2 labels/],
    ['wrong fstar length', JSON.stringify({ x, y: [1, -1], fstar: [1] }), /expected 2 target values/],
    ['empty x', JSON.stringify({ x: [], y: [] }), /non-empty array/],
  ])('rejects %s with a FormatError', (_what, text, message) => {
    expect(() => parseDatasetJson(text)).toThrow(FormatError);
    expect(() => parseDatasetJson(text)).toThrow(message);
  });
});

describe('unlabelled JSON sequences', () => {
  it('reads x alone, and the whole data set only when labels are present', () => {
    const unlabelled = JSON.stringify({ x });
    const seqs = parseSequencesJson(unlabelled);
    expect([seqs.n, seqs.L, seqs.d]).toEqual([2, 3, 2]);
    expect(seqs.data[(1 * 3 + 2) * 2 + 1]).toBe(0.5); // data[(i·L + l)·d + k] = x[i][l][k]
    expect(parseMaybeLabelledJson(unlabelled).dataset).toBeUndefined();
    expectBitEqual(parseMaybeLabelledJson(unlabelled).x.data, seqs.data);
    const labelled = parseMaybeLabelledJson(datasetToJson(ds));
    expectBitEqual(labelled.dataset!.y, ds.y);
    expectBitEqual(labelled.x.data, ds.x.data);
  });

  it.each([
    ['no x', JSON.stringify({ z: [1] }), /needs key "x"/],
    ['a ragged x', JSON.stringify({ x: [x[0], [[1, 2]]] }), /sequence 1 has 1 steps/],
    ['a NaN written as a string', JSON.stringify({ x: [[['NaN', 1]]] }), /x\[0\]\[0\]\[0\] must be a number/],
  ])('rejects %s with a FormatError', (_what, text, message) => {
    expect(() => parseSequencesJson(text)).toThrow(FormatError);
    expect(() => parseSequencesJson(text)).toThrow(message);
    expect(() => parseMaybeLabelledJson(text)).toThrow(message);
  });

  it('reads x .npy alone, (n, L, d) or (n, L), and rejects other ranks', () => {
    expect(sequencesFromNpy(encodeNpy(ds.x.data, [2, 3, 2])).data).toEqual(ds.x.data);
    const flat = sequencesFromNpy(encodeNpy([1, 2, 3, 4, 5, 6], [3, 2]));
    expect([flat.n, flat.L, flat.d]).toEqual([3, 2, 1]);
    expect(() => sequencesFromNpy(encodeNpy([1, 2, 3, 4], [1, 1, 2, 2]))).toThrow(/shape \(n, L, d\).*got \(1, 1, 2, 2\)/);
    expect(() => sequencesFromNpy(encodeNpy([], [0, 3, 2]))).toThrow(/holds no sequences \(shape \(0, 3, 2\)\)/);
  });
});

describe('.npy data sets', () => {
  it('round-trips x (n, L, d), y and fstar bit for bit', () => {
    const files = datasetToNpy(ds);
    const back = datasetFromNpy(files);
    expect([back.x.n, back.x.L, back.x.d]).toEqual([2, 3, 2]);
    expectBitEqual(back.x.data, ds.x.data);
    expectBitEqual(back.y, ds.y);
    expectBitEqual(back.fstar!, ds.fstar!);
  });

  it('accepts (n, L) for d = 1 and rejects mismatched shapes or bad labels', () => {
    const x2 = encodeNpy([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(datasetFromNpy({ x: x2, y: encodeNpy([1, -1], [2]) }).x.d).toBe(1);
    expect(() => datasetFromNpy({ x: x2, y: encodeNpy([1, -1, 1], [3]) })).toThrow(/shape \(2,\) to match x/);
    expect(() => datasetFromNpy({ x: x2, y: encodeNpy([1, 2], [2]) })).toThrow(/labels must be −1 or \+1/);
    expect(() => datasetFromNpy({ x: encodeNpy([1, 2], [2]), y: encodeNpy([1, -1], [2]) })).toThrow(/shape \(n, L, d\)/);
    expect(() => datasetFromNpy({ x: encodeNpy([NaN, 1], [2, 1]), y: encodeNpy([1, -1], [2]) })).toThrow(FormatError);
  });
});
