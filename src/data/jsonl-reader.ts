/**
 * JSON Lines reader: one JSON object per line; the columns are the union of the keys in order of first
 * appearance, and a key absent from a row is missing there. Values: numbers are numeric; strings are
 * text (a JSON string is not parsed as a number, except in a column forced numeric) and missing when they
 * equal a missing marker; true/false become the categories "true"/"false" (inferred 'boolean'); null is
 * missing; nested objects and arrays are kept as their JSON text. Blank lines are skipped.
 */
import { DriftwatchError } from '../core/errors.js';
import { ColumnAccumulator, type ForcedStorage } from './column-accumulator.js';
import { DEFAULT_CHUNK_SIZE } from './csv-reader.js';
import { openByteSource, type ByteSource } from './byte-source.js';
import { MissingMatcher } from './missing-values.js';
import { parseNumberText } from './parse-number.js';
import type { Column } from './table.js';
import { isValidUtf8 } from './utf8-check.js';

export interface JsonLinesReadOptions {
  readonly missingValues?: readonly string[];
  readonly forced?: ReadonlyMap<string, ForcedStorage>;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  readonly chunkSize?: number;
  /** Bytes from here instead of opening `path` (a pipe, opened by readTable). */
  readonly source?: ByteSource;
}

/** Reads a JSON Lines file into columns with numeric or categorical storage (kinds not yet inferred). */
export async function readJsonLinesColumns(path: string, options: JsonLinesReadOptions = {}): Promise<{ columns: Column[]; rowCount: number }> {
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE));
  const missing = new MissingMatcher(options.missingValues);
  const forced = options.forced ?? new Map<string, ForcedStorage>();
  const source = options.source ?? (await openByteSource(path, false));
  const decoder = new TextDecoder('utf-8');
  const columns: ColumnAccumulator[] = [];
  const byName = new Map<string, number>();
  let lastSet = new Int32Array(0);
  let capacity = 1024;
  let rows = 0;
  let line = 0;

  const addRow = (text: string): void => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new DriftwatchError('PARSE_ERROR', `line ${line} is not valid JSON (${detail}); each line must be one JSON object`, { file: path, line });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DriftwatchError('PARSE_ERROR', `line ${line} is not a JSON object; each line must be one object such as {"a": 1}`, { file: path, line });
    }
    if (rows === capacity) {
      capacity = Math.ceil(capacity * 1.5);
      for (const c of columns) c.grow(capacity, rows);
    }
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      let k = byName.get(key);
      if (k === undefined) {
        const created = new ColumnAccumulator(key, capacity, forced.get(key) ?? 'auto');
        for (let r = 0; r < rows; r++) created.setMissing(r);
        k = columns.length;
        byName.set(key, k);
        columns.push(created);
        if (lastSet.length < columns.length) {
          const bigger = new Int32Array(columns.length * 2).fill(-1);
          bigger.set(lastSet);
          lastSet = bigger;
        }
      }
      setValue(columns[k]!, rows, v);
      lastSet[k] = rows;
    }
    for (let k = 0; k < columns.length; k++) if (lastSet[k] !== rows) columns[k]!.setMissing(rows);
    rows++;
  };

  const setValue = (col: ColumnAccumulator, row: number, v: unknown): void => {
    if (v === null || v === undefined) {
      col.setMissing(row);
    } else if (typeof v === 'number') {
      col.setNumber(row, v);
    } else if (typeof v === 'string') {
      if (missing.matchText(v)) {
        col.setMissing(row);
      } else if (col.forced === 'numeric') {
        const n = parseNumberText(v);
        if (Number.isNaN(n)) {
          throw new DriftwatchError('PARSE_ERROR', `line ${line}: column "${col.name}" must be numeric but has the value "${v}"; fix the value or drop the override`, {
            file: path,
            line,
            field: col.name,
          });
        }
        col.setNumber(row, n);
      } else {
        col.setString(row, v, line);
      }
    } else if (col.forced === 'numeric') {
      throw new DriftwatchError('PARSE_ERROR', `line ${line}: column "${col.name}" must be numeric but has ${JSON.stringify(v)}`, { file: path, line, field: col.name });
    } else if (typeof v === 'boolean') {
      col.setString(row, v ? 'true' : 'false', line);
    } else {
      col.setString(row, JSON.stringify(v), line);
    }
  };

  try {
    let buf = Buffer.allocUnsafe(chunkSize);
    let filled = 0;
    let eof = false;
    while (!eof) {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = await source.read(buf.subarray(0, Math.min(buf.length, filled + chunkSize)), filled);
      filled += n;
      eof = n === 0 || (source.knownLength !== undefined && source.progress() >= source.knownLength);
      options.onProgress?.(source.progress(), source.size);
      let start = 0;
      if (source.progress() === n && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
      for (;;) {
        let nl = buf.indexOf(10, start);
        if (nl < 0 || nl >= filled) {
          if (!eof || start >= filled) break;
          nl = filled;
        }
        line++;
        let end = nl;
        if (end > start && buf[end - 1] === 13) end--;
        if (!isValidUtf8(buf, start, end)) {
          throw new DriftwatchError('ENCODING', `line ${line} is not valid UTF-8; save the file as UTF-8`, { file: path, line });
        }
        const text = decoder.decode(buf.subarray(start, end));
        if (text.trim() !== '') addRow(text);
        start = nl + 1;
      }
      buf.copy(buf, 0, Math.min(start, filled), filled);
      filled -= Math.min(start, filled);
    }
  } finally {
    await source.close();
  }
  if (columns.length === 0) throw new DriftwatchError('FILE_EMPTY', `${path} has no JSON objects; each line must be one object such as {"a": 1}`, { file: path });
  return { columns: columns.map((c) => c.finish(rows)), rowCount: rows };
}
