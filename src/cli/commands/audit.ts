/** `driftwatch audit …`: the audit log, and the retrain log as CSV (time, trigger, drift share, old and new metric, decision, who, version). */
import { Command } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import type { CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { printJson, withStore } from '../store-access.js';

interface Common {
  readonly home?: string;
  readonly json?: boolean;
  readonly model?: string;
  readonly out?: string;
}

const withCommon = (cmd: Command): Command => cmd.option('--home <dir>', 'data directory (default: DRIFTWATCH_HOME, ./.driftwatch)').option('--model <name>', 'one model\'s events');

export function createAuditCommand(ctx: CommandContext): Command {
  const { io } = ctx;
  const cmd = new Command('audit').summary('the audit log: list, export the retrain log');
  cmd.addCommand(withCommon(new Command('list').summary('every recorded change, oldest first').option('--json', 'print JSON')).action(async (f: Common) => {
    await withStore(io, f, undefined, async (store) => {
      const events = await store.audit.list(f.model !== undefined ? { model: f.model } : {});
      if (f.json === true) return printJson(io, events);
      for (const e of events) io.stdout.write(`${e.at}  ${e.actor.padEnd(12)} ${e.action.padEnd(28)} ${e.subject}  ${JSON.stringify(e.details)}\n`);
    });
  }));
  cmd.addCommand(withCommon(new Command('export').summary('the retrain log as CSV').option('-o, --out <file>', 'e.g. retrain_log.csv')).action(async (f: Common) => {
    if (f.out === undefined) throw badOption('--out', 'missing: give the CSV file to write (e.g. retrain_log.csv)');
    const [{ writeFileAtomic }, { retrainLogCsv }] = await Promise.all([import('../../data/index.js'), import('../../pipeline/index.js')]);
    await withStore(io, f, undefined, async (store) => {
      const { csv, rows } = await retrainLogCsv(store, f.model);
      const out = isAbsolute(f.out!) ? f.out! : resolve(io.cwd, f.out!);
      await writeFileAtomic(out, csv);
      io.stdout.write(`wrote ${rows} retraining record(s) to ${f.out}\n`);
    });
  }));
  return cmd;
}
