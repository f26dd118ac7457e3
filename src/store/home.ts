/**
 * The data directory: `--home DIR`, else DRIFTWATCH_HOME, else the config file's `home`, else ./.driftwatch.
 * Pure: the runtime passes in what it has.
 */
import { resolve } from 'node:path';

export const DEFAULT_HOME = '.driftwatch';
export const DATABASE_FILE = 'driftwatch.db';
export const ARTIFACTS_FOLDER = 'artifacts';

export interface HomeSources {
  /** The --home flag. */
  readonly flag?: string | undefined;
  /** process.env (DRIFTWATCH_HOME is read from it). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `home:` from the config file, already resolved against the config file's folder. */
  readonly config?: string | undefined;
  /** The folder relative paths are resolved against (the process's working directory). */
  readonly cwd: string;
}

export function resolveHome(sources: HomeSources): string {
  const pick = [sources.flag, sources.env?.['DRIFTWATCH_HOME'], sources.config].find((v) => v !== undefined && v.trim() !== '');
  return resolve(sources.cwd, pick ?? DEFAULT_HOME);
}

/** DATABASE_URL when it names Postgres; anything else means the embedded SQLite database. */
export function databaseUrlFrom(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const url = env['DATABASE_URL'];
  return url !== undefined && url.trim() !== '' ? url.trim() : undefined;
}
