/** `driftwatch train`: fit a native model on a data file, report validation metrics, save it (and ONNX). */
import { Command } from 'commander';
// The models module (learners, onnxruntime) loads only when the command runs: --help stays fast.
import { ALGORITHMS, parseParamStrings, type Algorithm } from '../../models/native/params.js';
import { collect, type CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { createOutput } from '../output.js';
import { createByteProgress, createCountProgress } from '../progress.js';
import { wantsColor } from '../io.js';
import { parseChoice, parseDelimiter, parseList, parseNumber, parseSeed } from '../parse-values.js';
import { isRegression } from '../../metrics/index.js';
import { classificationReportLines, metricLines } from '../format-metrics.js';

interface TrainFlags {
  readonly data?: string;
  readonly label?: string;
  readonly algo?: string;
  readonly param?: readonly string[];
  readonly validFraction?: string;
  readonly seed?: string;
  readonly out?: string;
  readonly onnx?: string;
  readonly positiveClass?: string;
  readonly drop?: readonly string[];
  readonly delimiter?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

export function createTrainCommand(ctx: CommandContext): Command {
  return new Command('train')
    .summary('train a model (gbdt, rf, logreg) on a data file')
    .description(
      'Train a native model on a data file: gradient-boosted trees (gbdt), random forest (rf) or logistic ' +
        'regression (logreg; ridge for a numeric label). Holds out a seeded validation split, prints its ' +
        'metrics, and saves the model as Driftwatch JSON (and as ONNX with --onnx). Parameters: docs/models.md.',
    )
    .option('-d, --data <file>', 'training data (CSV, JSON Lines or Parquet)')
    .option('-l, --label <column>', 'the label column')
    .option('-a, --algo <name>', `learner: ${ALGORITHMS.join(', ')} (default: gbdt)`)
    .option('-p, --param <name=value>', 'learner parameter, repeatable, e.g. --param max_depth=4', collect)
    .option('--valid-fraction <x>', 'share of rows held out for validation, 0 to skip (default: 0.2)')
    .option('--seed <n>', 'random seed for the split and the learner (default: 0)')
    .option('-o, --out <file>', 'where to write the model (Driftwatch JSON)')
    .option('--onnx <file>', 'also write the model as ONNX')
    .option('--positive-class <label>', 'binary labels: the positive class (default: 1/true/yes, else the second sorted label)')
    .option('--drop <columns>', 'columns to leave out (comma-separated, repeatable)', collect)
    .option('--delimiter <char>', 'CSV delimiter (default: detected; "tab" for tabs)')
    .option('--json', 'print the validation metrics as JSON on stdout')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', '\nExample:\n  driftwatch train --data churn.csv --label churn --algo gbdt --param n_estimators=200 --out model.json --onnx model.onnx')
    .action(async (flags: TrainFlags) => {
      const { io } = ctx;
      if (flags.data === undefined) throw badOption('--data', 'missing: give the training data file');
      if (flags.label === undefined) throw badOption('--label', 'missing: give the label column');
      if (flags.out === undefined) throw badOption('--out', 'missing: give the file to write the model to, e.g. --out model.json');
      const algo: Algorithm = flags.algo !== undefined ? parseChoice('--algo', flags.algo, ALGORITHMS) : 'gbdt';
      const validFraction = flags.validFraction !== undefined ? parseNumber('--valid-fraction', flags.validFraction, { min: 0, max: 0.95, describe: 'a number from 0 to 0.95' }) : 0.2;
      const seed = flags.seed !== undefined ? parseSeed('--seed', flags.seed) : 0;
      const params = parseParamStrings(flags.param ?? []);
      const out = createOutput(io, { quiet: flags.quiet === true, verbose: false, json: flags.json === true, color: wantsColor(io) });

      const [{ trainAndSave }, { fileIn }] = await Promise.all([import('../../workflows/train/index.js'), import('../../workflows/io/index.js')]);
      const input = fileIn(flags.data, io.cwd);
      const reading = createByteProgress(io, 'reading data', out.mode.quiet);
      const bar = createCountProgress(io, `training ${algo}`, 'trees', out.mode.quiet || out.mode.json);
      const result = await trainAndSave({
        data: input,
        delimiter: parseDelimiter('--delimiter', flags.delimiter),
        onReadProgress: (done, total) => reading.update(done, total),
        onRead: () => reading.stop(),
        onTrainProgress: (done, total) => bar.update(done, total),
        label: flags.label,
        algo,
        params,
        validFraction,
        seed,
        ...(flags.positiveClass !== undefined ? { positiveClass: flags.positiveClass } : {}),
        drop: parseList(flags.drop),
        out: { file: fileIn(flags.out, io.cwd), option: '--out' },
        ...(flags.onnx !== undefined ? { onnx: { file: fileIn(flags.onnx, io.cwd), option: '--onnx' } } : {}),
      }).finally(() => {
        reading.stop();
        bar.stop();
      });
      const { seconds } = result;

      if (out.mode.json) {
        out.result(JSON.stringify({ model: flags.out, onnx: flags.onnx ?? null, algorithm: result.model.card.algorithm, train_rows: result.trainRows, valid_rows: result.validRows, seconds, validation: result.validation }, null, 2) + '\n');
      }
      const sig = result.model.signature;
      out.info(`Trained ${result.model.card.algorithm} on ${result.trainRows} rows of ${input.display} in ${seconds.toFixed(2)} s (${sig.task}${sig.classes ? `: ${sig.classes.join(', ')}; positive class ${sig.positiveClass ?? '-'}` : ''}).`);
      out.info(`Inputs: ${sig.inputs.map((i) => i.name).join(', ')}`);
      for (const ex of result.excluded) out.info(`  left out ${ex.name}: ${ex.reason}`);
      if (result.validation) {
        out.info(`Validation (${result.validRows} rows held out, seed ${seed}):`);
        for (const line of metricLines(result.validation)) out.info(line);
        if (!isRegression(result.validation)) for (const line of ['', ...classificationReportLines(result.validation)]) out.info(line);
      }
      const top = Object.entries(result.model.card.feature_importances['permutation'] ?? result.model.card.feature_importances['gain'] ?? {})
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5);
      if (top.length > 0) out.info(`Most important inputs: ${top.map(([k, v]) => `${k} (${v.toFixed(3)})`).join(', ')}`);
      out.info(`Model written to ${flags.out}${flags.onnx !== undefined ? `; ONNX written to ${flags.onnx}` : ''}`);
    });
}
