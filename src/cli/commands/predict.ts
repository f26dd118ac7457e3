/** `driftwatch predict`: add prediction and probability columns to a data file. */
import { Command } from 'commander';
import { collect, type CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { wantsColor } from '../io.js';
import { createOutput } from '../output.js';
import { parseDelimiter, parseList } from '../parse-values.js';
import { createByteProgress } from '../progress.js';

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
        '`probability_<class>` (multiclass), as CSV. A model with named inputs reads its columns by name and ' +
        'passes the others through; a model that reads one feature matrix by position (XGBoost, an ONNX graph ' +
        'with one matrix input) needs the columns besides --label to be exactly its inputs, or --features to map them.',
    )
    .option('-m, --model <file>', 'the model file')
    .option('-d, --data <file>', 'data to predict on (CSV, JSON Lines or Parquet)')
    .option('-o, --out <file>', 'CSV file to write')
    .option('-l, --label <column>', 'the label column, if the data has one: never a model input')
    .option('--features <columns>', "for a model that reads one feature matrix by position: the data's columns in the model's input order", collect)
    .option('--delimiter <char>', 'CSV delimiter (default: detected; "tab" for tabs)')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (flags: PredictFlags) => {
      const { io } = ctx;
      if (flags.model === undefined) throw badOption('--model', 'missing: give the model file');
      if (flags.data === undefined) throw badOption('--data', 'missing: give the data file');
      if (flags.out === undefined) throw badOption('--out', 'missing: give the CSV file to write');
      const out = createOutput(io, { quiet: flags.quiet === true, verbose: false, json: false, color: wantsColor(io) });
      // Loaded on use: --help and the other commands should not pay for the models and the readers.
      const [{ predictToCsv }, { fileIn, inputFileIn }, { describeInputs }] = await Promise.all([
        import('../../workflows/predict/index.js'),
        import('../../workflows/io/index.js'),
        import('../../workflows/model-io/index.js'),
      ]);
      const data = inputFileIn(flags.data, io.cwd);
      const target = fileIn(flags.out, io.cwd);
      const progress = createByteProgress(io, 'reading data', out.mode.quiet);
      const result = await predictToCsv({
        model: fileIn(flags.model, io.cwd),
        data,
        out: { file: target, option: '--out' },
        ...(flags.label !== undefined ? { label: flags.label } : {}),
        features: parseList(flags.features),
        featuresOption: '--features',
        delimiter: parseDelimiter('--delimiter', flags.delimiter),
        onReadProgress: (done, total) => progress.update(done, total),
        onRead: () => progress.stop(),
        onWarning: out.warn,
      }).finally(() => progress.stop());
      out.info(describeInputs(result.inputs, { featuresOption: '--features' }));
      out.info(`Predicted ${result.rows} rows with ${flags.model} (${result.format}, ${result.signature.task}) in ${result.seconds.toFixed(2)} s; wrote ${target.display}`);
    });
}
