/**
 * The one way Driftwatch writes a file (reports, models, ONNX exports, CSV outputs): readers of `path` see
 * the old file or the complete new one, never a partial file, even after a crash. The data goes to a
 * temporary file in the same folder (a rename is atomic only within a file system), is flushed to disk,
 * then renamed over `path`; the temporary file is removed if anything fails.
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileWriteError } from './file-source.js';

/** What can be written: the whole content, or chunks produced while writing (streamed, never all in memory). */
export type AtomicWriteData = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

let counter = 0;

/**
 * Writes `data` to `path` atomically. A file-system failure is FILE_UNWRITABLE naming `path`; an error
 * thrown by a chunk source is passed on as it is. Either way `path` keeps its old content and no temporary
 * file is left behind.
 */
export async function writeFileAtomic(path: string, data: AtomicWriteData): Promise<void> {
  counter += 1;
  // Unique per process and call: concurrent writers of one path each rename a complete file of their own.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${counter}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await writeAll(handle, data);
      else for await (const chunk of data) await writeAll(handle, chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw isFileSystemError(e) ? fileWriteError(path, e) : e;
  }
}

/** All of `chunk`, at the handle's position (a write may take fewer bytes than asked). */
async function writeAll(handle: FileHandle, chunk: string | Uint8Array): Promise<void> {
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
    done += bytesWritten;
  }
}

function isFileSystemError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}
