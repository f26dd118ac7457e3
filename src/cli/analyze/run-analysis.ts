/** The analyze pipeline shared by `analyze` and `demo`: read -> check -> analyse -> print -> write. */
import { EXIT } from '../../core/errors.js';
import { analyzeDriftParallel } from '../../drift/index.js';
import type { DriftReport } from '../../drift/index.js';
import type { OutputFormat } from '../../report/index.js';
import type { CliIo } from '../io.js';
import type { Output } from '../output.js';
import { checkNamedColumns } from './check-columns.js';
import { applyColumnKinds, readInputPair } from './read-input.js';
import { dataFile, withDisplayPath, type RunSettings } from './settings.js';

export interface AnalysisOutcome {
  readonly report: DriftReport;
  /** Report files written, as shown to the user. */
  readonly written: readonly string[];
  readonly exitCode: number;
}

export async function runAnalysis(settings: RunSettings, io: CliIo, out: Output, now: () => number = () => performance.now()): Promise<AnalysisOutcome> {
  const quiet = out.mode.quiet;
  const t0 = now();
  const textColumns = Object.keys(settings.columnKinds).filter((name) => settings.columnKinds[name] === 'categorical' || settings.columnKinds[name] === 'text');
  const read = { ...(settings.delimiter !== undefined ? { delimiter: settings.delimiter } : {}), ...(textColumns.length > 0 ? { textColumns } : {}), quiet };
  const reading = readInputPair(settings.reference, settings.current, io, read);
  // The HTML and PNG renderers (ECharts, resvg) take most of a second to load: when they are wanted, they
  // load while the workers parse; otherwise they are not loaded at all.
  const [[rawReference, rawCurrent], { renderJson }, { renderTerminal }, { writeReports }] = await Promise.all([
    reading,
    import('../../report/json.js'),
    import('../../report/terminal.js'),
    import('../../report/write-reports.js').then(async (m) => (await m.preloadRenderers(settings.formats), m)),
  ]);
  const t1 = now();
  out.detail(`read ${settings.reference.display} (${rawReference.rowCount} rows x ${rawReference.names.length} columns) and ` +
    `${settings.current.display} (${rawCurrent.rowCount} rows x ${rawCurrent.names.length} columns)`);

  checkNamedColumns(settings.namedColumns, rawReference, rawCurrent, { reference: settings.reference.display, current: settings.current.display });
  const reference = applyColumnKinds(rawReference, settings.columnKinds, settings.reference);
  const current = applyColumnKinds(rawCurrent, settings.columnKinds, settings.current);
  // Same report as analyzeDrift; columns spread over worker threads when the tables are big enough to gain.
  const report = await analyzeDriftParallel(reference, current, settings.analyze, settings.workers !== undefined ? { workers: settings.workers } : {});
  const t2 = now();

  if (out.mode.json) out.result(renderJson(report));
  else if (settings.formats.includes('terminal') && !quiet) {
    out.result(ensureNewline(renderTerminal(report, { color: out.mode.color, width: terminalWidth(io) })));
  }

  const fileFormats = settings.formats.filter((f): f is Exclude<OutputFormat, 'terminal'> => f !== 'terminal');
  let written: string[] = [];
  if (fileFormats.length > 0) {
    let paths: string[];
    try {
      paths = await writeReports(report, settings.outDir.absolute, fileFormats);
    } catch (e) {
      throw withDisplayPath(e, settings.outDir);
    }
    written = paths.map((p) => dataFile(p, io.cwd).display);
    out.info('');
    out.info(`Reports written to ${settings.outDir.display}${settings.outDir.display.endsWith('/') ? '' : '/'}:`);
    for (const p of written) out.info(`  ${p}`);
  }
  const t3 = now();
  // Peak RSS of the whole process, worker threads included (they share it): the memory a user must have.
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  out.detail(`timings: read ${seconds(t1 - t0)}, analyse ${seconds(t2 - t1)}, render ${seconds(t3 - t2)}, total ${seconds(t3 - t0)}, peak RSS ${peakMb} MB`);

  // The alert line is the one thing --quiet keeps; without drift, a status line only when no summary said it.
  const drift = report.dataset.dataset_drift;
  const summaryShown = settings.formats.includes('terminal') && !out.mode.json;
  if (drift) out.alert(out.colors.bold(out.colors.red(statusLine(report))));
  else if (!summaryShown) out.info(statusLine(report));
  return { report, written, exitCode: drift && settings.failOnDrift ? EXIT.DRIFT : EXIT.OK };
}

/** `DRIFT DETECTED: 7 of 19 columns drifted (36.8%), severity MEDIUM` or its no-drift counterpart. */
export function statusLine(report: DriftReport): string {
  const d = report.dataset;
  const pct = `${(100 * d.drifted_share).toFixed(1)}%`;
  const counts = `${d.drifted_columns} of ${d.columns_analyzed} columns drifted (${pct}, dataset threshold ${(100 * d.drift_share_threshold).toFixed(0)}%)`;
  return d.dataset_drift ? `DRIFT DETECTED: ${counts}, severity ${d.severity}` : `No dataset drift: ${counts}`;
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
