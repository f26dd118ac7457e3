/** The analysis of two inputs: paired reads, column checks, the parallel analysis, the report files. */
export { analyzeFiles, type AnalysisTimings, type AnalyzeFilesOptions, type AnalyzeFilesResult, type ReportFileFormat } from './analyze-files.js';
export { checkNamedColumns, type NamedColumn } from './check-columns.js';
export { applyColumnKinds, textColumnsOf } from './column-kinds.js';
export { readInputPair } from './read-pair.js';
