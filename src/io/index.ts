// Public API of src/io: this file only re-exports.
export { decodeNpy, encodeNpy, type NdArray } from './npy.js';
export { parseDatasetJson, datasetToJson, nestedFromDataset } from './dataset-json.js';
export { datasetFromNpy, datasetToNpy, type DatasetNpyFiles } from './dataset-npy.js';
