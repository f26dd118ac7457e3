import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Writes `data` to `path` so that readers see either the old file or the complete new one, never a
 * partial file: write a temporary file beside it, flush it to disk, then rename it over the target
 * (rename is atomic within a directory). The temporary file is removed if anything fails.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  counter += 1;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${counter}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
