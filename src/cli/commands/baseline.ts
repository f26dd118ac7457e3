/** `driftwatch baseline set NAME --reference F`: replace the monitored reference without retraining (recorded). */
import { Command } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import type { CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { actorOf, printJson, withStore } from '../store-access.js';

export function createBaselineCommand(ctx: CommandContext): Command {
  const { io } = ctx;
  const cmd = new Command('baseline').summary('the monitored reference baseline');
  cmd.addCommand(new Command('set').argument('<name>').summary("replace the production version's reference baseline without retraining")
    .option('-r, --reference <file>', 'the new reference data').option('--reason <text>', 'why').option('--home <dir>', 'data directory').option('--actor <name>', 'who (default: the OS user)').option('--json', 'print JSON')
    .action(async (name: string, f: { reference?: string; reason?: string; home?: string; actor?: string; json?: boolean }) => {
      if (f.reference === undefined) throw badOption('--reference', 'missing: give the new reference data file');
      const { createRegistry } = await import('../../registry/index.js');
      await withStore(io, f, undefined, async (store) => {
        const file = isAbsolute(f.reference!) ? f.reference! : resolve(io.cwd, f.reference!);
        const d = await createRegistry(store).setReference(name, { file }, { actor: actorOf(f, io), reason: f.reason ?? null });
        if (f.json === true) return printJson(io, d);
        io.stdout.write(`${name}: the reference baseline is now dataset version ${d.version} (${d.rowCount} rows)\n`);
      });
    }));
  return cmd;
}
