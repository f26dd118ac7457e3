/**
 * Where a workflow's data comes from: a file it reads (the CLI, a worker job on a file) or a table already
 * in memory (the server, rows taken from the store). Either way `display` names it in messages and reports.
 */
import type { DecimalMark, Table } from '../../data/index.js';
import type { DataFile } from '../paths/index.js';

export interface InMemoryTable {
  readonly table: Table;
  readonly display: string;
}

export type TableInput = DataFile | InMemoryTable;

export function isInMemory(input: TableInput): input is InMemoryTable {
  return 'table' in input;
}

/** Read options shared by the workflows that read one data file. */
export interface ReadSettings {
  readonly delimiter?: string;
  /** How decimal commas are read (default: detected). */
  readonly decimal?: DecimalMark;
  /** Missing-value markers replacing the defaults (compared ignoring case). */
  readonly missingValues?: readonly string[];
  /** Columns to keep as exact text, so `007` stays `007`; absent names are ignored. */
  readonly textColumns?: readonly string[];
  /** Bytes read and total, as a file is read. */
  readonly onReadProgress?: (done: number, total: number) => void;
  /** Stops a read under way; the workflow rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}
