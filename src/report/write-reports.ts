import type { DriftReport } from '../drift/types.js';
import type { OutputFormat } from './types.js';

/** Writes the file formats among `formats` into outDir (created if needed); returns the paths written. */
export async function writeReports(_report: DriftReport, _outDir: string, _formats: readonly OutputFormat[]): Promise<string[]> {
  throw new Error('not implemented');
}
