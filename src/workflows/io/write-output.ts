/** Writing one file a caller named, with failures reported as bad input rather than as bugs. */
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DriftwatchError, isDriftwatchError } from '../../core/index.js';
import { makeDirectory } from '../../data/index.js';
import { withDisplayPath, type DataFile } from '../paths/index.js';

/** A file to write and the option that named it (`--out` on the command line), for messages. */
export interface OutputTarget {
  readonly file: DataFile;
  readonly option: string;
}

/**
 * Refuses an output that is one of the inputs (the same file by another name, a symlink or a hard link
 * included): writing it would destroy the data being read. Called before reading, so nothing is lost.
 */
export async function refuseOverwritingInput(target: OutputTarget, inputs: readonly { readonly file: DataFile; readonly option: string }[]): Promise<void> {
  const out = await stat(target.file.absolute).catch(() => undefined);
  if (out === undefined) return;
  for (const { file, option } of inputs) {
    const inp = await stat(file.absolute).catch(() => undefined);
    if (inp !== undefined && inp.dev === out.dev && inp.ino === out.ino) {
      const alias = file.display === target.file.display ? '' : ` (${target.file.display} is ${file.display})`;
      throw new DriftwatchError(
        'USAGE',
        `${target.option}: ${target.file.display} is the ${option} file${alias}; writing it would destroy the input: give another file name`,
        { field: target.option },
      );
    }
  }
}

/** Creates the folder `target` goes into, before any work, so that an impossible path fails at once. */
export async function prepareOutputFolder(target: OutputTarget): Promise<void> {
  const folder = { absolute: dirname(target.file.absolute), display: dirname(target.file.display) };
  await makeDirectory(folder.absolute).catch((e: unknown) => Promise.reject(withDisplayPath(e, folder)));
}

/**
 * Writes `target` with `write`, creating its folder first (data/make-directory.ts: a folder the file system
 * refuses fails at once). The writers are atomic themselves (writeFileAtomic). A folder where the file should
 * go is a USAGE error naming the option; any other failure (a file in the way of the folder, no permission, a
 * full disk) is FILE_UNWRITABLE naming the file as the caller gave it. `what` is e.g. 'the CSV file'.
 */
export async function writeOutputFile(target: OutputTarget, what: string, write: (path: string) => Promise<unknown>): Promise<void> {
  const { file, option } = target;
  if ((await stat(file.absolute).catch(() => undefined))?.isDirectory() === true) {
    throw new DriftwatchError('USAGE', `${option}: ${file.display} is a folder; give the name of ${what} to write`, { field: option });
  }
  await prepareOutputFolder(target);
  try {
    await write(file.absolute);
  } catch (e) {
    const error = isDriftwatchError(e)
      ? e
      : new DriftwatchError('FILE_UNWRITABLE', `cannot write ${what} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { file: file.absolute }, { cause: e });
    throw withDisplayPath(error, file);
  }
}
