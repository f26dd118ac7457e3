/** Columns prepared once per analysis: sorted finite numeric samples, aligned category counts. */
export * from './column-pair.js';
export * from './extract.js';
export { sortFloat64 } from '../../kernels/index.js';
export { createReferencePreparation, type ReferencePreparation } from './reference-preparation.js';
