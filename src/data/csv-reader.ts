/**
 * Streaming CSV reader: reads the file in chunks into one reusable buffer and feeds the bytes to the
 * CsvParser. The partial record at the end of a chunk is moved to the front of the buffer and parsed again
 * with the next chunk; a record longer than the buffer doubles it. Each chunk is checked as UTF-8 up to
 * its last line feed (a line feed never sits inside a multi-byte character), so the error can name a line.
 */
import { DriftwatchError } from '../core/index.js';
import { type ForcedStorage } from './column-accumulator.js';
import { delimiterByte, detectDelimiter } from './csv-delimiter.js';
import { CsvParser } from './csv-parser.js';
import { openByteSource, type ByteSource } from './byte-source.js';
import { MissingMatcher } from './missing-values.js';
import type { Column } from './table/index.js';
import { countLineFeeds, firstInvalidUtf8, isValidUtf8 } from './utf8-check.js';

export interface CsvReadOptions {
  readonly delimiter?: string;
  readonly missingValues?: readonly string[];
  /** Storage forced per column. */
  readonly forced?: ReadonlyMap<string, ForcedStorage>;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Bytes read at a time (default 4 MiB); tiny values exercise chunk boundaries in tests. */
  readonly chunkSize?: number;
  /** The file is gzip-compressed (`.csv.gz`). */
  readonly gzip?: boolean;
  /** Bytes from here instead of opening `path` (a pipe, opened by readTable). */
  readonly source?: ByteSource;
  /**
   * Called once the delimiter is known; the sink it returns gets every byte of the (decompressed) input in
   * order, for a second tokenizer that keeps cell text (cell-text/). Not used by the worker-thread reads.
   */
  readonly onRawBytes?: (delimiter: number) => (chunk: Uint8Array) => void;
}

export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

/** Reads a CSV file into columns with numeric or categorical storage (kinds not yet inferred). */
export async function readCsvColumns(path: string, options: CsvReadOptions = {}): Promise<{ columns: Column[]; rowCount: number; delimiter: string }> {
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE));
  const missing = new MissingMatcher(options.missingValues);
  const source = options.source ?? (await openByteSource(path, options.gzip ?? false));
  try {
    let buf = Buffer.allocUnsafe(Math.max(chunkSize, 4));
    let filled = 0;
    let eof = false;
    let rawSink: ((chunk: Uint8Array) => void) | undefined;
    const readMore = async (): Promise<void> => {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const want = Math.min(buf.length, filled + chunkSize);
      const n = await source.read(buf.subarray(0, want), filled);
      if (rawSink !== undefined && n > 0) rawSink(buf.subarray(filled, filled + n));
      filled += n;
      if (n === 0 || (source.knownLength !== undefined && source.progress() >= source.knownLength)) eof = true;
      options.onProgress?.(source.progress(), source.size);
    };
    await readMore();
    // Delimiter detection needs the header line and preferably a few more: read on until the buffer holds
    // a line end and 4 KiB (less when the chunk size is smaller, so tests can cut the data into tiny chunks).
    const enough = Math.min(4096, chunkSize);
    while (!eof && (filled < enough || buf.subarray(0, filled).indexOf(10) < 0)) await readMore();
    if (filled === 0) throw new DriftwatchError('FILE_EMPTY', `${path} is empty; it needs a header line and at least one row`, { file: path });

    let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    let validated = pos;
    const detected = detectDelimiter(buf, pos, filled);
    const delimiter = options.delimiter !== undefined ? delimiterByte(options.delimiter) : detected;
    const parser = new CsvParser({
      delimiter,
      missing,
      file: path,
      ...(options.forced !== undefined ? { forced: options.forced } : {}),
    });
    if (options.onRawBytes !== undefined) {
      rawSink = options.onRawBytes(delimiter);
      rawSink(buf.subarray(0, filled));
    }
    const validate = (): void => {
      let upTo = filled;
      if (!eof) {
        // Up to the last line end: a line end never sits inside a multi-byte character.
        upTo = Math.max(buf.lastIndexOf(10, filled - 1), buf.lastIndexOf(13, filled - 1)) + 1;
        if (upTo <= validated) return;
      }
      if (!isValidUtf8(buf, validated, upTo)) {
        const bad = firstInvalidUtf8(buf, validated, upTo);
        const line = parser.line + countLineFeeds(buf, pos, bad < 0 ? upTo : bad);
        throw new DriftwatchError('ENCODING', `line ${line} is not valid UTF-8; save the file as UTF-8`, { file: path, line });
      }
      validated = upTo;
    };
    const shift = async (): Promise<void> => {
      // Keep the unparsed tail and read on.
      buf.copy(buf, 0, pos, filled);
      filled -= pos;
      validated = Math.max(0, validated - pos);
      pos = 0;
      await readMore();
    };

    validate();
    while (!parser.headerDone) {
      pos = parser.parse(buf, pos, filled, eof);
      if (parser.headerDone) break;
      if (eof) throw new DriftwatchError('FILE_EMPTY', `${path} has no header line; the first line must name the columns`, { file: path });
      await shift();
      validate();
    }

    if (delimiter !== detected && parser.names.length === 1) wrongDelimiter(path, delimiter, detected, buf, filled);

    const sniffed = parser.sniff(buf, pos, filled, eof);
    let expectedRows = sniffed.rows;
    if (!eof && sniffed.bytes > 0) {
      // A generous estimate is cheap: pages never written are never touched, and the tail is cut off in
      // finish(). Compressed input has no known length: guess 4x the compressed size, then grow.
      const remaining = source.knownLength !== undefined ? source.knownLength - (source.progress() - filled + pos) : source.size * 4;
      expectedRows = Math.ceil((remaining / sniffed.bytes) * sniffed.rows * 1.05) + 64;
    }
    parser.startData(expectedRows, eof && sniffed.bytes === filled - pos);
    for (;;) {
      pos = parser.parse(buf, pos, filled, eof);
      if (eof) break;
      await shift();
      validate();
    }
    if (parser.rows === 0) {
      throw new DriftwatchError('NO_DATA', `${path} has a header but no data rows`, { file: path });
    }
    return { columns: parser.finish(), rowCount: parser.rows, delimiter: String.fromCharCode(delimiter) };
  } finally {
    await source.close();
  }
}

/**
 * A given delimiter that leaves the header one column while the detected one splits it: almost surely the
 * wrong delimiter (a file of one column has no other delimiter in its header to detect).
 */
function wrongDelimiter(path: string, given: number, detected: number, buf: Uint8Array, filled: number): void {
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let end = buf.indexOf(10, start);
  if (end < 0 || end > filled) end = filled;
  const header = new TextDecoder().decode(buf.subarray(start, end));
  const fields = header.split(String.fromCharCode(detected)).length;
  if (fields < 2) return;
  const show = (d: number): string => (d === 9 ? 'tab' : String.fromCharCode(d));
  throw new DriftwatchError(
    'USAGE',
    `the delimiter "${show(given)}" leaves the header one column, but "${show(detected)}" splits it into ${fields} columns; ` +
      `use --delimiter "${show(detected)}" (config key delimiter), or leave it out to detect it`,
    { file: path, line: 1, field: 'delimiter' },
  );
}
