/** `driftwatch evaluate`: metrics of a model (any format) on a labelled data file; --baseline compares two. */
import { Command } from 'commander';
import { DriftwatchError } from '../../core/errors.js';
import { commandLineFile, withDisplayPath } from '../analyze/settings.js';
import type { CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { wantsColor } from '../io.js';
import { createOutput } from '../output.js';
import { parseDelimiter } from '../parse-values.js';
import { classificationReportLines, isRegression, metricLines, type Evaluation } from '../models/format-metrics.js';

interface EvaluateFlags {
  readonly model?: string;
  readonly data?: string;
  readonly label?: string;
  readonly baseline?: string;
  readonly positiveClass?: string;
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
        'same rows and prints both with the change.',
    )
    .option('-m, --model <file>', 'the model file')
    .option('-d, --data <file>', 'labelled data (CSV, JSON Lines or Parquet)')
    .option('-l, --label <column>', "the label column (default: the label the model was trained on)")
    .option('-b, --baseline <file>', 'a second model to compare with')
    .option('--positive-class <label>', 'binary labels: the positive class in the data')
    .option('--delimiter <char>', 'CSV delimiter (default: detected; "tab" for tabs)')
    .option('--json', 'print the metrics as one JSON object on stdout')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (flags: EvaluateFlags) => {
      const { io } = ctx;
      if (flags.model === undefined) throw badOption('--model', 'missing: give the model file');
      if (flags.data === undefined) throw badOption('--data', 'missing: give the labelled data file');
      const out = createOutput(io, { quiet: flags.quiet === true, verbose: false, json: flags.json === true, color: wantsColor(io) });
      // Loaded on use: --help and the other commands should not pay for the models, the readers and the metrics.
      const [{ loadModel }, { readInput }, { evaluateOn }] = await Promise.all([
        import('../../models/index.js'),
        import('../analyze/read-input.js'),
        import('../models/evaluate-model.js'),
      ]);
      const modelFile = commandLineFile(flags.model, io.cwd);
      const { model } = await loadModel(modelFile.absolute, flags.label !== undefined ? { label: flags.label } : {}).catch((e: unknown) => {
        throw withDisplayPath(e, modelFile);
      });
      const label = flags.label ?? model.signature.label;
      if (!label) throw badOption('--label', 'missing: the model does not record its label column; name it');
      const input = commandLineFile(flags.data, io.cwd);
      const table = await readInput(input, io, { delimiter: parseDelimiter('--delimiter', flags.delimiter), quiet: out.mode.quiet, label: 'data' });
      if (!table.column(label)) {
        throw new DriftwatchError('COLUMN_NOT_FOUND', `label column "${label}" is not in ${input.display} (columns: ${table.names.join(', ')})`, { file: input.display, field: 'label' });
      }
      const main = await evaluateOn(model, table, label, flags.positiveClass, input.display, out.warn);
      let baseline: Evaluation | null = null;
      if (flags.baseline !== undefined) {
        const baselineFile = commandLineFile(flags.baseline, io.cwd);
        const b = await loadModel(baselineFile.absolute, { label }).catch((e: unknown) => {
          throw withDisplayPath(e, baselineFile);
        });
        baseline = await evaluateOn(b.model, table, label, flags.positiveClass, input.display, out.warn);
      }
      if (out.mode.json) {
        out.result(JSON.stringify(baseline ? { model: main, baseline, change: change(main, baseline) } : main, null, 2) + '\n');
        return;
      }
      out.info(`${flags.model} on ${input.display} (${main.n_samples} labelled rows, label "${label}"):`);
      for (const line of metricLines(main, baseline ?? undefined)) out.info(line);
      if (!isRegression(main)) for (const line of ['', ...classificationReportLines(main)]) out.info(line);
    });
}

function change(a: Evaluation, b: Evaluation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(a)) {
    const w = (b as unknown as Record<string, unknown>)[k];
    if (typeof v === 'number' && typeof w === 'number' && k !== 'n_samples') out[k] = v - w;
  }
  return out;
}
