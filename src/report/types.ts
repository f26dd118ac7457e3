/** Report output formats: what `--format` accepts and what `writeReports` writes. */
import type { OutputFormat } from './formats/index.js';

export { OUTPUT_FORMATS, type OutputFormat } from './formats/index.js';

/** The file each format is written to by `writeReports` ('terminal' prints and writes nothing). */
export const REPORT_FILE_NAMES: Readonly<Record<Exclude<OutputFormat, 'terminal'>, string>> = {
  json: 'drift_report.json',
  csv: 'feature_scores.csv',
  html: 'drift_report.html',
  png: 'drift_summary.png',
};

export interface TerminalOptions {
  /** ANSI colours (default: false; the CLI passes whether stdout is a TTY). */
  readonly color?: boolean;
  /** Terminal width for layout (default 100). */
  readonly width?: number;
  /** End with the alert line (default true; the CLI prints it itself after the files it wrote). */
  readonly alertLine?: boolean;
  /**
   * The formats written with this summary: a column table cut short names the files among them that list
   * every column. Default: it points at the JSON and CSV reports without naming files.
   */
  readonly formats?: readonly OutputFormat[];
}
