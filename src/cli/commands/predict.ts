/** `driftwatch predict`: add prediction and probability columns to a data file. */
import { Command } from 'commander';
import type { Column } from '../../data/index.js';
import { commandLineFile, withDisplayPath } from '../analyze/settings.js';
import { collect, type CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { wantsColor } from '../io.js';
import { createOutput } from '../output.js';
import { parseDelimiter, parseList } from '../parse-values.js';
import { writeOutputFile } from '../write-output.js';

interface PredictFlags {
  readonly model?: string;
  readonly data?: string;
  readonly out?: string;
  readonly label?: string;
  readonly features?: readonly string[];
  readonly delimiter?: string;
  readonly quiet?: boolean;
}

export function createPredictCommand(ctx: CommandContext): Command {
  return new Command('predict')
    .summary('add prediction and probability columns to a data file')
    .description(
      'Run a model — Driftwatch JSON, XGBoost JSON or ONNX — on a data file and write the input columns plus ' +
        '`prediction` and, for classifiers, `probability` (binary: of the positive class) or ' +
        '`probability_<class>` (multiclass), as CSV.',
    )
    .option('-m, --model <file>', 'the model file')
    .option('-d, --data <file>', 'data to predict on (CSV, JSON Lines or Parquet)')
    .option('-o, --out <file>', 'CSV file to write')
    .option('-l, --label <column>', 'a label column to leave out of positional model inputs')
    .option('--features <columns>', 'column names, in order, for a model that reads one feature matrix by position', collect)
    .option('--delimiter <char>', 'CSV delimiter (default: detected; "tab" for tabs)')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (flags: PredictFlags) => {
      const { io } = ctx;
      if (flags.model === undefined) throw badOption('--model', 'missing: give the model file');
      if (flags.data === undefined) throw badOption('--data', 'missing: give the data file');
      if (flags.out === undefined) throw badOption('--out', 'missing: give the CSV file to write');
      const out = createOutput(io, { quiet: flags.quiet === true, verbose: false, json: false, color: wantsColor(io) });
      const features = parseList(flags.features);
      const modelFile = commandLineFile(flags.model, io.cwd);
      // Loaded on use: --help and the other commands should not pay for the models and the readers.
      const [{ loadModel }, { readInput }, { categoricalColumn, createTable, numericColumn, writeCsv }] = await Promise.all([
        import('../../models/index.js'),
        import('../analyze/read-input.js'),
        import('../../data/index.js'),
      ]);
      const { model, format } = await loadModel(modelFile.absolute, {
        ...(flags.label !== undefined ? { label: flags.label } : {}),
        ...(features.length > 0 ? { featureNames: features } : {}),
      }).catch((e: unknown) => {
        throw withDisplayPath(e, modelFile);
      });
      const input = commandLineFile(flags.data, io.cwd);
      const table = await readInput(input, io, { delimiter: parseDelimiter('--delimiter', flags.delimiter), quiet: out.mode.quiet, label: 'data' });
      const started = performance.now();
      const result = await model.predict(table).catch((e: unknown) => {
        throw withDisplayPath(e, input);
      });
      const seconds = (performance.now() - started) / 1000;

      const added: Column[] = [];
      const sig = model.signature;
      if (sig.task === 'regression') {
        added.push(numericColumn('prediction', result.values!));
      } else {
        const classes = sig.classes!;
        added.push(categoricalColumn('prediction', result.labels!));
        const p = result.probabilities!;
        const k = classes.length;
        if (k === 2) {
          const pos = sig.positiveClass !== null ? classes.indexOf(sig.positiveClass) : 1;
          added.push(numericColumn('probability', Float64Array.from({ length: table.rowCount }, (_, i) => p[i * 2 + pos]!)));
        } else {
          classes.forEach((c, j) => added.push(numericColumn(`probability_${c}`, Float64Array.from({ length: table.rowCount }, (_, i) => p[i * k + j]!))));
        }
      }
      const replaced = added.filter((c) => table.column(c.name) !== undefined).map((c) => c.name);
      if (replaced.length > 0) out.warn(`the data already has ${replaced.join(', ')}; replaced by the model's output`);
      const outTable = createTable([...table.columns.filter((c) => !replaced.includes(c.name)), ...added]);
      const target = commandLineFile(flags.out, io.cwd);
      await writeOutputFile(target, '--out', 'the CSV file', (path) => writeCsv(outTable, path));
      out.info(`Predicted ${table.rowCount} rows with ${flags.model} (${format}, ${sig.task}) in ${seconds.toFixed(2)} s; wrote ${target.display}`);
    });
}
