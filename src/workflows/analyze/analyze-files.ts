/**
 * The analysis of two inputs, as every entry point runs it: read both (in parallel, cancellable), check the
 * named columns, apply the column kinds, analyse on worker threads, write the report files.
 */
import { statSync } from 'node:fs';
import { makeDirectory, type ColumnKind, type DecimalMark, type Table } from '../../data/index.js';
import { analyzeDriftParallel, prestartAnalysisWorkers, type AnalyzeOptions, type DriftReport, type WarmWorkers } from '../../drift/index.js';
import type { OutputFormat } from '../../report/index.js';
import { isInMemory, performanceTimer, withDisplayPath, type DataFile, type TableInput, type Timer } from '../io/index.js';
import { checkNamedColumns, type NamedColumn } from './check-columns.js';
import { applyColumnKinds, textColumnsOf } from './column-kinds.js';
import { readInputPair } from './read-pair.js';

/** Report files: every format but `terminal`, which is the caller's to print. */
export type ReportFileFormat = Exclude<OutputFormat, 'terminal'>;

export interface AnalyzeFilesOptions {
  readonly reference: TableInput;
  readonly current: TableInput;
  /** The drift engine's options (method choice, thresholds, roles of columns, clock). */
  readonly analyze?: AnalyzeOptions;
  /** Declared column kinds; categorical ones are read as exact text. */
  readonly columnKinds?: Readonly<Record<string, ColumnKind>>;
  /** Columns the caller named, checked against both inputs before the analysis. */
  readonly namedColumns?: readonly NamedColumn[];
  /** CSV delimiter (default: detected). */
  readonly delimiter?: string;
  /** How decimal commas are read (default: detected). */
  readonly decimal?: DecimalMark;
  /** Missing-value markers replacing the defaults (compared ignoring case). */
  readonly missingValues?: readonly string[];
  /** Threads for the column analyses, the calling thread included (default: one per core). */
  readonly workers?: number;
  /** Where to write report files, and which; none are written when absent or empty. */
  readonly reports?: { readonly dir: DataFile; readonly formats: readonly ReportFileFormat[] };
  /** Stops the reads under way; the workflow rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Bytes read of both files together, once both sizes are known. */
  readonly onReadProgress?: (done: number, total: number) => void;
  /** Both inputs are read (before any check): e.g. to say how big they were. */
  readonly onRead?: (reference: Table, current: Table) => void;
  /**
   * Adds to the report before anything sees it, given the tables as analysed (column kinds applied): the
   * model-aware analysis (`analyzeModelDrift`) adds its `model` section here.
   */
  readonly extendReport?: (report: DriftReport, reference: Table, current: Table) => Promise<DriftReport>;
  /** The report is ready, before any file is written (a summary shown now is shown even if a write fails). */
  readonly onReport?: (report: DriftReport) => void | Promise<void>;
  /** Another run is writing its reports into the same folder; this one waits for it (holder's pid if known). */
  readonly onReportsWait?: (holderPid: number | undefined) => void;
  /** Monotonic milliseconds for the timings (default: performance.now). */
  readonly timer?: Timer;
}

export interface AnalysisTimings {
  readonly readMs: number;
  readonly analyseMs: number;
  readonly writeMs: number;
  readonly totalMs: number;
}

export interface AnalyzeFilesResult {
  readonly report: DriftReport;
  /** Absolute paths of the report files written, in the order of the formats. */
  readonly written: readonly string[];
  readonly timings: AnalysisTimings;
}

export async function analyzeFiles(options: AnalyzeFilesOptions): Promise<AnalyzeFilesResult> {
  // The analysis workers start while the inputs are read, so they are ready when the columns are; not for
  // small files, whose analysis stays on this thread anyway.
  const big = inputBytes(options.reference) + inputBytes(options.current) >= PRESTART_BYTES;
  const warm = options.workers === 1 || !big ? undefined : prestartAnalysisWorkers(options.workers);
  try {
    return await readAndAnalyze(options, warm);
  } finally {
    warm?.close();
  }
}

/** Inputs from this size on (both together) get their analysis workers started while they are read. */
const PRESTART_BYTES = 1 << 20;

/** The size of a file input (0 when it cannot be known, e.g. a pipe); a table in memory is analysed as is. */
function inputBytes(input: TableInput): number {
  if (isInMemory(input)) return 0;
  try {
    return statSync(input.absolute).size;
  } catch {
    return 0;
  }
}

async function readAndAnalyze(options: AnalyzeFilesOptions, warm: WarmWorkers | undefined): Promise<AnalyzeFilesResult> {
  const now = options.timer ?? performanceTimer;
  const kinds = options.columnKinds ?? {};
  const fileFormats = options.reports?.formats ?? [];
  const t0 = now();
  // A report folder that cannot be made fails now, not after reading and analysing.
  if (options.reports !== undefined && fileFormats.length > 0) {
    const dir = options.reports.dir;
    await makeDirectory(dir.absolute).catch((e: unknown) => Promise.reject(withDisplayPath(e, dir)));
  }
  const textColumns = textColumnsOf(kinds);
  const reading = readInputPair(options.reference, options.current, {
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(options.decimal !== undefined ? { decimal: options.decimal } : {}),
    ...(options.missingValues !== undefined ? { missingValues: options.missingValues } : {}),
    ...(textColumns.length > 0 ? { textColumns } : {}),
    ...(options.onReadProgress !== undefined ? { onReadProgress: options.onReadProgress } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
  // The HTML and PNG renderers (ECharts, resvg) take most of a second to load: when they are wanted, they
  // load while the workers parse; otherwise they are not loaded at all.
  const [[rawReference, rawCurrent], { writeReports }] = await Promise.all([
    reading,
    import('../../report/write-reports.js').then(async (m) => (await m.preloadRenderers(fileFormats), m)),
  ]);
  const t1 = now();
  options.onRead?.(rawReference, rawCurrent);

  const names = { reference: options.reference.display, current: options.current.display };
  checkNamedColumns(options.namedColumns ?? [], rawReference, rawCurrent, names);
  const reference = applyColumnKinds(rawReference, kinds, options.reference);
  const current = applyColumnKinds(rawCurrent, kinds, options.current);
  options.signal?.throwIfAborted();
  // Same report as analyzeDrift; columns spread over worker threads when the tables are big enough to gain.
  const dataReport = await analyzeDriftParallel(reference, current, options.analyze ?? {}, { ...(options.workers !== undefined ? { workers: options.workers } : {}), ...(warm !== undefined ? { warm } : {}) });
  options.signal?.throwIfAborted();
  const report = options.extendReport !== undefined ? await options.extendReport(dataReport, reference, current) : dataReport;
  const t2 = now();
  await options.onReport?.(report);

  let written: string[] = [];
  if (options.reports !== undefined && fileFormats.length > 0) {
    try {
      written = await writeReports(report, options.reports.dir.absolute, fileFormats, options.onReportsWait !== undefined ? { onWait: options.onReportsWait } : {});
    } catch (e) {
      throw withDisplayPath(e, options.reports.dir);
    }
  }
  const t3 = now();
  return { report, written, timings: { readMs: t1 - t0, analyseMs: t2 - t1, writeMs: t3 - t2, totalMs: t3 - t0 } };
}
