/**
 * Where the CSV reader's bytes come from: a plain file read with positioned reads, or a gzip file
 * decompressed as it streams. Progress is always in bytes of the file on disk.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { DriftwatchError } from '../core/index.js';
import { fileError, openInputFile, readFully, type OpenedFile } from './file-source.js';

export interface ByteSource {
  /** Size of the file on disk. */
  readonly size: number;
  /** Uncompressed size when known (plain files), for sizing the columns. */
  readonly knownLength: number | undefined;
  /** Fills `buf[offset, ...)` as far as possible; 0 at the end. */
  read(buf: Uint8Array, offset: number): Promise<number>;
  /** Bytes of the file on disk consumed so far. */
  progress(): number;
  close(): Promise<void>;
}

/** Opens `path`; gzip when `gzip` is true. */
export async function openByteSource(path: string, gzip: boolean): Promise<ByteSource> {
  const file = await openInputFile(path);
  if (!gzip) return plainSource(file, path);
  await file.handle.close();
  return gzipSource(path, file.size);
}

function plainSource(file: OpenedFile, path: string): ByteSource {
  let position = 0;
  return {
    size: file.size,
    knownLength: file.size,
    async read(buf, offset) {
      const n = await readFully(file, buf, offset, position, path);
      position += n;
      return n;
    },
    progress: () => position,
    close: () => file.handle.close(),
  };
}

function gzipSource(path: string, size: number): ByteSource {
  const raw = createReadStream(path);
  const chunks = raw.pipe(createGunzip())[Symbol.asyncIterator]();
  let pending: Buffer | undefined;
  let pendingAt = 0;
  let done = false;
  return {
    size,
    knownLength: undefined,
    async read(buf, offset) {
      let n = 0;
      while (offset + n < buf.length && !done) {
        if (pending === undefined || pendingAt === pending.length) {
          let next: IteratorResult<Buffer>;
          try {
            next = (await chunks.next()) as IteratorResult<Buffer>;
          } catch (e) {
            const detail = e instanceof Error ? e.message : String(e);
            if ((e as { code?: string }).code?.startsWith('Z_') === true) {
              throw new DriftwatchError('FILE_FORMAT', `${path} is not a valid gzip file (${detail})`, { file: path }, { cause: e });
            }
            throw fileError(path, e);
          }
          if (next.done === true) {
            done = true;
            break;
          }
          pending = next.value;
          pendingAt = 0;
        }
        const take = Math.min(pending.length - pendingAt, buf.length - offset - n);
        pending.copy(buf, offset + n, pendingAt, pendingAt + take);
        pendingAt += take;
        n += take;
      }
      return n;
    },
    progress: () => raw.bytesRead,
    async close() {
      raw.destroy();
    },
  };
}
