/** `driftwatch restore DIR [--home DIR] [--force]`: puts a backup in place as the data directory. */
import { Command } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import type { CommandContext } from '../command-context.js';
import { printJson } from '../store-access.js';

interface Flags {
  readonly home?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

export function createRestoreCommand(ctx: CommandContext): Command {
  const { io } = ctx;
  return new Command('restore')
    .summary('restore a backup made by driftwatch backup into the data directory')
    .argument('<backup>', 'the backup folder')
    .option('--home <dir>', 'data directory to restore into (default: DRIFTWATCH_HOME, ./.driftwatch)')
    .option('--force', 'replace the store already in the data directory (stop servers using it first)')
    .option('--json', 'print the restored manifest as JSON')
    .action(async (backup: string, f: Flags) => {
      const { assertEmbedded, databaseUrlFrom, resolveHome, restoreHome } = await import('../../store/index.js');
      assertEmbedded(databaseUrlFrom(io.env), 'restore');
      const home = resolveHome({ flag: f.home, env: io.env, cwd: io.cwd });
      const from = isAbsolute(backup) ? backup : resolve(io.cwd, backup);
      const manifest = await restoreHome(from, home, { force: f.force === true });
      if (f.json === true) return printJson(io, manifest);
      io.stdout.write(`restored ${from} (made ${manifest.created_at} by Driftwatch ${manifest.driftwatch_version}) into ${home}\n`);
    });
}
