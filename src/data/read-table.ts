/**
 * `readTable`: the one entry point that turns a CSV, JSON Lines or Parquet file into a Table with
 * inferred (or overridden) column kinds.
 */
import type { ForcedStorage } from './column-accumulator.js';
import { readCsvColumns } from './csv-reader.js';
import { DriftwatchError } from '../core/index.js';
import { detectFormat, formatFromContent, formatFromExtension } from './detect-format.js';
import { openStreamInput } from './stream-input.js';
import { applyKinds } from './apply-kinds.js';
import { applyDecimalMark, type DecimalMark } from './decimal-comma.js';
import { createTable, type ColumnKind, type Table } from './table/index.js';

export type { FileFormat } from './detect-format.js';
import type { FileFormat } from './detect-format.js';

export interface ReadOptions {
  /** Detected from the extension (.csv .tsv .txt .jsonl .ndjson .parquet; .csv.gz is gzip CSV), then the content, when not given. */
  readonly format?: FileFormat;
  /** CSV delimiter; auto-detected among , ; tab | when not given. */
  readonly delimiter?: string;
  /**
   * Decimal mark of numbers written as text: 'auto' (default) reads `1,5` as 1.5 in a column of such
   * numbers when the file is not comma-separated; ',' does so in every column; '.' never (decimal-comma.ts).
   */
  readonly decimal?: DecimalMark;
  /** Strings read as missing, compared ignoring case (default: '', na, n/a, nan, null, none, #n/a). */
  readonly missingValues?: readonly string[];
  /** Forced kinds for named columns (config/flag overrides: numerical, categorical, datetime, id, text). */
  readonly columnKinds?: Readonly<Record<string, ColumnKind>>;
  /**
   * Columns whose values are kept as their exact text (categorical storage) when the file has them, so a
   * code like `007` is not read as the number 7. Unlike columnKinds, names the file lacks are ignored and
   * kinds are still inferred: for callers that set kinds afterwards and check names their own way.
   */
  readonly textColumns?: readonly string[];
  /** Called now and then while reading with bytes done and total bytes (for a progress bar). */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** CSV and JSON Lines: bytes read at a time (default 4 MiB). Tests use tiny values to cut fields across chunks. */
  readonly chunkSize?: number;
  /** CSV only: a sink for the raw bytes as read, given the delimiter (see readTableWithCellText). */
  readonly onRawBytes?: (delimiter: number) => (chunk: Uint8Array) => void;
}

/** Reads a CSV, JSON Lines or Parquet file into a Table with inferred column kinds. */
export async function readTable(path: string, options: ReadOptions = {}): Promise<Table> {
  // A pipe or FIFO has no size and reads once: its first bytes say the format and go to the reader again.
  const stream = await openStreamInput(path);
  // `.csv.gz`: CSV decompressed while streaming (the other formats have their own compression).
  const gzip = stream !== undefined ? stream.gzip : path.toLowerCase().endsWith('.gz');
  const format =
    stream !== undefined
      ? (options.format !== undefined ? await detectFormat(path, options.format) : (formatFromExtension(path) ?? (gzip ? 'csv' : formatFromContent(stream.head))))
      : gzip
        ? (options.format ?? formatFromExtension(path.slice(0, -3)) ?? 'csv')
        : await detectFormat(path, options.format);
  if (gzip && format !== 'csv') {
    throw new DriftwatchError('FILE_FORMAT', `${path}: gzip-compressed input is supported for CSV only; decompress it first`, { file: path });
  }
  const kinds = options.columnKinds ?? {};
  const common = {
    ...(options.missingValues !== undefined ? { missingValues: options.missingValues } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
    forced: forcedStorage(kinds, options.textColumns ?? []),
  };
  const source = stream !== undefined && format !== 'parquet' ? { source: stream.source() } : {};
  // JSON Lines and Parquet readers load on first use: hyparquet alone is 27 modules that a CSV analysis (and
  // each CSV reading worker) would otherwise load for nothing.
  const { columns, delimiter } =
    format === 'csv'
      ? await readCsvColumns(path, {
          ...common,
          ...source,
          gzip,
          ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
          ...(options.onRawBytes !== undefined ? { onRawBytes: options.onRawBytes } : {}),
        })
      : format === 'jsonl'
        ? { ...(await (await import('./jsonl-reader.js')).readJsonLinesColumns(path, { ...common, ...source })), delimiter: undefined }
        : {
            ...(await (await import('./parquet-reader.js')).readParquetColumns(path, { ...common, ...(stream !== undefined ? { bytes: await stream.readAll() } : {}) })),
            delimiter: undefined,
          };
  const keepText = new Set([...common.forced].flatMap(([name, storage]) => (storage === 'categorical' ? [name] : [])));
  return createTable(applyKinds(applyDecimalMark(columns, options.decimal ?? 'auto', delimiter, keepText), kinds, path), path);
}

/**
 * Storage the readers should use from the start: forced numeric columns reject text at its line;
 * categorical and text columns keep every value's exact text.
 */
function forcedStorage(kinds: Readonly<Record<string, ColumnKind>>, text: readonly string[]): Map<string, ForcedStorage> {
  const forced = new Map<string, ForcedStorage>(text.map((name) => [name, 'categorical']));
  for (const [name, kind] of Object.entries(kinds)) {
    if (kind === 'numeric') forced.set(name, 'numeric');
    else if (kind === 'categorical' || kind === 'text') forced.set(name, 'categorical');
  }
  return forced;
}
