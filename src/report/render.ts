import type { DriftReport } from '../drift/types.js';

export type OutputFormat = 'terminal' | 'json' | 'csv' | 'html' | 'png';

export interface TerminalOptions {
  /** ANSI colours (default: false). */
  readonly color?: boolean;
  /** Terminal width for layout (default 100). */
  readonly width?: number;
}

/** The compact terminal summary. */
export function renderTerminal(_report: DriftReport, _options: TerminalOptions = {}): string {
  throw new Error('not implemented');
}
/** drift_report.json content (stable key order, 2-space indent, trailing newline). */
export function renderJson(_report: DriftReport): string {
  throw new Error('not implemented');
}
/** feature_scores.csv content. */
export function renderCsv(_report: DriftReport): string {
  throw new Error('not implemented');
}
/** drift_report.html: one self-contained file. */
export function renderHtml(_report: DriftReport): string {
  throw new Error('not implemented');
}
/** drift_summary.png bytes. */
export function renderPng(_report: DriftReport): Promise<Uint8Array> {
  throw new Error('not implemented');
}

/** Writes the file formats among `formats` into outDir (created if needed); returns the paths written. */
export async function writeReports(_report: DriftReport, _outDir: string, _formats: readonly OutputFormat[]): Promise<string[]> {
  throw new Error('not implemented');
}
