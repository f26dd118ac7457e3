/** `driftwatch simulate-drift`: write a copy of a data file with known drift injected. */
import { Command } from 'commander';
import { createRng } from '../../core/index.js';
import { collect, type CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { createOutput } from '../output.js';
import { parseDelimiter, parseSeed } from '../parse-values.js';
import { createByteProgress } from '../progress.js';
import { parseTransform } from '../simulate/parse-transform.js';
import type { DriftTransform, TransformKind } from '../../data/simulate/index.js';

interface SimulateFlags {
  readonly input?: string;
  readonly out?: string;
  readonly shift?: readonly string[];
  readonly scale?: readonly string[];
  readonly noise?: readonly string[];
  readonly resample?: readonly string[];
  readonly missing?: readonly string[];
  readonly seed?: string;
  readonly delimiter?: string;
  readonly quiet?: boolean;
}

/** The seed used when --seed is not given: runs are reproducible either way. */
const DEFAULT_SEED = 1;

export function createSimulateDriftCommand(ctx: CommandContext): Command {
  return new Command('simulate-drift')
    .summary('write a copy of a data file with known drift injected')
    .description(
      'Read a data file, inject drift (covariate shift, scale, noise, prior shift, missing values) and write the ' +
        'result as CSV. Repeat a flag for several columns. Transforms apply in the order resample, shift, scale, ' +
        'noise, missing; the same --seed gives the same file.',
    )
    .option('-i, --input <file>', 'data file to read (CSV, JSON Lines or Parquet)')
    .option('-o, --out <file>', 'CSV file to write')
    .option('--shift <col=amount>', 'add a constant, e.g. --shift monthly_charges=+15', collect)
    .option('--scale <col=factor>', 'stretch around the mean, e.g. --scale tenure=1.5', collect)
    .option('--noise <col=factor>', 'add Gaussian noise with sd = factor x the column std, e.g. --noise tenure=0.3', collect)
    .option('--resample <col=value:weight>', 'prior shift: resample rows so value gets weight x its share, e.g. --resample churn=Yes:1.5', collect)
    .option('--missing <col=fraction>', 'set a fraction of the values to missing, e.g. --missing total_charges=0.2', collect)
    .option('--seed <n>', `random seed (default: ${DEFAULT_SEED})`)
    .option('--delimiter <char>', 'input CSV delimiter (default: detected; "tab" for tabs)')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', '\nExample:\n  driftwatch simulate-drift -i reference.csv -o drifted.csv --shift monthly_charges=+15 --resample churn=Yes:1.5 --seed 7')
    .action(async (flags: SimulateFlags) => {
      const { io } = ctx;
      if (flags.input === undefined) throw badOption('--input', 'missing: give the data file to read');
      if (flags.out === undefined) throw badOption('--out', 'missing: give the CSV file to write');
      const seed = flags.seed !== undefined ? parseSeed('--seed', flags.seed) : DEFAULT_SEED;
      const delimiter = parseDelimiter('--delimiter', flags.delimiter);
      const transforms = collectTransforms(flags);
      if (transforms.length === 0) throw badOption('simulate-drift', 'nothing to do: give at least one of --shift, --scale, --noise, --resample, --missing');

      const [{ simulateDriftTraced }, { passThrough, writePassThroughCsv }, { fileIn, inputFileIn, prepareOutputFolder, readDataWithCellText, refuseOverwritingInput, writeOutputFile }] =
        await Promise.all([import('../../data/simulate/index.js'), import('../../data/index.js'), import('../../workflows/io/index.js')]);
      const out = createOutput(io, { quiet: flags.quiet === true, verbose: false, json: false, color: false });
      const input = inputFileIn(flags.input, io.cwd);
      const target = { file: fileIn(flags.out, io.cwd), option: '--out' };
      await refuseOverwritingInput(target, [{ file: input, option: 'input' }]);
      await prepareOutputFolder(target);
      // Columns the transforms recompute are written formatted; every other cell is copied as read.
      const recomputed = new Set(transforms.filter((t) => t.kind === 'shift' || t.kind === 'scale' || t.kind === 'noise').map((t) => t.column));
      const progress = createByteProgress(io, 'reading input', out.mode.quiet);
      const read = await readDataWithCellText(input, {
        ...(delimiter !== undefined ? { delimiter } : {}),
        onReadProgress: (done, total) => progress.update(done, total),
        keep: (name) => !recomputed.has(name),
      }).finally(() => progress.stop());
      const sim = simulateDriftTraced(read.table, transforms, createRng(seed), { inputName: input.display });
      const drifted = sim.table;
      const columns = drifted.columns.map((c) =>
        sim.rewritten.has(c.name)
          ? { type: 'computed' as const, column: c }
          : passThrough(c.name, c, read, { ...(sim.rows !== undefined ? { rows: sim.rows } : {}), ...(sim.blanked.has(c.name) ? { blanked: c } : {}) }),
      );
      await writeOutputFile(target, 'the CSV file', (path) => writePassThroughCsv(path, columns, drifted.rowCount));
      out.info(`Wrote ${target.file.display} (${drifted.rowCount} rows x ${drifted.names.length} columns, seed ${seed}):`);
      for (const t of transforms) out.info(`  ${t.source}`);
    });
}

function collectTransforms(flags: SimulateFlags): DriftTransform[] {
  const kinds: TransformKind[] = ['resample', 'shift', 'scale', 'noise', 'missing'];
  return kinds.flatMap((k) => (flags[k] ?? []).map((raw) => parseTransform(k, raw)));
}
