/**
 * Parquet reader on hyparquet (pure JavaScript, no native binaries). Columns stream in per row group and are
 * written straight into typed arrays. Mapping: integer, float, double and decimal columns are numeric
 * (INT64 values beyond 2^53 lose precision, as any double would); DATE and TIMESTAMP columns are numeric
 * epoch milliseconds with kind 'datetime'; strings are categorical; booleans are the categories
 * "true"/"false" (inferred 'boolean'); nested values (lists, structs) are categorical JSON text.
 * Missing: Parquet nulls, NaN, and strings equal to a missing marker (missing-values.ts, as in the other
 * readers: a string column written from pandas may spell missing as "nan" or "None").
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type SchemaElement } from 'hyparquet';
import { DriftwatchError } from '../core/errors.js';
import { ColumnAccumulator } from './column-accumulator.js';
import { openInputFile } from './file-source.js';
import { MissingMatcher } from './missing-values.js';
import type { Column } from './table.js';

export interface ParquetReadOptions {
  readonly missingValues?: readonly string[];
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The file's bytes, already read (a pipe), instead of opening `path`. */
  readonly bytes?: Uint8Array;
}

/** Reads a Parquet file into columns (datetime columns already carry kind 'datetime'). */
export async function readParquetColumns(path: string, options: ParquetReadOptions = {}): Promise<{ columns: Column[]; rowCount: number }> {
  const bytes = options.bytes;
  let size: number;
  if (bytes !== undefined) {
    if (bytes.length === 0) throw new DriftwatchError('FILE_EMPTY', `${path} is empty; it needs a header line and at least one row`, { file: path });
    size = bytes.length;
  } else {
    const opened = await openInputFile(path);
    size = opened.size;
    await opened.handle.close();
  }
  let rows = 0;
  const missing = new MissingMatcher(options.missingValues);
  try {
    const file: AsyncBuffer =
      bytes !== undefined
        ? { byteLength: bytes.length, slice: (start, end) => bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + (end ?? bytes.length)) as ArrayBuffer }
        : await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    rows = Number(metadata.num_rows);
    const schema = parquetSchema(metadata);
    const fields = schema.children.map((child) => ({
      name: child.element.name,
      nested: child.children.length > 0,
      element: child.element,
    }));
    if (fields.length === 0) throw new DriftwatchError('NO_DATA', `${path} has no columns`, { file: path });
    if (rows === 0) throw new DriftwatchError('NO_DATA', `${path} has columns but no rows`, { file: path });
    const accumulators = new Map<string, ColumnAccumulator>();
    const datetime = new Set<string>();
    for (const f of fields) {
      const numeric = !f.nested && isNumericType(f.element);
      if (numeric && isDatetimeType(f.element)) datetime.add(f.name);
      accumulators.set(f.name, new ColumnAccumulator(f.name, rows, numeric ? 'auto' : 'categorical'));
    }
    let cellsDone = 0;
    const totalCells = rows * fields.length;
    await parquetRead({
      file,
      onChunk: ({ columnName, columnData, rowStart }) => {
        const col = accumulators.get(columnName);
        if (col === undefined) return;
        for (let i = 0; i < columnData.length; i++) setCell(col, rowStart + i, columnData[i], missing);
        cellsDone += columnData.length;
        options.onProgress?.(Math.round((size * cellsDone) / totalCells), size);
      },
    });
    return {
      columns: fields.map((f) => {
        const c = accumulators.get(f.name)!.finish(rows);
        return datetime.has(f.name) && c.storage === 'numeric' ? { ...c, kind: 'datetime' as const } : c;
      }),
      rowCount: rows,
    };
  } catch (e) {
    if (e instanceof DriftwatchError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw new DriftwatchError('FILE_FORMAT', `${path} could not be read as Parquet: ${detail}`, { file: path }, { cause: e });
  }
}

function isNumericType(e: SchemaElement): boolean {
  return e.type === 'INT32' || e.type === 'INT64' || e.type === 'INT96' || e.type === 'FLOAT' || e.type === 'DOUBLE' || e.converted_type === 'DECIMAL';
}

function isDatetimeType(e: SchemaElement): boolean {
  const logical = e.logical_type?.type;
  return (
    e.type === 'INT96' ||
    logical === 'DATE' ||
    logical === 'TIMESTAMP' ||
    e.converted_type === 'DATE' ||
    e.converted_type === 'TIMESTAMP_MILLIS' ||
    e.converted_type === 'TIMESTAMP_MICROS'
  );
}

function setCell(col: ColumnAccumulator, row: number, v: unknown, missing: MissingMatcher): void {
  if (v === null || v === undefined) col.setMissing(row);
  else if (typeof v === 'number') {
    if (Number.isNaN(v)) col.setMissing(row);
    else col.setNumber(row, v);
  } else if (typeof v === 'bigint') col.setNumber(row, Number(v));
  else if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) col.setMissing(row);
    else if (col.numeric) col.setNumber(row, t);
    else col.setString(row, v.toISOString());
  } else if (typeof v === 'string') {
    if (missing.matchText(v)) col.setMissing(row);
    else col.setString(row, v);
  }
  else if (typeof v === 'boolean') col.setString(row, v ? 'true' : 'false');
  else if (v instanceof Uint8Array) col.setString(row, Buffer.from(v).toString('hex'));
  else col.setString(row, JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)));
}
