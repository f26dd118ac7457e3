import { mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DriftwatchError, isDriftwatchError } from '../core/index.js';
import { lockFolder, makeDirectory, writeFileAtomic, type AtomicWriteData } from '../data/index.js';
import type { DriftReport } from '../drift/index.js';
import { utf8Chunks } from './byte-chunks.js';
import { renderCsv } from './csv.js';
import { renderJsonChunks } from './json.js';
import { OUTPUT_FORMATS, REPORT_FILE_NAMES, type OutputFormat } from './types.js';

type FileFormat = Exclude<OutputFormat, 'terminal'>;

// HTML and PNG bring ECharts and resvg: about 40 MB and most of a second of loading, paid only by runs
// that write those files.
const RENDERERS: Readonly<Record<FileFormat, (r: DriftReport, written: readonly FileFormat[]) => AtomicWriteData | Promise<AtomicWriteData>>> = {
  // In chunks: a report of many columns is hundreds of megabytes of text.
  json: (r) => utf8Chunks(renderJsonChunks(r)),
  csv: renderCsv,
  // The page links to the data files written beside it.
  html: async (r, written) => (await import('./html.js')).renderHtml(r, { companions: written.filter((f) => f === 'json' || f === 'csv').map((f) => REPORT_FILE_NAMES[f]) }),
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

export interface WriteReportsOptions {
  /** Called when another process is swapping its reports into the same folder and this one waits. */
  readonly onWait?: (holderPid: number | undefined) => void;
}

/**
 * Writes the file formats among `formats` into outDir (created if needed); returns the paths written, in
 * the order asked. 'terminal' writes nothing. Everything is rendered first, then written into a staging
 * folder inside outDir, then moved into place under a lock on outDir (data/folder-lock.ts): a failure never
 * leaves a half-written report, and two runs writing to the same folder at once leave one run's complete
 * set, not a mix of both.
 */
export async function writeReports(report: DriftReport, outDir: string, formats: readonly OutputFormat[], options: WriteReportsOptions = {}): Promise<string[]> {
  const wanted = fileFormats(formats);
  if (wanted.length === 0) return [];
  const contents = await Promise.all(wanted.map(async (f) => [f, await RENDERERS[f](report, wanted)] as const));
  await makeDirectory(outDir);
  let staging: string;
  try {
    staging = await mkdtemp(join(outDir, '.driftwatch-staging-'));
  } catch (e) {
    throw ioError('write to', outDir, e);
  }
  try {
    for (const [format, data] of contents) {
      const path = join(staging, REPORT_FILE_NAMES[format]);
      try {
        await writeFileAtomic(path, data);
      } catch (e) {
        // writeFileAtomic names the staged file; the report's message names the file in outDir and the option.
        throw ioError('write', join(outDir, REPORT_FILE_NAMES[format]), isDriftwatchError(e) && e.cause !== undefined ? e.cause : e);
      }
    }
    const lock = await lockFolder(outDir, options.onWait !== undefined ? { onWait: options.onWait } : {});
    const written: string[] = [];
    try {
      for (const [format] of contents) {
        const path = join(outDir, REPORT_FILE_NAMES[format]);
        try {
          await rename(join(staging, REPORT_FILE_NAMES[format]), path);
        } catch (e) {
          throw ioError('write', path, e);
        }
        written.push(path);
      }
    } finally {
      await lock.release();
    }
    return written;
  } catch (e) {
    throw isDriftwatchError(e) ? e : ioError('write to', outDir, e);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
