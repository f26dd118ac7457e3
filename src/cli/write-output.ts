/** Writing one file named on the command line, with failures reported as bad input rather than as bugs. */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DriftwatchError, isDriftwatchError } from '../core/errors.js';
import { withDisplayPath, type DataFile } from './analyze/settings.js';
import { badOption } from './errors.js';

/**
 * Writes `target` with `write`, creating its folder first. A folder where the file should go is a usage
 * error naming `flag`; any other failure (a file in the way of the folder, no permission, a full disk) is
 * FILE_UNWRITABLE naming the file as the user typed it. `what` is e.g. 'the CSV file'.
 */
export async function writeOutputFile(target: DataFile, flag: string, what: string, write: (path: string) => Promise<unknown>): Promise<void> {
  if ((await stat(target.absolute).catch(() => undefined))?.isDirectory() === true) {
    throw badOption(flag, `${target.display} is a folder; give the name of ${what} to write`);
  }
  try {
    await mkdir(dirname(target.absolute), { recursive: true });
    await write(target.absolute);
  } catch (e) {
    const error = isDriftwatchError(e)
      ? e
      : new DriftwatchError('FILE_UNWRITABLE', `cannot write ${what} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { file: target.absolute }, { cause: e });
    throw withDisplayPath(error, target);
  }
}
