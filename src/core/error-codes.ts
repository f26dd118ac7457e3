/**
 * The one table of error codes: each stable code, the CLI exit code it ends a command with, the HTTP status
 * the server answers with, and the sentence docs/errors.md shows for it. A test keeps docs/errors.md equal to
 * this table, so adding a code here is the only step (besides its docs row) to give it a meaning everywhere.
 */

export interface ErrorCodeInfo {
  /** Process exit code of the CLI (see EXIT). */
  readonly exit: number;
  /** HTTP status of the server's error response. */
  readonly http: number;
  /** One sentence for docs/errors.md: when this code is raised and what to do. */
  readonly doc: string;
}

/** Documented process exit codes of the CLI. */
export const EXIT = {
  /** Ran and completed (drift may or may not have been found). */
  OK: 0,
  /** Drift found and `--fail-on-drift` was given. */
  DRIFT: 1,
  /** Bad usage or bad input: the message says what to fix. */
  USAGE: 2,
  /** A service the command needs (database, queue) is unreachable: try again once it is up. */
  UNAVAILABLE: 69,
  /** An unexpected internal failure (a bug): please report it. */
  INTERNAL: 70,
  /** Standard output or error could not be written. */
  IO: 74,
} as const;

export const ERROR_CODES = {
  USAGE: { exit: EXIT.USAGE, http: 400, doc: 'Bad command-line usage or option value; the message names the option and what it accepts.' },
  CONFIG_INVALID: { exit: EXIT.USAGE, http: 400, doc: 'The config file does not validate; the message names the file, line and key.' },
  FILE_NOT_FOUND: { exit: EXIT.USAGE, http: 400, doc: 'An input file does not exist; check the path.' },
  FILE_UNREADABLE: { exit: EXIT.USAGE, http: 400, doc: 'An input file exists but cannot be read (permissions, a folder, an I/O error).' },
  FILE_UNWRITABLE: { exit: EXIT.USAGE, http: 500, doc: 'An output file or folder cannot be written; the message names the path.' },
  FILE_EMPTY: { exit: EXIT.USAGE, http: 400, doc: 'An input file is empty.' },
  FILE_FORMAT: { exit: EXIT.USAGE, http: 415, doc: 'A file is not in a supported or recognisable format (CSV, Parquet, JSON Lines; native JSON, ONNX, XGBoost JSON for models).' },
  PARSE_ERROR: { exit: EXIT.USAGE, http: 400, doc: 'Malformed content (a ragged row, a bad JSON line, bad quoting); the message names the file and line.' },
  ENCODING: { exit: EXIT.USAGE, http: 400, doc: 'A text file is not valid UTF-8; the message names the file and line.' },
  NO_DATA: { exit: EXIT.USAGE, http: 422, doc: 'There are no rows to work with (a header only, or every row filtered out).' },
  COLUMN_NOT_FOUND: { exit: EXIT.USAGE, http: 400, doc: 'A named column is not in the data; the message suggests the closest name.' },
  SINGLE_CLASS: { exit: EXIT.USAGE, http: 422, doc: 'A classifier was to be trained on rows that hold only one class of the label (or, for logistic regression, not every class); add rows, or train without a validation split.' },
  INPUT_MISMATCH: { exit: EXIT.USAGE, http: 400, doc: "The data's columns are not the inputs of a model that reads them by position (their number or names differ); the message says what differs and how to map them (--label, --features)." },
  COLUMN_ALL_MISSING: { exit: EXIT.USAGE, http: 422, doc: 'A column the task needs has no values at all.' },
  NO_COMMON_COLUMNS: { exit: EXIT.USAGE, http: 422, doc: 'Reference and current share no column to compare.' },
  INVALID_ARGUMENT: { exit: EXIT.USAGE, http: 400, doc: 'A library call or request was given a value it cannot work with; the message names the field.' },
  MODEL_INVALID: { exit: EXIT.USAGE, http: 422, doc: 'A model file is damaged or inconsistent; the message names the file and field.' },
  MODEL_UNSUPPORTED: { exit: EXIT.USAGE, http: 422, doc: 'A model uses a feature Driftwatch does not support (for example a pickle); the message says how to convert it.' },
  TRAINING_FAILED: { exit: EXIT.USAGE, http: 422, doc: 'An external training command failed, timed out or wrote no model; its output is in the job log.' },
  NOT_FOUND: { exit: EXIT.USAGE, http: 404, doc: 'A named resource (model, version, alias, job, approval, report) does not exist.' },
  CONFLICT: { exit: EXIT.USAGE, http: 409, doc: 'The request conflicts with the current state (a name taken, an approval already decided, a job already running).' },
  UNAUTHORIZED: { exit: EXIT.USAGE, http: 401, doc: 'No API key, or an unknown one, was given to a server that requires keys.' },
  FORBIDDEN: { exit: EXIT.USAGE, http: 403, doc: "The API key's role does not allow this action." },
  PAYLOAD_TOO_LARGE: { exit: EXIT.USAGE, http: 413, doc: 'A request body is larger than the server accepts.' },
  RATE_LIMITED: { exit: EXIT.USAGE, http: 429, doc: 'Too many requests for this API key; retry after the time the response gives.' },
  UNAVAILABLE: { exit: EXIT.UNAVAILABLE, http: 503, doc: 'A service Driftwatch needs (the database, the queue) cannot be reached; it recovers when the service returns.' },
  ARTIFACT_CORRUPT: { exit: EXIT.INTERNAL, http: 500, doc: "A stored artifact's content does not match its checksum; restore it from a backup." },
  INTERNAL: { exit: EXIT.INTERNAL, http: 500, doc: 'An unexpected internal failure (a bug); please report it with what you ran.' },
} as const satisfies Record<string, ErrorCodeInfo>;

/** Stable error codes. Adding one is fine; renaming one breaks scripts that match on it. */
export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

export function exitCodeOf(code: ErrorCode): number {
  return ERROR_CODES[code].exit;
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code].http;
}
