/** Opening input files with every failure turned into a DriftwatchError that names the file. */
import { open, type FileHandle } from 'node:fs/promises';
import { DriftwatchError } from '../core/index.js';

export interface OpenedFile {
  readonly handle: FileHandle;
  readonly size: number;
}

/** Opens a regular file for reading; FILE_NOT_FOUND, FILE_UNREADABLE (directory, permissions) or FILE_EMPTY. */
export async function openInputFile(path: string): Promise<OpenedFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw fileError(path, e);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      throw new DriftwatchError('FILE_UNREADABLE', `${path} is a directory, not a data file; give the path of a CSV, JSON Lines or Parquet file`, { file: path });
    }
    if (stat.size === 0) {
      throw new DriftwatchError('FILE_EMPTY', `${path} is empty; it needs a header line and at least one row`, { file: path });
    }
    return { handle, size: stat.size };
  } catch (e) {
    await handle.close();
    throw e instanceof DriftwatchError ? e : fileError(path, e);
  }
}

/** Reads into `buf[offset, ...)` until it is full or the file ends; returns the bytes read. */
export async function readFully(file: OpenedFile, buf: Uint8Array, offset: number, position: number, path: string): Promise<number> {
  let total = 0;
  try {
    while (offset + total < buf.length) {
      const { bytesRead } = await file.handle.read(buf, offset + total, buf.length - offset - total, position + total);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
  } catch (e) {
    throw fileError(path, e);
  }
  return total;
}

/** A DriftwatchError for a failed open/read. */
export function fileError(path: string, e: unknown): DriftwatchError {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOENT') return new DriftwatchError('FILE_NOT_FOUND', `${path} does not exist; check the path`, { file: path }, { cause: e });
  if (code === 'EISDIR') return new DriftwatchError('FILE_UNREADABLE', `${path} is a directory, not a data file; give the path of a CSV, JSON Lines or Parquet file`, { file: path }, { cause: e });
  if (code === 'EACCES' || code === 'EPERM') return new DriftwatchError('FILE_UNREADABLE', `${path} cannot be read (permission denied); check its permissions`, { file: path }, { cause: e });
  const detail = e instanceof Error ? e.message : String(e);
  return new DriftwatchError('FILE_UNREADABLE', `${path} cannot be read: ${detail}`, { file: path }, { cause: e });
}

/** A failure to write `path` as a DriftwatchError (FILE_UNWRITABLE) that says what to do. */
export function fileWriteError(path: string, e: unknown): DriftwatchError {
  const code = (e as { code?: string } | null)?.code;
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EISDIR'
        ? 'it is a folder'
        : code === 'ENOTDIR' || code === 'ENOENT'
          ? 'its folder does not exist or is a file'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : e instanceof Error
              ? e.message
              : String(e);
  return new DriftwatchError('FILE_UNWRITABLE', `${path} cannot be written (${reason}); choose a path you can write to`, { file: path }, { cause: e });
}
