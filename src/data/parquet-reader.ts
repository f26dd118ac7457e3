/**
 * Parquet reader: hyparquet parses the footer and the page headers; the pages themselves are decompressed
 * and decoded here, column chunk by column chunk, straight into the Table's typed arrays
 * (parquet-column-decoder.ts), with no JavaScript value per cell and only one column chunk in memory at a
 * time. Reading the row API instead (hyparquet's parquetRead) built an object per cell and cost 3-4x CSV's
 * time and memory for the same data.
 *
 * Supported: flat columns (required or optional) of every physical type; PLAIN, dictionary (PLAIN_DICTIONARY,
 * RLE_DICTIONARY), RLE (booleans), BYTE_STREAM_SPLIT and DELTA_* encodings; data pages v1 and v2; several
 * row groups; UNCOMPRESSED, SNAPPY, GZIP, BROTLI, ZSTD, LZ4 and LZ4_RAW. Nested columns (lists, maps,
 * structs) are refused with an error naming the column. Missing: Parquet nulls, NaN, and strings equal to a
 * missing marker (missing-values.ts, as in the other readers: a string column written from pandas may spell
 * missing as "nan" or "None").
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parquetMetadata, parquetSchema, type ColumnMetaData, type FileMetaData, type SchemaElement } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { snappyUncompress } from 'hyparquet/src/snappy.js';
import { DriftwatchError } from '../core/index.js';
import { openInputFile, readFully } from './file-source.js';
import { MissingMatcher } from './missing-values.js';
import { columnDecoder, type ColumnDecoder } from './parquet-column-decoder.js';
import { decodeHybrid, ParquetDataError } from './parquet-hybrid.js';
import type { Column } from './table/index.js';

export interface ParquetReadOptions {
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  readonly missingValues?: readonly string[];
  /** The file's bytes, already read (a pipe), instead of opening `path`. */
  readonly bytes?: Uint8Array;
}

/** Random access to the file's bytes: an open file, or bytes already in memory (a pipe read whole). */
interface ParquetSource {
  readonly size: number;
  /** Fills `buf` from `position`; returns how many bytes were read (fewer at the end of the file). */
  read(buf: Uint8Array, position: number): Promise<number>;
  close(): Promise<void>;
}

async function openSource(path: string, bytes: Uint8Array | undefined): Promise<ParquetSource> {
  if (bytes !== undefined) {
    if (bytes.length === 0) throw new DriftwatchError('FILE_EMPTY', `${path} is empty; it needs a header line and at least one row`, { file: path });
    return {
      size: bytes.length,
      read: async (buf, position) => {
        const part = bytes.subarray(Math.min(position, bytes.length), Math.min(position + buf.length, bytes.length));
        buf.set(part);
        return part.length;
      },
      close: async () => {},
    };
  }
  const file = await openInputFile(path);
  return { size: file.size, read: (buf, position) => readFully(file, buf, 0, position, path), close: () => file.handle.close() };
}

/** Reads a Parquet file into columns (datetime columns already carry kind 'datetime'). */
export async function readParquetColumns(path: string, options: ParquetReadOptions = {}): Promise<{ columns: Column[]; rowCount: number }> {
  const file = await openSource(path, options.bytes);
  const missing = new MissingMatcher(options.missingValues);
  try {
    const metadata = await readMetadata(file, path);
    const fields = flatFields(metadata, path);
    const rows = Number(metadata.num_rows);
    if (fields.length === 0) throw new DriftwatchError('NO_DATA', `${path} has no columns`, { file: path });
    if (rows === 0) throw new DriftwatchError('NO_DATA', `${path} has columns but no rows`, { file: path });
    const decoders = fields.map((f) => columnDecoder(f, rows, missing));
    const pages = new PageBuffers(await codecsFor(metadata));
    const chunks = new ChunkReader(file);
    let rowStart = 0;
    for (const [g, group] of metadata.row_groups.entries()) {
      const groupRows = Number(group.num_rows);
      if (group.columns.length !== fields.length) throw formatError(path, `row group ${g + 1} has ${group.columns.length} columns, the schema ${fields.length}`);
      for (const [c, columnChunk] of group.columns.entries()) {
        const field = fields[c]!;
        const meta = columnChunk.meta_data;
        if (meta === undefined || columnChunk.file_path !== undefined) throw formatError(path, `column "${field.name}" keeps its data outside the file, which is not supported`, field.name);
        // Some writers leave dictionary_page_offset at 0 when there is no dictionary (as hyparquet allows).
        const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
        const size = Number(meta.total_compressed_size);
        if (start < 4 || start + size > file.size) throw formatError(path, `column "${field.name}" in row group ${g + 1} points outside the file`, field.name);
        const bytes = await chunks.read(start, size);
        if (bytes === null) throw formatError(path, `column "${field.name}" in row group ${g + 1} is cut short`, field.name);
        try {
          decodeChunk(bytes, meta, field, decoders[c]!, rowStart, groupRows, pages);
        } catch (e) {
          if (e instanceof DriftwatchError) throw e;
          const detail = e instanceof Error ? e.message : String(e);
          throw formatError(path, `column "${field.name}" in row group ${g + 1} could not be decoded: ${detail}`, field.name, e);
        }
        options.onProgress?.(start + size, file.size);
      }
      rowStart += groupRows;
    }
    if (rowStart !== rows) throw formatError(path, `the row groups hold ${rowStart} rows, the footer says ${rows}`);
    options.onProgress?.(file.size, file.size);
    return { columns: decoders.map((d: ColumnDecoder) => d.finish()), rowCount: rows };
  } finally {
    await file.close();
  }
}

