/**
 * Input that is not a regular file: a pipe (`-` for stdin, `/dev/stdin`, `<(…)`, a FIFO) or a character
 * device. It has no size and can be read once, front to back, so the format is told from the first bytes
 * (kept and handed to the reader again) and CSV and JSON Lines stream from it as from a file; Parquet, whose
 * index is at the end, is read whole into memory first. A gzip stream (first bytes 1f 8b) is decompressed
 * on the way.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { isatty } from 'node:tty';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { DriftwatchError } from '../core/index.js';
import type { ByteSource } from './byte-source.js';
import { fileError } from './file-source.js';

const READ_BYTES = 1 << 20;
/** Enough bytes to tell Parquet, JSON Lines and CSV apart, and gzip. */
const HEAD_BYTES = 64;

export interface StreamInput {
  /** The first bytes (at least HEAD_BYTES unless the stream is shorter), still to be read by the reader. */
  readonly head: Uint8Array;
  /** Whether the stream is gzip-compressed. */
  readonly gzip: boolean;
  /** A byte source over the whole stream, head included, decompressed when gzip. */
  source(): ByteSource;
  /** The whole stream in memory (for Parquet). */
  readAll(): Promise<Uint8Array>;
}

/**
 * Opens `path` when it is a stream rather than a regular file; undefined for regular files, folders and
 * paths that do not open (the file readers report those as usual).
 */
export async function openStreamInput(path: string): Promise<StreamInput | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return undefined;
  }
  let keep = false;
  try {
    const stat = await handle.stat();
    if (stat.isFile() || stat.isDirectory()) return undefined;
    if (isatty(handle.fd)) {
      throw new DriftwatchError('FILE_UNREADABLE', `${path} is a terminal; pipe the data in (for example \`cat data.csv | driftwatch … -\`) or give a file`, { file: path });
    }
    const chunks = readChunks(handle, path);
    const first: Uint8Array[] = [];
    let headLength = 0;
    let ended = false;
    while (headLength < HEAD_BYTES) {
      const next = await chunks.next();
      if (next.done === true) {
        ended = true;
        break;
      }
      first.push(next.value);
      headLength += next.value.length;
    }
    const head = Buffer.concat(first);
    const gzip = head[0] === 0x1f && head[1] === 0x8b;
    keep = true;
    let bytesRead = head.length;
    async function* all(): AsyncGenerator<Uint8Array> {
      if (head.length > 0) yield head;
      if (ended) return;
      for (;;) {
        const next = await chunks.next();
        if (next.done === true) return;
        bytesRead += next.value.length;
        yield next.value;
      }
    }
    let used = false;
    const take = (): AsyncGenerator<Uint8Array> => {
      if (used) throw new DriftwatchError('INTERNAL', `${path} is a stream and was already read`, { file: path });
      used = true;
      return all();
    };
    return {
      head,
      gzip,
      source: () => {
        const raw = take();
        const chunks = gzip ? gunzipped(raw, path) : raw;
        return chunkSource(chunks, () => bytesRead, () => handle.close());
      },
      readAll: async () => {
        const parts: Uint8Array[] = [];
        try {
          for await (const part of take()) parts.push(part);
        } finally {
          await handle.close();
        }
        return Buffer.concat(parts);
      },
    };
  } finally {
    if (!keep) await handle.close();
  }
}

/** The stream's bytes in chunks of up to READ_BYTES, each a fresh buffer. */
async function* readChunks(handle: FileHandle, path: string): AsyncGenerator<Uint8Array> {
  for (;;) {
    const buf = Buffer.allocUnsafe(READ_BYTES);
    let n: number;
    try {
      // position null: read on from the current position, as a pipe requires.
      ({ bytesRead: n } = await handle.read(buf, 0, READ_BYTES, null));
    } catch (e) {
      throw fileError(path, e);
    }
    if (n === 0) return;
    yield buf.subarray(0, n);
  }
}

async function* gunzipped(chunks: AsyncGenerator<Uint8Array>, path: string): AsyncGenerator<Uint8Array> {
  const out = Readable.from(chunks).pipe(createGunzip());
  try {
    for await (const part of out) yield part as Buffer;
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('Z_') === true) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new DriftwatchError('FILE_FORMAT', `${path} is not a valid gzip stream (${detail})`, { file: path }, { cause: e });
    }
    throw e;
  }
}

/** A ByteSource over chunks of unknown total length. */
function chunkSource(chunks: AsyncGenerator<Uint8Array>, progress: () => number, close: () => Promise<void>): ByteSource {
  let pending: Uint8Array | undefined;
  let at = 0;
  let done = false;
  return {
    size: 0,
    knownLength: undefined,
    async read(buf, offset) {
      let n = 0;
      while (offset + n < buf.length && !done) {
        if (pending === undefined || at === pending.length) {
          const next = await chunks.next();
          if (next.done === true) {
            done = true;
            break;
          }
          pending = next.value;
          at = 0;
        }
        const take = Math.min(pending.length - at, buf.length - offset - n);
        buf.set(pending.subarray(at, at + take), offset + n);
        at += take;
        n += take;
      }
      return n;
    },
    progress,
    async close() {
      await chunks.return(undefined);
      await close();
    },
  };
}
