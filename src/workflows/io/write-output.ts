/** Writing one file a caller named, with failures reported as bad input rather than as bugs. */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DriftwatchError, isDriftwatchError } from '../../core/errors.js';
import { withDisplayPath, type DataFile } from '../paths/index.js';

/** A file to write and the option that named it (`--out` on the command line), for messages. */
export interface OutputTarget {
  readonly file: DataFile;
  readonly option: string;
}

/**
 * Writes `target` with `write`, creating its folder first. A folder where the file should go is a USAGE
 * error naming the option; any other failure (a file in the way of the folder, no permission, a full disk)
 * is FILE_UNWRITABLE naming the file as the caller gave it. `what` is e.g. 'the CSV file'.
 */
export async function writeOutputFile(target: OutputTarget, what: string, write: (path: string) => Promise<unknown>): Promise<void> {
  const { file, option } = target;
  if ((await stat(file.absolute).catch(() => undefined))?.isDirectory() === true) {
    throw new DriftwatchError('USAGE', `${option}: ${file.display} is a folder; give the name of ${what} to write`, { field: option });
  }
  try {
    await mkdir(dirname(file.absolute), { recursive: true });
    await write(file.absolute);
  } catch (e) {
    const error = isDriftwatchError(e)
      ? e
      : new DriftwatchError('FILE_UNWRITABLE', `cannot write ${what} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { file: file.absolute }, { cause: e });
    throw withDisplayPath(error, file);
  }
}
