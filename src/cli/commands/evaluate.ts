/** `driftwatch evaluate`: metrics of a model (any format) on a labelled data file; --baseline compares two. */
import { Command } from 'commander';
import { collect, type CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { wantsColor } from '../io.js';
import { createOutput } from '../output.js';
import { parseDelimiter, parseList } from '../parse-values.js';
import { isRegression } from '../../metrics/evaluation.js';
import { createByteProgress } from '../progress.js';
import { classificationReportLines, metricLines } from '../format-metrics.js';

interface EvaluateFlags {
  readonly model?: string;
  readonly data?: string;
  readonly label?: string;
  readonly baseline?: string;
  readonly positiveClass?: string;
  readonly features?: readonly string[];
  readonly delimiter?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

export function createEvaluateCommand(ctx: CommandContext): Command {
  return new Command('evaluate')
    .summary('metrics of a model on a labelled data file')
    .description(
      'Evaluate a model — Driftwatch JSON, XGBoost JSON or ONNX, detected by content — on a labelled data file: ' +
        'accuracy, precision, recall, F1, ROC AUC, PR AUC, log loss, Brier score, calibration error and a ' +
        'per-class report (MAE, RMSE, R², MAPE for regression). --baseline evaluates a second model on the ' +
        'same rows and prints both with the change (both models must be of the same task).',
    )
    .option('-m, --model <file>', 'the model file')
    .option('-d, --data <file>', 'labelled data (CSV, JSON Lines or Parquet)')
    .option('-l, --label <column>', "the label column (default: the label the model was trained on)")
    .option('-b, --baseline <file>', 'a second model to compare with')
    .option('--positive-class <label>', 'binary labels: the positive class in the data')
    .option('--features <columns>', "for a model that reads one feature matrix by position: the data's columns in the model's input order", collect)
    .option('--delimiter <char>', 'CSV delimiter (default: detected; "tab" for tabs)')
    .option('--json', 'print the metrics as one JSON object on stdout')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (flags: EvaluateFlags) => {
      const { io } = ctx;
      if (flags.model === undefined) throw badOption('--model', 'missing: give the model file');
      if (flags.data === undefined) throw badOption('--data', 'missing: give the labelled data file');
      const out = createOutput(io, { quiet: flags.quiet === true, verbose: false, json: flags.json === true, color: wantsColor(io) });
      // Loaded on use: --help and the other commands should not pay for the models, the readers and the metrics.
      const [{ evaluateModels }, { fileIn }, { describeInputs }] = await Promise.all([
        import('../../workflows/evaluate/index.js'),
        import('../../workflows/io/index.js'),
        import('../../workflows/model-io/index.js'),
      ]);
      const data = fileIn(flags.data, io.cwd);
      const progress = createByteProgress(io, 'reading data', out.mode.quiet);
      const { label, evaluation: main, baseline, change, inputs, baselineInputs } = await evaluateModels({
        model: fileIn(flags.model, io.cwd),
        ...(flags.baseline !== undefined ? { baseline: fileIn(flags.baseline, io.cwd) } : {}),
        data,
        ...(flags.label !== undefined ? { label: flags.label } : {}),
        labelOption: '--label',
        baselineOption: '--baseline',
        features: parseList(flags.features),
        featuresOption: '--features',
        ...(flags.positiveClass !== undefined ? { positiveClass: flags.positiveClass } : {}),
        delimiter: parseDelimiter('--delimiter', flags.delimiter),
        onReadProgress: (done, total) => progress.update(done, total),
        onRead: () => progress.stop(),
        onWarning: out.warn,
      }).finally(() => progress.stop());
      // Before the metrics (on stderr with --json): which columns each model read.
      out.info(describeInputs(inputs, { featuresOption: '--features', ...(baselineInputs ? { whose: 'Model' } : {}) }));
      if (baselineInputs) out.info(describeInputs(baselineInputs, { featuresOption: '--features', whose: 'Baseline' }));
      if (out.mode.json) {
        out.result(JSON.stringify(baseline ? { model: main, baseline, change } : main, null, 2) + '\n');
        return;
      }
      out.info(`${flags.model} on ${data.display} (${main.n_samples} labelled rows, label "${label}"):`);
      for (const line of metricLines(main, baseline ?? undefined)) out.info(line);
      if (!isRegression(main)) for (const line of ['', ...classificationReportLines(main)]) out.info(line);
    });
}
