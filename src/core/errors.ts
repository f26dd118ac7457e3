/**
 * Every failure Driftwatch reports to a person is a `DriftwatchError`: a stable machine-readable `code`,
 * a one-line message that says what is wrong and what to do, and where it is (file, line, field).
 * Outcomes such as "drift found" are never errors; they are data in the result.
 */

/** Stable error codes. Adding one is fine; renaming one breaks scripts that match on it. */
export type ErrorCode =
  | 'USAGE' // bad command-line usage or option value
  | 'CONFIG_INVALID' // the YAML config does not validate
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'FILE_UNWRITABLE' // an output file or folder cannot be written
  | 'FILE_EMPTY'
  | 'FILE_FORMAT' // unsupported or unrecognised file format
  | 'PARSE_ERROR' // malformed content (ragged row, bad JSON line, bad quoting)
  | 'ENCODING' // not valid UTF-8
  | 'NO_DATA' // header only, or every row filtered out
  | 'COLUMN_NOT_FOUND'
  | 'COLUMN_ALL_MISSING'
  | 'NO_COMMON_COLUMNS'
  | 'INVALID_ARGUMENT' // a library call was given a value it cannot work with
  | 'MODEL_INVALID'
  | 'MODEL_UNSUPPORTED'
  | 'INTERNAL';

/** Documented process exit codes of the CLI. */
export const EXIT = {
  /** Ran and completed (drift may or may not have been found). */
  OK: 0,
  /** Drift found and `--fail-on-drift` was given. */
  DRIFT: 1,
  /** Bad usage or bad input: the message says what to fix. */
  USAGE: 2,
  /** An unexpected internal failure (a bug): please report it. */
  INTERNAL: 70,
} as const;

export interface ErrorLocation {
  /** The file the problem is in. */
  readonly file?: string;
  /** 1-based line number in that file. */
  readonly line?: number;
  /** The column, config key or option the problem is about. */
  readonly field?: string;
}

export class DriftwatchError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DriftwatchError';
    this.code = code;
    if (location.file !== undefined) this.file = location.file;
    if (location.line !== undefined) this.line = location.line;
    if (location.field !== undefined) this.field = location.field;
  }

  /** The process exit code this error maps to. */
  get exitCode(): number {
    return this.code === 'INTERNAL' ? EXIT.INTERNAL : EXIT.USAGE;
  }

  /** One line for a person: `file:line: message` when a place is known. */
  toDisplayString(): string {
    if (this.file === undefined) return this.message;
    if (this.line !== undefined) return `${this.file}:${this.line}: ${this.message}`;
    // Some messages already start with the file name ("a.csv is empty"): do not say it twice.
    return this.message.startsWith(this.file) ? this.message : `${this.file}: ${this.message}`;
  }
}

export function isDriftwatchError(e: unknown): e is DriftwatchError {
  return e instanceof DriftwatchError;
}
