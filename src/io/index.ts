// Public API of src/io: this file only re-exports.
export { decodeNpy, encodeNpy, type NdArray } from './npy.js';
export { parseDatasetJson, parseLabelledJson, parseSequencesJson, datasetToJson, nestedFromDataset } from './dataset-json.js';
export { datasetFromNpy, datasetToNpy, labelledFromNpy, sequencesFromNpy, type DatasetNpyFiles } from './dataset-npy.js';
