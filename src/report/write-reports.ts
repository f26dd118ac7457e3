import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DriftwatchError, isDriftwatchError } from '../core/errors.js';
import { writeFileAtomic } from '../data/index.js';
import type { DriftReport } from '../drift/types.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { OUTPUT_FORMATS, REPORT_FILE_NAMES, type OutputFormat } from './types.js';

type FileFormat = Exclude<OutputFormat, 'terminal'>;

// HTML and PNG bring ECharts and resvg: about 40 MB and most of a second of loading, paid only by runs
// that write those files.
const RENDERERS: Readonly<Record<FileFormat, (r: DriftReport) => string | Promise<string | Uint8Array>>> = {
  json: renderJson,
  csv: renderCsv,
  html: async (r) => (await import('./html.js')).renderHtml(r),
  png: async (r) => (await import('./png.js')).renderPng(r),
};

/** Starts loading the renderers `formats` need, so that a caller can overlap it with other work. */
export function preloadRenderers(formats: readonly OutputFormat[]): Promise<unknown> {
  return Promise.all([formats.includes('html') ? import('./html.js') : null, formats.includes('png') ? import('./png.js') : null]);
}

function fileFormats(formats: readonly OutputFormat[]): FileFormat[] {
  for (const f of formats) {
    if (!OUTPUT_FORMATS.includes(f)) {
      throw new DriftwatchError('INVALID_ARGUMENT', `unknown report format "${String(f)}"; use one of ${OUTPUT_FORMATS.join(', ')}`, { field: 'formats' });
    }
  }
  return [...new Set(formats)].filter((f): f is FileFormat => f !== 'terminal');
}

function ioError(what: string, path: string, e: unknown): DriftwatchError {
  const reason = e instanceof Error && 'code' in e ? ` (${String((e as NodeJS.ErrnoException).code)})` : '';
  return new DriftwatchError('FILE_UNWRITABLE', `cannot ${what} ${path}${reason}; choose an output directory you can write to`, { file: path, field: 'outDir' }, { cause: e });
}

/**
 * Writes the file formats among `formats` into outDir (created if needed); returns the paths written, in
 * the order asked. 'terminal' writes nothing. Everything is rendered before the first file is written,
 * and each file is replaced atomically, so a failure never leaves a half-written report.
 */
export async function writeReports(report: DriftReport, outDir: string, formats: readonly OutputFormat[]): Promise<string[]> {
  const wanted = fileFormats(formats);
  if (wanted.length === 0) return [];
  const contents = await Promise.all(wanted.map(async (f) => [f, await RENDERERS[f](report)] as const));
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    throw ioError('create the output directory', outDir, e);
  }
  const written: string[] = [];
  for (const [format, data] of contents) {
    const path = join(outDir, REPORT_FILE_NAMES[format]);
    try {
      await writeFileAtomic(path, data);
    } catch (e) {
      // writeFileAtomic names the file; the report's message also says which option to change.
      throw ioError('write', path, isDriftwatchError(e) && e.cause !== undefined ? e.cause : e);
    }
    written.push(path);
  }
  return written;
}