/** Bytes read ahead when a column chunk is smaller: the chunks of a row group lie one after another. */
const READ_AHEAD = 4 << 20;

/**
 * Column chunks' bytes, read a few megabytes at a time: a file of 50,000 short columns made 50,000 reads of
 * a few dozen bytes each, and waiting for them took seconds. A chunk of the read-ahead is served from it;
 * a larger chunk is one read of its own. The bytes handed out are valid until the next call.
 */
class ChunkReader {
  private buffer = Buffer.alloc(0);
  private start = 0;
  private length = 0;

  constructor(private readonly file: ParquetSource) {}

  /** `size` bytes from `start`, or null when the file ends first. */
  async read(start: number, size: number): Promise<Uint8Array | null> {
    if (start >= this.start && start + size <= this.start + this.length) return this.buffer.subarray(start - this.start, start - this.start + size);
    const want = Math.max(size, Math.min(READ_AHEAD, this.file.size - start));
    if (this.buffer.length < want) this.buffer = Buffer.allocUnsafe(Math.max(want, Math.floor(this.buffer.length * 1.5)));
    this.start = start;
    this.length = await this.file.read(this.buffer.subarray(0, want), start);
    return this.length < size ? null : this.buffer.subarray(0, size);
  }
}

function formatError(path: string, detail: string, field?: string, cause?: unknown): DriftwatchError {
  return new DriftwatchError('FILE_FORMAT', `${path} could not be read as Parquet: ${detail}`, { file: path, ...(field !== undefined ? { field } : {}) }, cause !== undefined ? { cause } : undefined);
}

async function readMetadata(file: ParquetSource, path: string): Promise<FileMetaData> {
  const tail = Buffer.alloc(8);
  const head = Buffer.alloc(4);
  if (file.size < 12 || (await file.read(head, 0)) !== 4 || (await file.read(tail, file.size - 8)) !== 8) {
    throw formatError(path, 'the file is too short to be Parquet');
  }
  if (head.toString('latin1') !== 'PAR1' || tail.toString('latin1', 4) !== 'PAR1') {
    throw formatError(path, 'it does not start and end with the Parquet marker PAR1 (an encrypted footer, PARE, is not supported)');
  }
  const length = tail.readUInt32LE(0);
  if (length + 12 > file.size) throw formatError(path, `the footer claims ${length} bytes, more than the file holds`);
  const footer = Buffer.alloc(length + 8);
  await file.read(footer, file.size - length - 8);
  try {
    return parquetMetadata(footer.buffer.slice(footer.byteOffset, footer.byteOffset + footer.length) as ArrayBuffer);
  } catch (e) {
    throw formatError(path, `its footer is damaged (${e instanceof Error ? e.message : String(e)})`, undefined, e);
  }
}

/** The top-level columns, each a flat primitive: nested ones are refused by name. */
function flatFields(metadata: FileMetaData, path: string): SchemaElement[] {
  const schema = parquetSchema(metadata);
  return schema.children.map((child) => {
    const e = child.element;
    if (child.children.length > 0 || e.repetition_type === 'REPEATED' || e.type === undefined) {
      throw new DriftwatchError(
        'FILE_FORMAT',
        `${path}: column "${e.name}" is nested (a list, map or struct), which Driftwatch cannot compare; flatten it into plain columns or drop it before writing the file`,
        { file: path, field: e.name },
      );
    }
    return e;
  });
}

type Decompressors = Pick<typeof import('hyparquet-compressors'), 'decompressLz4' | 'decompressLz4Raw' | 'decompressZstd'>;

/**
 * hyparquet-compressors (pure JavaScript zstd and lz4) only when the file uses them: most files are
 * snappy, and a worker that reads one should not load and keep decoders it never calls.
 */
async function codecsFor(metadata: FileMetaData): Promise<Decompressors | null> {
  const needed = metadata.row_groups.some((g) => g.columns.some((c) => ['ZSTD', 'LZ4', 'LZ4_RAW'].includes(c.meta_data?.codec ?? '')));
  return needed ? await import('hyparquet-compressors') : null;
}

