/**
 * The data layer: the columnar Table, readers (CSV, JSON Lines, Parquet) that stream into typed columns,
 * kind inference (infer-kind.ts documents the rules), and the column helpers other layers need.
 *
 * Decisions worth knowing:
 * - CSV columns start numeric and become categorical at their first non-numeric, non-missing value. The
 *   first chunk (>= 4 KiB, 4 MiB by default) is sniffed first, so a column with text there keeps every
 *   value's exact text; a column whose first text comes later re-encodes earlier numbers as `String(n)`.
 * - Numbers parse to exactly the double `Number(text)` gives (parse-number.ts).
 * - Missing: '', na, n/a, nan, null, none, #n/a (ReadOptions.missingValues) in every reader, compared after
 *   trimming spaces and ignoring case.
 * - Decimal commas (`1,5`) read as numbers where detected or asked for (ReadOptions.decimal, decimal-comma.ts).
 * - A text column that is numbers but for a few values is still numeric to the analysis (numeric-text.ts).
 * - Blank lines are skipped; empty header names become `unnamed_<position>`; duplicate names are an error.
 */
export * from './table/index.js';
export * from './read-table.js';
export { readTableInWorker, type WorkerReadOptions } from './read-table-in-worker.js';
export { prestartReadWorker } from './read-worker-prestart.js';
export { inferKind, isBooleanDictionary, looksLikeIdName, MIN_ROWS_FOR_UNIQUENESS } from './infer-kind.js';
export { applyKinds, withKind } from './apply-kinds.js';
export { toCategorical, toNumeric, numericValues } from './convert-column.js';
export { isMostlyNumeric, numberShare, readAsNumbers, MOSTLY_NUMERIC_SHARE, type NonNumericValues } from './numeric-text.js';
export { commaToPoint, parseDecimalMark, DECIMAL_MARKS, type DecimalMark } from './decimal-comma.js';
export { compareSchemas, type SchemaComparison } from './compare-schemas.js';
export { selectRows } from './select-rows.js';
export { writeCsv, tableToCsvString, csvField } from './write-csv.js';
export { writeFileAtomic, type AtomicWriteData } from './write-file-atomic.js';
export { parseIsoDateTime } from './datetime-parse.js';
export { parseNumberText, parseNumberBytes } from './parse-number.js';
export { DEFAULT_MISSING_VALUES, MissingMatcher } from './missing-values.js';
export { formatFromExtension, formatFromContent } from './detect-format.js';
export { columnNotFound } from './column-not-found.js';
export { simulateDrift, simulateDriftTraced, type SimulatedDrift, resampleRows, decimalPlaces, TRANSFORM_ORDER, type DriftTransform, type TransformKind, type SimulateOptions } from './simulate/index.js';
export { passThrough, readTableWithCellText, writePassThroughCsv, type OutputColumn, type TableWithCellText } from './cell-text/index.js';
export { makeDirectory } from './make-directory.js';
export { lockFolder, LOCK_FILE_NAME, type FolderLock, type FolderLockOptions } from './folder-lock.js';
