/**
 * Backup and restore of the embedded store (a data directory with SQLite's `driftwatch.db` and the
 * `artifacts` folder). A backup is a folder:
 *
 *   <out>/manifest.json     {"format": "driftwatch-backup", "format_version": 1, "created_at", "driftwatch_version",
 *                            "database": {"file": "driftwatch.db", "bytes", "sha256", "migrations": [...]},
 *                            "artifacts": {"folder": "artifacts", "files", "bytes"}}
 *   <out>/driftwatch.db     a consistent copy made with SQLite's online backup API (the store may be in use)
 *   <out>/artifacts/…       the artifact files, same layout as in the data directory
 *
 * The database is copied first and the artifacts after it: an artifact is written before any row refers to
 * it, so every artifact the copied database names is in the copy (an artifact stored meanwhile is an
 * unreferenced extra, harmless). Postgres is backed up with pg_dump, not here.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DriftwatchError, DRIFTWATCH_VERSION } from '../core/index.js';
import { ARTIFACTS_FOLDER, DATABASE_FILE } from './home.js';

export const BACKUP_FORMAT = 'driftwatch-backup';
export const BACKUP_FORMAT_VERSION = 1;
const MANIFEST = 'manifest.json';

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly format_version: number;
  readonly created_at: string;
  readonly driftwatch_version: string;
  readonly database: { readonly file: string; readonly bytes: number; readonly sha256: string; readonly migrations: readonly string[] };
  readonly artifacts: { readonly folder: string; readonly files: number; readonly bytes: number };
}

/** Refuses a Postgres store: its data is not in the data directory. */
export function assertEmbedded(databaseUrl: string | undefined, what: 'backup' | 'restore'): void {
  if (databaseUrl === undefined || databaseUrl.trim() === '') return;
  throw new DriftwatchError(
    'USAGE',
    `driftwatch ${what} works on the embedded SQLite store, but DATABASE_URL names a PostgreSQL database: ${what === 'backup' ? 'back it up with pg_dump (e.g. pg_dump -Fc "$DATABASE_URL" > driftwatch.dump)' : 'restore it with pg_restore'} and copy the artifacts folder of the data directory alongside; or unset DATABASE_URL to ${what} the embedded store`,
    { field: 'DATABASE_URL' },
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

async function isEmptyDir(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function treeSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  if (!(await exists(dir))) return { files, bytes };
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

function migrationsOf(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DriftwatchError('ARTIFACT_CORRUPT', `the database copy ${file} fails SQLite's integrity check (${String(check)})`, { file });
    const hasTable = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get() !== undefined;
    return hasTable ? (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name) : [];
  } finally {
    db.close();
  }
}

/** Copies the data directory `home` into the new folder `out`; returns the manifest written. */
export async function backupHome(home: string, out: string, now: () => number = Date.now): Promise<BackupManifest> {
  const dbFile = join(home, DATABASE_FILE);
  if (!(await exists(dbFile))) throw new DriftwatchError('FILE_NOT_FOUND', `there is no Driftwatch store in ${home} (no ${DATABASE_FILE}); give the data directory with --home`, { file: dbFile });
  if (!(await isEmptyDir(out))) throw new DriftwatchError('CONFLICT', `the backup folder ${out} already exists and is not empty; give a new folder to --out`, { file: out, field: 'out' });
  // Written beside the target and renamed at the end: a failed backup leaves no folder that looks complete.
  const partial = `${out}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  try {
    await mkdir(partial, { recursive: true });
    const source = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true, timeout: 10_000 });
    try {
      await source.backup(join(partial, DATABASE_FILE));
    } finally {
      source.close();
    }
    const artifacts = join(home, ARTIFACTS_FOLDER);
    if (await exists(artifacts)) await cp(artifacts, join(partial, ARTIFACTS_FOLDER), { recursive: true, errorOnExist: true, force: false });
    else await mkdir(join(partial, ARTIFACTS_FOLDER));
    const copied = join(partial, DATABASE_FILE);
    // The copy keeps the source's WAL mode; made a rollback-journal database it is one self-contained file
    // (the store turns WAL back on when it opens the restored file).
    const copy = new BetterSqlite3(copied);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      format_version: BACKUP_FORMAT_VERSION,
      created_at: new Date(now()).toISOString(),
      driftwatch_version: DRIFTWATCH_VERSION,
      database: { file: DATABASE_FILE, bytes: (await stat(copied)).size, sha256: await sha256File(copied), migrations: migrationsOf(copied) },
      artifacts: { folder: ARTIFACTS_FOLDER, ...(await treeSize(join(partial, ARTIFACTS_FOLDER))) },
    };
    await writeFile(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(out, { recursive: true, force: true });
    await rename(partial, out);
    return manifest;
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    throw e;
  }
}

export async function readManifest(backup: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(backup, MANIFEST), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !(await exists(backup))) throw new DriftwatchError('FILE_NOT_FOUND', `the backup ${backup} does not exist`, { file: backup });
    throw new DriftwatchError('FILE_FORMAT', `${backup} is not a Driftwatch backup (no readable ${MANIFEST}: ${code ?? (e as Error).message}); give the folder written by driftwatch backup --out`, { file: backup });
  }
  let m: Partial<BackupManifest>;
  try {
    m = JSON.parse(text) as Partial<BackupManifest>;
  } catch {
    throw new DriftwatchError('FILE_FORMAT', `the backup's ${MANIFEST} is not valid JSON`, { file: join(backup, MANIFEST) });
  }
  if (m.format !== BACKUP_FORMAT || typeof m.database?.sha256 !== 'string') throw new DriftwatchError('FILE_FORMAT', `${backup} is not a Driftwatch backup (its manifest says format ${JSON.stringify(m.format)})`, { file: backup });
  if ((m.format_version ?? 0) > BACKUP_FORMAT_VERSION) throw new DriftwatchError('FILE_FORMAT', `the backup is format ${m.format_version}, newer than this Driftwatch reads (${BACKUP_FORMAT_VERSION}); upgrade Driftwatch`, { file: backup });
  return m as BackupManifest;
}

/**
 * Puts a backup in place as the data directory `home`. Refuses a home that holds a store or artifacts
 * unless `force` (then they are replaced; other files there, such as a config, are left alone). The database's checksum is verified before anything is touched.
 */
export async function restoreHome(backup: string, home: string, options: { readonly force?: boolean } = {}): Promise<BackupManifest> {
  const manifest = await readManifest(backup);
  const dbCopy = join(backup, manifest.database.file);
  if (!(await exists(dbCopy))) throw new DriftwatchError('FILE_FORMAT', `the backup has no ${manifest.database.file}; it is incomplete`, { file: backup });
  if ((await sha256File(dbCopy)) !== manifest.database.sha256) throw new DriftwatchError('ARTIFACT_CORRUPT', `the backup's database ${dbCopy} does not match the checksum in its manifest; the backup is damaged`, { file: dbCopy });
  const occupied = (await exists(join(home, DATABASE_FILE))) || !(await isEmptyDir(join(home, ARTIFACTS_FOLDER)));
  if (occupied && options.force !== true) {
    throw new DriftwatchError('CONFLICT', `the data directory ${home} already holds a Driftwatch store; restoring would replace it. Stop any server using it and pass --force to replace it, or restore into an empty folder (--home)`, { file: home, field: 'home' });
  }
  await mkdir(home, { recursive: true });
  // Copied under temporary names first, then swapped in: a failed copy leaves the old store as it was.
  const stage = join(home, `.restore-${process.pid}`);
  await rm(stage, { recursive: true, force: true });
  try {
    await mkdir(stage);
    await cp(dbCopy, join(stage, DATABASE_FILE));
    const artifacts = join(backup, manifest.artifacts.folder);
    if (await exists(artifacts)) await cp(artifacts, join(stage, ARTIFACTS_FOLDER), { recursive: true });
    else await mkdir(join(stage, ARTIFACTS_FOLDER));
    // The old database's WAL and shared-memory files belong to the old database: they go with it.
    for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, `${DATABASE_FILE}-journal`]) await rm(join(home, f), { force: true });
    await rm(join(home, ARTIFACTS_FOLDER), { recursive: true, force: true });
    await rename(join(stage, DATABASE_FILE), join(home, DATABASE_FILE));
    await rename(join(stage, ARTIFACTS_FOLDER), join(home, ARTIFACTS_FOLDER));
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
  return manifest;
}
