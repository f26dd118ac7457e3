/**
 * An advisory lock on a folder, so that two processes replacing a set of files there (two `analyze` runs
 * with the same --out) do it one after the other and leave one run's complete set, never a mix. The lock
 * is a file created with O_EXCL holding the owner's pid; it is held only for the few renames that swap a
 * staged set in, so waiting for it is short. A lock whose process is gone (killed mid-swap) is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DriftwatchError } from '../core/index.js';

export const LOCK_FILE_NAME = '.driftwatch.lock';

export interface FolderLockOptions {
  /** Called once when another process holds the lock and this one starts waiting (pid, or undefined). */
  readonly onWait?: (holderPid: number | undefined) => void;
  /** How long to wait before giving up (default 60 s: the holder only renames a few files). */
  readonly timeoutMs?: number;
}

export interface FolderLock {
  release(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holderOf(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Takes the lock on `folder` (which must exist), waiting for another holder to finish. */
export async function lockFolder(folder: string, options: FolderLockOptions = {}): Promise<FolderLock> {
  const path = join(folder, LOCK_FILE_NAME);
  const timeoutMs = options.timeoutMs ?? 60_000;
  // Time is counted in the pauses taken, not read from a clock: only the waiting matters here.
  let waitedMs = 0;
  let pidlessMs = 0;
  let delay = 5;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          await rm(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DriftwatchError('FILE_UNWRITABLE', `cannot create ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)}); choose a folder you can write to`, { file: path }, { cause: e });
      }
    }
    const pid = await holderOf(path);
    pidlessMs = pid === undefined ? pidlessMs + delay : 0;
    // A holder that died, or a lock file left without a pid for a while (a crash between create and write).
    if ((pid !== undefined && pid !== process.pid && !processAlive(pid)) || pidlessMs > 5_000) {
      await rm(path, { force: true });
      pidlessMs = 0;
      continue;
    }
    if (waitedMs > timeoutMs) {
      throw new DriftwatchError(
        'CONFLICT',
        `another driftwatch run${pid !== undefined ? ` (pid ${pid})` : ''} has been writing to ${folder} for over ${Math.round(timeoutMs / 1000)} s; ` +
          `wait for it, or delete ${path} if no run is active`,
        { file: path },
      );
    }
    if (waitedMs === 0) options.onWait?.(pid);
    await sleep(delay);
    waitedMs += delay;
    delay = Math.min(200, delay * 2);
  }
}
