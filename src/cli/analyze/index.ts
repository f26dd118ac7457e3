/** The analyze pipeline shared by `analyze` and `demo` (and the helpers other commands reuse). */
export { resolveSettings, dataFile, commandLineFile, withDisplayPath, DEFAULT_OUT_DIR, DEFAULT_FORMATS, type AnalyzeFlags, type RunSettings, type DataFile, type NamedColumn } from './settings.js';
export { runAnalysis, statusLine, type AnalysisOutcome } from './run-analysis.js';
export { readInput, applyColumnKinds, type ReadInputOptions } from './read-input.js';
export { checkNamedColumns } from './check-columns.js';
