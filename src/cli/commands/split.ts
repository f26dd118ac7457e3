/** `driftwatch split`: cut one data file into the reference/current pair, at random (seeded) or by time. */
import { Command } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import type { CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';

interface SplitFlags {
  readonly input?: string;
  readonly outReference?: string;
  readonly outCurrent?: string;
  readonly by?: string;
  readonly timeColumn?: string;
  readonly referenceFraction?: string;
  readonly seed?: string;
}

export function createSplitCommand(ctx: CommandContext): Command {
  const { io } = ctx;
  return new Command('split')
    .summary('split one data file into reference and current')
    .option('-i, --input <file>', 'the data file')
    .option('--out-reference <file>', 'where the reference rows go')
    .option('--out-current <file>', 'where the current rows go')
    .option('--by <how>', 'random (seeded) or time', 'random')
    .option('--time-column <column>', 'with --by time: the time column (earliest rows become the reference)')
    .option('--reference-fraction <share>', 'share of rows in the reference', '0.5')
    .option('--seed <n>', 'seed for --by random', '42')
    .action(async (f: SplitFlags) => {
      if (f.input === undefined) throw badOption('--input', 'missing: give the data file to split');
      if (f.outReference === undefined) throw badOption('--out-reference', 'missing: give the reference file to write');
      if (f.outCurrent === undefined) throw badOption('--out-current', 'missing: give the current file to write');
      if (f.by !== 'random' && f.by !== 'time') throw badOption('--by', `must be random or time, got "${String(f.by)}"`);
      const fraction = Number(f.referenceFraction);
      if (!(fraction > 0 && fraction < 1)) throw badOption('--reference-fraction', `must be a number between 0 and 1, got "${String(f.referenceFraction)}"`);
      const seed = Number(f.seed);
      if (!Number.isInteger(seed)) throw badOption('--seed', `must be a whole number, got "${String(f.seed)}"`);
      if (f.by === 'time' && f.timeColumn === undefined) throw badOption('--time-column', 'missing: --by time needs the time column');
      const abs = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
      const [data, { createRng }] = await Promise.all([import('../../data/index.js'), import('../../core/index.js')]);
      const table = await data.readTable(abs(f.input));
      const n = table.rowCount;
      let order = Array.from({ length: n }, (_, i) => i);
      if (f.by === 'random') {
        const rng = createRng(seed);
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(rng.next() * (i + 1));
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
      } else {
        const col = table.column(f.timeColumn!);
        if (col === undefined) throw data.columnNotFound('--time-column', f.timeColumn!, table.names, f.input);
        const key = (i: number): number => (col.storage === 'numeric' ? col.values[i]! : Date.parse(data.categoryAt(col, i) ?? ''));
        order = order.sort((a, b) => (key(a) || 0) - (key(b) || 0) || a - b);
      }
      const cut = Math.round(n * fraction);
      const refRows = order.slice(0, cut).sort((a, b) => a - b);
      const curRows = order.slice(cut).sort((a, b) => a - b);
      await data.writeCsv(data.selectRows(table, Int32Array.from(refRows)), abs(f.outReference));
      await data.writeCsv(data.selectRows(table, Int32Array.from(curRows)), abs(f.outCurrent));
      io.stdout.write(`wrote ${refRows.length} reference rows to ${f.outReference} and ${curRows.length} current rows to ${f.outCurrent}\n`);
    });
}
