/**
 * JSON Lines reader: one JSON object per line; the columns are the union of the keys in order of first
 * appearance, and a key absent from a row is missing there. Values: numbers are numeric; strings are
 * text (a JSON string is not parsed as a number, except in a column forced numeric) and missing when they
 * equal a missing marker; true/false become the categories "true"/"false" (inferred 'boolean'); null is
 * missing; nested objects and arrays are kept as their JSON text. Blank lines are skipped.
 *
 * Lines are read from their bytes (jsonl-line-scanner.ts): a flat object's fields are tokenized in place,
 * numbers parsed without a string, and a string value is found among the column's known values by its
 * bytes (ByteInterner), so a string is made only per distinct value. The fields of a line are resolved to
 * columns before anything is stored, so a line the scanner hands back (nested values, escaped keys,
 * repeated keys, malformed JSON) is read by JSON.parse from a clean state with the same result or error.
 */
import { DriftwatchError } from '../core/index.js';
import { ByteInterner } from './byte-interner.js';
import { ColumnAccumulator, type ForcedStorage } from './column-accumulator.js';
import { BLANK, ESCAPED_STRING, FALLBACK, JsonLineScanner, MISSING_STRING, NULL, NUMBER, PLAIN_STRING, storeLine, TRUE, keyPattern, type LineTarget } from './jsonl-line-scanner.js';
import { DEFAULT_CHUNK_SIZE } from './csv-reader.js';
import { openByteSource, type ByteSource } from './byte-source.js';
import { MissingMatcher } from './missing-values.js';
import { parseNumberText } from './parse-number.js';
import type { Column } from './table/index.js';
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
  /** Per column: its key's bytes (to recognise the key where the previous line had it) and known values. */
  const keyBytes: Uint8Array[] = [];
  const interners: ByteInterner[] = [];
  const encoder = new TextEncoder();
  const scanner = new JsonLineScanner();
  /** Column of each field of the line (-1: a key not seen before, named in newKeys); the previous line's guess. */
  let fieldColumn = new Int32Array(64);
  let predicted = new Int32Array(64).fill(-1);
  const newKeys: string[] = [];
  /** newKeys as a set: a first line of 100,000 keys checked each against a list took seconds. */
  const newKeySet = new Set<string>();
  const escaped: string[] = [];
  let lastSet = new Int32Array(0);
  const keyWords: Int32Array[] = [];
  const keyMasks: number[] = [];
  const target: { -readonly [K in keyof LineTarget]: LineTarget[K] } = { columns, interners, keys: keyBytes, keyWords, keyMasks, order: predicted, lastSet };
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
    makeRoom();
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const k = byName.get(key) ?? addColumn(key);
      setValue(columns[k]!, rows, v);
      lastSet[k] = rows;
    }
    endRow();
  };

  /** File offset of the line being read (for the row-count estimate). */
  let lineOffset = 0;
  const makeRoom = (): void => {
    if (rows === capacity) {
      // Past the first rows, size the columns for the whole file from the bytes a row took so far, as the CSV
      // reader does: growing by half each time copied every column several times over.
      const estimate = source.knownLength !== undefined && lineOffset > 0 ? Math.ceil((source.knownLength / lineOffset) * rows * 1.05) + 64 : 0;
      capacity = Math.max(Math.ceil(capacity * 1.5), estimate);
      for (const c of columns) c.grow(capacity, rows);
    }
  };

  const addColumn = (key: string): number => {
    const created = new ColumnAccumulator(key, capacity, forced.get(key) ?? 'auto');
    for (let r = 0; r < rows; r++) created.setMissing(r);
    const k = columns.length;
    byName.set(key, k);
    columns.push(created);
    keyBytes.push(encoder.encode(key));
    const pattern = keyPattern(keyBytes[k]!);
    keyWords.push(pattern.words);
    keyMasks.push(pattern.mask);
    interners.push(new ByteInterner());
    if (lastSet.length < columns.length) {
      const bigger = new Int32Array(columns.length * 2).fill(-1);
      bigger.set(lastSet);
      lastSet = bigger;
      target.lastSet = bigger;
    }
    return k;
  };

  const endRow = (): void => {
    for (let k = 0; k < columns.length; k++) if (lastSet[k] !== rows) columns[k]!.setMissing(rows);
    rows++;
  };

  /**
   * The fast path for the line `buf[start, end)`: true when it was read (or is blank), false when
   * JSON.parse must read it. Nothing is stored until every field is known to be plain and its key unique.
   */
  const scanRow = (buf: Buffer, start: number, end: number): boolean => {
    const result = scanner.scan(buf, start, end);
    if (result === BLANK) return true;
    if (result === FALLBACK) return false;
    const n = scanner.count;
    if (fieldColumn.length < n) {
      fieldColumn = new Int32Array(n * 2);
      const bigger = new Int32Array(n * 2).fill(-1);
      bigger.set(predicted);
      predicted = bigger;
      target.order = bigger;
    }
    // A line with fewer fields than the last: the positions past its end predict nothing any more.
    for (let i = n; i < scanner.expectedKeys.length; i++) {
      if (predicted[i]! >= 0) {
        predicted[i] = -1;
        scanner.expectedKeys[i] = undefined;
      }
    }
    newKeys.length = 0;
    newKeySet.clear();
    // Keys where the previous line had them are that line's columns, distinct by construction; only a line
    // with another key needs names looked up and repeats checked.
    let allMatched = true;
    for (let i = 0; i < n; i++) {
      if (scanner.matched[i] === 0) {
        allMatched = false;
        break;
      }
    }
    if (allMatched) {
      for (let i = 0; i < n; i++) fieldColumn[i] = predicted[i]!;
    } else {
      const stamp = -2 - rows;
      for (let i = 0; i < n; i++) {
        let k = predicted[i]!;
        if (scanner.matched[i] === 0) {
          const key = buf.toString('utf8', scanner.keyStart[i]!, scanner.keyEnd[i]!);
          k = byName.get(key) ?? -1;
          if (k < 0) {
            if (newKeySet.has(key)) return false;
            newKeys.push(key);
            newKeySet.add(key);
          }
        }
        if (k >= 0) {
          // A repeated key: JSON.parse keeps the last value, in the first one's place.
          if (lastSet[k] === stamp) return false;
          lastSet[k] = stamp;
        }
        fieldColumn[i] = k;
      }
    }
    for (let i = 0; scanner.escapes > 0 && i < n; i++) {
      if (scanner.kind[i] === ESCAPED_STRING) {
        try {
          escaped[i] = JSON.parse(buf.toString('utf8', scanner.valueStart[i]!, scanner.valueEnd[i]!)) as string;
        } catch {
          return false;
        }
      }
    }
    makeRoom();
    let added = 0;
    for (let i = 0; i < n; i++) {
      let k = fieldColumn[i]!;
      if (k < 0) k = addColumn(newKeys[added++]!);
      if (predicted[i] !== k) {
        predicted[i] = k;
        scanner.expectedKeys[i] = keyBytes[k];
      }
      const col = columns[k]!;
      const kind = scanner.kind[i]!;
      if (kind === NUMBER) {
        col.setNumber(rows, scanner.number[i]!);
      } else if (kind === PLAIN_STRING) {
        setPlainString(col, interners[k]!, buf, scanner.valueStart[i]!, scanner.valueEnd[i]!);
      } else if (kind === ESCAPED_STRING) {
        setValue(col, rows, escaped[i]);
      } else if (kind === NULL) {
        col.setMissing(rows);
      } else {
        setValue(col, rows, kind === TRUE);
      }
      lastSet[k] = rows;
    }
    endRow();
    return true;
  };

  /** A string value known by its bytes: its code from the column's interner, else decoded once. */
  const setPlainString = (col: ColumnAccumulator, interner: ByteInterner, buf: Buffer, start: number, end: number): void => {
    if (!col.numeric) {
      const code = interner.lookup(buf, start, end);
      if (code !== -1) {
        if (code === MISSING_STRING) col.setMissing(rows);
        else col.codes[rows] = code;
        return;
      }
    }
    const s = buf.toString('utf8', start, end);
    if (missing.matchText(s)) {
      interner.remember(buf, start, end, MISSING_STRING);
      col.setMissing(rows);
      return;
    }
    setValue(col, rows, s);
    if (!col.numeric) interner.remember(buf, start, end, col.codes[rows]!);
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
      const chunkOffset = source.progress() - filled;
      const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      // One UTF-8 check for all the whole lines of the chunk; line by line only to find a bad one.
      const lastLine = buf.lastIndexOf(10, filled - 1);
      const wholeLinesValid = lastLine > start && isValidUtf8(buf, start, lastLine);
      for (;;) {
        let nl = buf.indexOf(10, start);
        if (nl < 0 || nl >= filled) {
          if (!eof || start >= filled) break;
          nl = filled;
        }
        line++;
        let end = nl;
        if (end > start && buf[end - 1] === 13) end--;
        if (!(wholeLinesValid && nl <= lastLine) && !isValidUtf8(buf, start, end)) {
          throw new DriftwatchError('ENCODING', `line ${line} is not valid UTF-8; save the file as UTF-8`, { file: path, line });
        }
        lineOffset = chunkOffset + start;
        // The first line sizes the columns from the file's length: 1,024 rows a column is 8 KB each, 800 MB
        // for a file of a few lines 100,000 keys wide. Too few rows only means the columns grow later.
        if (rows === 0 && columns.length === 0 && source.knownLength !== undefined && end > start) {
          capacity = Math.max(16, Math.min(capacity, Math.ceil((source.knownLength / (nl + 1 - start)) * 1.1) + 8));
        }
        makeRoom();
        if (storeLine(buf, view, start, end, rows, target)) endRow();
        else if (!scanRow(buf, start, end)) {
          const text = decoder.decode(buf.subarray(start, end));
          if (text.trim() !== '') addRow(text);
        }
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
