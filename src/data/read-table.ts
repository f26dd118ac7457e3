import type { ColumnKind, Table } from './table.js';

export type FileFormat = 'csv' | 'jsonl' | 'parquet';

export interface ReadOptions {
  /** Detected from the extension, then the content, when not given. */
  readonly format?: FileFormat;
  /** CSV delimiter; auto-detected among , ; tab | when not given. */
  readonly delimiter?: string;
  /** Strings read as missing (default: '', NA, N/A, NaN, null, None). */
  readonly missingValues?: readonly string[];
  /** Forced kinds for named columns (config/flag overrides: numerical, categorical, datetime, id, text). */
  readonly columnKinds?: Readonly<Record<string, ColumnKind>>;
  /** Called now and then while reading with bytes done and total bytes (for a progress bar). */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Reads a CSV, JSON Lines or Parquet file into a Table with inferred column kinds. */
export async function readTable(_path: string, _options: ReadOptions = {}): Promise<Table> {
  throw new Error('not implemented');
}
