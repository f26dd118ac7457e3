/**
 * Creating an output folder and its missing parents without `mkdir(…, { recursive: true })`: on Node 20
 * that call never returns for a path the file system refuses with ENOENT although the parent exists
 * (anything under /proc, for example): libuv retries the parent, finds it, retries the child, forever, on
 * one core. Here each missing folder is created once, from the deepest existing one down, so a refusal
 * fails at once.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DriftwatchError } from '../core/index.js';

/** Why a folder cannot be made, for people. */
function reason(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOTDIR':
      return 'a file is in the way';
    case 'ENOENT':
      return 'the file system does not allow new folders there';
    default:
      return code ?? (e instanceof Error ? e.message : String(e));
  }
}

function cannotCreate(path: string, e: unknown): DriftwatchError {
  return new DriftwatchError('FILE_UNWRITABLE', `${path} cannot be created as a folder (${reason(e)}); choose a folder you can write to`, { file: path }, { cause: e });
}

/**
 * Makes sure `path` is a folder, creating it and its missing parents; FILE_UNWRITABLE naming the folder
 * that could not be made (or the file in the way) otherwise. Safe against another process creating the
 * same folders at the same time.
 */
export async function makeDirectory(path: string): Promise<void> {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    const info = await stat(at).catch((e: unknown) => e as NodeJS.ErrnoException);
    if (!(info instanceof Error)) {
      if (!info.isDirectory()) throw cannotCreate(missing.at(-1) ?? at, Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }));
      break;
    }
    if (info.code !== 'ENOENT') throw cannotCreate(at, info);
    const parent = dirname(at);
    if (parent === at) throw cannotCreate(at, info);
    missing.push(at);
    at = parent;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    const dir = missing[i]!;
    try {
      await mkdir(dir);
    } catch (e) {
      // Made meanwhile by someone else: fine when it is a folder.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(dir).catch(() => undefined))?.isDirectory() === true) continue;
      throw cannotCreate(dir, e);
    }
  }
}
