/**
 * Every failure Driftwatch reports to a person is a `DriftwatchError`: a stable machine-readable `code`,
 * a one-line message that says what is wrong and what to do, and where it is (file, line, field).
 * Outcomes such as "drift found" are never errors; they are data in the result.
 */

import { EXIT, exitCodeOf, type ErrorCode } from './error-codes.js';

export { EXIT, type ErrorCode };

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
    return exitCodeOf(this.code);
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
