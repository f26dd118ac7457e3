/** `analyze` and `demo` on the terminal: the analysis workflow with a progress bar, then the summary, files and alert. */
import { EXIT } from '../core/index.js';
import type { DriftReport } from '../drift/index.js';
import { analyzeFiles, type AnalyzeFilesOptions, type AnalyzeFilesResult, type ReportFileFormat } from '../workflows/analyze/index.js';
import { dataFile } from '../workflows/io/index.js';
import { atConfigKey, type RunSettings } from './analyze/settings.js';
import type { CliIo } from './io.js';
import type { Output } from './output.js';
import { hugePagesOn } from './huge-pages.js';
import { createByteProgress } from './progress.js';

export interface AnalysisOutcome {
  readonly report: DriftReport;
  /** Report files written, as shown to the user. */
  readonly written: readonly string[];
  readonly exitCode: number;
}

export async function runAnalysis(settings: RunSettings, io: CliIo, out: Output): Promise<AnalysisOutcome> {
  const quiet = out.mode.quiet;
  // Loaded while the files are read: the workflow waits for the reads, these for nothing.
  const renderers = Promise.all([import('../report/json.js'), import('../report/terminal.js')]);
  const progress = createByteProgress(io, 'reading reference and current', quiet);
  const fileFormats = settings.formats.filter((f): f is ReportFileFormat => f !== 'terminal');
  let result: AnalyzeFilesResult;
  try {
    const options: AnalyzeFilesOptions = {
      reference: settings.reference,
      current: settings.current,
      analyze: settings.analyze,
      columnKinds: settings.columnKinds,
      namedColumns: settings.namedColumns,
      ...(settings.delimiter !== undefined ? { delimiter: settings.delimiter } : {}),
      ...(settings.decimal !== undefined ? { decimal: settings.decimal } : {}),
      ...(settings.missingValues !== undefined ? { missingValues: settings.missingValues } : {}),
      ...(settings.workers !== undefined ? { workers: settings.workers } : {}),
      reports: { dir: settings.outDir, formats: fileFormats },
      onReportsWait: (pid) => out.warn(`another driftwatch run${pid !== undefined ? ` (pid ${pid})` : ''} is writing reports to ${settings.outDir.display}; waiting for it to finish`),
      onReadProgress: (done, total) => progress.update(done, total),
      onRead: (reference, current) => {
        progress.stop();
        out.detail(`read ${settings.reference.display} (${reference.rowCount} rows x ${reference.names.length} columns) and ` +
          `${settings.current.display} (${current.rowCount} rows x ${current.names.length} columns)`);
      },
      onReport: async (report) => {
        const [{ renderJsonBytes }, { renderTerminal }] = await renderers;
        for (const w of report.warnings ?? []) out.warn(w);
        // In pieces: the JSON of a 100,000-column report is 285 MB, which as one string took 12 s and 1.8 GB.
        if (out.mode.json) for (const bytes of renderJsonBytes(report)) out.result(bytes);
        else if (settings.formats.includes('terminal') && !quiet) {
          out.result(ensureNewline(renderTerminal(report, { color: out.mode.color, width: terminalWidth(io), alertLine: false, formats: fileFormats })));
        }
      },
    };
    result = settings.model === undefined ? await analyzeFiles(options) : await runWithModel(settings.model, settings, options, out);
  } catch (e) {
    // Let the renderers finish loading: a module load left running past the command outlives its caller.
    await renderers.catch(() => undefined);
    throw atConfigKey(e, settings);
  } finally {
    progress.stop();
  }
  const { report, timings } = result;

  const written = result.written.map((p) => dataFile(p, io.cwd).display);
  if (fileFormats.length > 0) {
    out.info('');
    out.info(`Reports written to ${settings.outDir.display}${settings.outDir.display.endsWith('/') ? '' : '/'}:`);
    for (const p of written) out.info(`  ${p}`);
  }
  // Peak RSS of the whole process, worker threads included (they share it): the memory a user must have.
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  out.detail(`timings: read ${seconds(timings.readMs)}, analyse ${seconds(timings.analyseMs)}, render ${seconds(timings.writeMs)}, total ${seconds(timings.totalMs)}, peak RSS ${peakMb} MB${hugePagesOn() ? ' (huge pages)' : ''}`);

  // The alert line (dataset, target or prediction drift) is the one thing --quiet keeps; it ends the terminal
  // summary too, which leaves it out so that the line is printed once, last.
  const drift = report.dataset.alert ?? report.dataset.dataset_drift;
  const summaryShown = settings.formats.includes('terminal') && !out.mode.json;
  const { terminalAlertLine } = await renderers.then(([, terminal]) => terminal);
  if (drift) out.alert(out.colors.bold(out.colors.red(terminalAlertLine(report))));
  else out.info(terminalAlertLine(report));
  const { performanceVerdict } = (await renderers)[1];
  const performanceAlert = report.model?.performance_alert === true;
  const performance = report.model?.performance;
  // The summary ends with the same sentence; the alert line is for when no summary was printed (--quiet, --json).
  const summaryPrinted = summaryShown && !quiet;
  if (performance != null && !summaryPrinted) {
    if (performanceAlert) out.alert(out.colors.bold(out.colors.red(performanceVerdict(performance))));
    else out.info(performanceVerdict(performance));
  }
  const failed = (drift && settings.failOnDrift) || (performanceAlert && settings.failOnPerformance);
  return { report, written, exitCode: failed ? EXIT.DRIFT : EXIT.OK };
}

/** The model-aware analysis, loaded on use (it brings the model loaders and ONNX Runtime). */
async function runWithModel(model: NonNullable<RunSettings['model']>, settings: RunSettings, options: AnalyzeFilesOptions, out: Output): Promise<AnalyzeFilesResult> {
  const [{ analyzeModelDrift }, { describeInputs }] = await Promise.all([import('../workflows/analyze-model/index.js'), import('../workflows/model-io/index.js')]);
  return analyzeModelDrift({
    ...options,
    // Which columns the model reads, as predict says it (shown with --verbose); unseen categories as warnings.
    onModelInputs: (inputs) => out.detail(describeInputs(inputs)),
    onWarning: (message) => out.warn(message),
    model: model.file,
    ...(settings.analyze.target !== undefined ? { label: settings.analyze.target } : {}),
    performance: { ...(model.metric !== undefined ? { metric: model.metric } : {}), ...(model.maxDrop !== undefined ? { maxDrop: model.maxDrop } : {}) },
    ...(model.lowConfidence !== undefined ? { lowConfidence: model.lowConfidence } : {}),
  });
}

function terminalWidth(io: CliIo): number {
  const w = Number(io.env['COLUMNS']);
  return Number.isInteger(w) && w >= 40 ? w : 100;
}

function ensureNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
