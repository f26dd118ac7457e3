/** The columnar Table, readers, schema inference and column helpers. */
export * from './table.js';
export * from './read-table.js';
export { inferKind, isBooleanDictionary, looksLikeIdName, MIN_ROWS_FOR_UNIQUENESS } from './infer-kind.js';
export { applyKinds, withKind } from './apply-kinds.js';
export { toCategorical, toNumeric, numericValues } from './convert-column.js';
export { compareSchemas, type SchemaComparison } from './compare-schemas.js';
export { selectRows } from './select-rows.js';
export { writeCsv, tableToCsvString, csvField } from './write-csv.js';
export { parseIsoDateTime } from './datetime-parse.js';
export { parseNumberText, parseNumberBytes } from './parse-number.js';
export { DEFAULT_MISSING_VALUES } from './missing-values.js';
export { formatFromExtension, formatFromContent } from './detect-format.js';
export { readTableInWorker, type WorkerReadOptions } from './read-table-in-worker.js';