/** Reusable buffers for decompressed pages and definition levels, and the decompressors loaded. */
class PageBuffers {
  private page = new Uint8Array(0);
  defs = new Uint8Array(0);

  constructor(readonly codecs: Decompressors | null) {}

  out(size: number): Uint8Array {
    if (this.page.length < size) this.page = new Uint8Array(Math.max(size, Math.floor(this.page.length * 1.5)));
    return this.page.subarray(0, size);
  }

  levels(n: number): Uint8Array {
    if (this.defs.length < n) this.defs = new Uint8Array(Math.max(n, 1024));
    return this.defs;
  }
}

function decompress(bytes: Uint8Array, codec: string, size: number, buffers: PageBuffers): Uint8Array {
  let out: Uint8Array;
  switch (codec) {
    case 'UNCOMPRESSED':
      out = bytes;
      break;
    case 'SNAPPY':
      out = buffers.out(size);
      snappyUncompress(bytes, out);
      break;
    case 'GZIP':
      out = gunzipSync(bytes);
      break;
    case 'BROTLI':
      out = brotliDecompressSync(bytes);
      break;
    case 'ZSTD':
      out = buffers.codecs!.decompressZstd(bytes, buffers.out(size));
      break;
    case 'LZ4':
      out = buffers.codecs!.decompressLz4(bytes, size);
      break;
    case 'LZ4_RAW':
      out = buffers.codecs!.decompressLz4Raw(bytes, size);
      break;
    default:
      throw new ParquetDataError(`compression ${codec} is not supported; rewrite the file with snappy, gzip or zstd`);
  }
  if (out.length !== size) throw new ParquetDataError(`a page decompressed to ${out.length} bytes, its header says ${size}`);
  return out;
}

/** Decodes one column chunk's pages into rows [rowStart, rowStart + rows) of the column. */
function decodeChunk(chunk: Uint8Array, meta: ColumnMetaData, element: SchemaElement, decoder: ColumnDecoder, rowStart: number, rows: number, buffers: PageBuffers): void {
  const reader = { view: new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength), offset: 0 };
  const optional = element.repetition_type !== 'REQUIRED';
  const codec = meta.codec;
  let done = 0;
  while (done < rows) {
    if (reader.offset >= chunk.length) throw new ParquetDataError(`the column chunk ends after ${done} of ${rows} rows`);
    const header = parquetHeader(reader);
    const start = reader.offset;
    const size = header.compressed_page_size;
    reader.offset += size;
    if (start + size > chunk.length) throw new ParquetDataError('a page runs past the end of its column chunk');
    const raw = chunk.subarray(start, start + size);
    if (header.type === 'DICTIONARY_PAGE') {
      const count = header.dictionary_page_header?.num_values ?? 0;
      decoder.dictionary(decompress(raw, codec, header.uncompressed_page_size, buffers), count);
    } else if (header.type === 'DATA_PAGE') {
      const h = header.data_page_header!;
      const n = h.num_values;
      const page = decompress(raw, codec, header.uncompressed_page_size, buffers);
      let pos = 0;
      let defs: Uint8Array | null = null;
      if (optional) {
        if (h.definition_level_encoding !== 'RLE') throw new ParquetDataError(`definition levels encoded as ${h.definition_level_encoding} are not supported`);
        const length = new DataView(page.buffer, page.byteOffset, page.byteLength).getUint32(0, true);
        defs = buffers.levels(n);
        decodeHybrid(page, 4, 4 + length, 1, defs, n);
        pos = 4 + length;
      }
      const present = defs === null ? n : countOnes(defs, n);
      decoder.values(h.encoding, page, pos, present, rowStart + done, n, present === n ? null : defs);
      done += n;
    } else if (header.type === 'DATA_PAGE_V2') {
      const h = header.data_page_header_v2!;
      const n = h.num_values;
      const levelBytes = h.repetition_levels_byte_length + h.definition_levels_byte_length;
      let defs: Uint8Array | null = null;
      if (optional && h.definition_levels_byte_length > 0) {
        defs = buffers.levels(n);
        decodeHybrid(raw, h.repetition_levels_byte_length, levelBytes, 1, defs, n);
      }
      const values = raw.subarray(levelBytes);
      const page = h.is_compressed ? decompress(values, codec, header.uncompressed_page_size - levelBytes, buffers) : values;
      const present = defs === null ? n : countOnes(defs, n);
      decoder.values(h.encoding, page, 0, present, rowStart + done, n, present === n ? null : defs);
      done += n;
    }
    // Index pages and unknown page types carry no values.
  }
  if (done !== rows) throw new ParquetDataError(`the column chunk holds ${done} values, its row group ${rows}`);
  decoder.endChunk();
}

function countOnes(defs: Uint8Array, n: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) k += defs[i]!;
  return k;
}
