/**
 * A file as the caller named it. Lower layers name files by absolute path; people (and the report) see the
 * path they typed, relative to their working folder when it lies inside it.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { DriftwatchError, isDriftwatchError } from '../../core/index.js';

export interface DataFile {
  readonly absolute: string;
  /** Relative to the working folder when inside it: for messages and the report. */
  readonly display: string;
}

/** `absolute` shown relative to `cwd` when it lies inside it. */
export function dataFile(absolute: string, cwd: string): DataFile {
  const rel = relative(cwd, absolute);
  const display = rel === '' ? '.' : !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
  return { absolute, display };
}

/** A path given relative to `cwd` (a command line, a request), shown as `dataFile` shows it. */
export function fileIn(path: string, cwd: string): DataFile {
  return dataFile(resolve(cwd, path), cwd);
}

/**
 * Rewrites `file` (or a path inside it, for a folder) in the error's location and message from the absolute
 * path lower layers used to the one people typed.
 */
export function withDisplayPath(e: unknown, file: DataFile): unknown {
  if (!isDriftwatchError(e) || e.file === undefined || file.display === file.absolute) return e;
  if (e.file !== file.absolute && !e.file.startsWith(`${file.absolute}/`)) return e;
  return new DriftwatchError(
    e.code,
    e.message.replaceAll(file.absolute, file.display),
    { file: file.display + e.file.slice(file.absolute.length), ...(e.line !== undefined ? { line: e.line } : {}), ...(e.field !== undefined ? { field: e.field } : {}) },
    { cause: e },
  );
}

/** Where `-` reads from: standard input, opened as a file so that worker threads can read it too. */
export const STDIN_PATH = '/dev/stdin';

/** An input file as the caller named it: `-` is standard input, anything else as fileIn. */
export function inputFileIn(path: string, cwd: string): DataFile {
  return path === '-' ? { absolute: STDIN_PATH, display: 'stdin' } : fileIn(path, cwd);
}
