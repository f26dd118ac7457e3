/** `driftwatch backup --out DIR [--home DIR]`: a consistent copy of the embedded store (database and artifacts). */
import { Command } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import type { CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { printJson } from '../store-access.js';

interface Flags {
  readonly out?: string;
  readonly home?: string;
  readonly json?: boolean;
}

export function createBackupCommand(ctx: CommandContext): Command {
  const { io } = ctx;
  return new Command('backup')
    .summary('copy the embedded store (database and artifacts) into a new folder, while it may be in use')
    .option('-o, --out <dir>', 'the backup folder to create (must not exist, or be empty)')
    .option('--home <dir>', 'data directory (default: DRIFTWATCH_HOME, ./.driftwatch)')
    .option('--json', 'print the manifest as JSON')
    .addHelpText('after', '\nThe folder holds driftwatch.db (SQLite online backup), artifacts/ and manifest.json (docs/backup.md).\nFor a PostgreSQL store (DATABASE_URL), use pg_dump and copy the artifacts folder.')
    .action(async (f: Flags) => {
      if (f.out === undefined || f.out.trim() === '') throw badOption('--out', 'missing: give the folder to write the backup to (e.g. --out backups/2026-12-06)');
      const { assertEmbedded, backupHome, databaseUrlFrom, resolveHome } = await import('../../store/index.js');
      assertEmbedded(databaseUrlFrom(io.env), 'backup');
      const home = resolveHome({ flag: f.home, env: io.env, cwd: io.cwd });
      const out = isAbsolute(f.out) ? f.out : resolve(io.cwd, f.out);
      const manifest = await backupHome(home, out);
      if (f.json === true) return printJson(io, manifest);
      io.stdout.write(`backed up ${home} to ${out}: database ${formatBytes(manifest.database.bytes)} (${manifest.database.migrations.length} migrations), ${manifest.artifacts.files} artifact file(s), ${formatBytes(manifest.artifacts.bytes)}\n`);
    });
}

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
