/** `driftwatch evaluate`: metrics of a model (any format) on a labelled data file; --baseline compares two. */
import { Command } from 'commander';
import { DriftwatchError } from '../../core/errors.js';
import { selectRows } from '../../data/index.js';
import type { Table } from '../../data/table.js';
import { evaluateClassifier, evaluateRegressor } from '../../metrics/evaluate.js';
import type { Model } from '../../models/model.js';
import { commandLineFile } from '../analyze/settings.js';
import { readInput, withDisplayPath } from '../analyze/read-input.js';
import type { CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { wantsColor } from '../io.js';
import { createOutput } from '../output.js';
import { parseDelimiter } from '../parse-values.js';
import { classificationReportLines, isRegression, metricLines, type Evaluation } from '../models/format-metrics.js';
import { alignLabels } from '../models/label-alignment.js';

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
      const { loadModel } = await import('../../models/index.js');
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

async function evaluateOn(model: Model, table: Table, label: string, positiveClass: string | undefined, source: string, warn: (s: string) => void): Promise<Evaluation> {
  const col = table.column(label)!;
  if (model.signature.task === 'regression') {
    if (col.storage !== 'numeric') throw new DriftwatchError('INVALID_ARGUMENT', `label "${label}" must be numeric for a regression model`, { file: source, field: label });
    const keep = Int32Array.from(Array.from(col.values).flatMap((v, i) => (Number.isNaN(v) ? [] : [i])));
    const rows = keep.length === table.rowCount ? table : selectRows(table, keep);
    const pred = await model.predict(rows);
    return evaluateRegressor(Float64Array.from(keep, (i) => col.values[i]!), pred.values!);
  }
  const aligned = alignLabels(col, model.signature.classes!, positiveClass);
  if (aligned.note) warn(aligned.note);
  if (aligned.rows.length === 0) throw new DriftwatchError('NO_DATA', `label column "${label}" has no values`, { file: source, field: label });
  const rows = aligned.rows.length === table.rowCount ? table : selectRows(table, aligned.rows);
  const pred = await model.predict(rows);
  const classes = model.signature.classes!;
  return evaluateClassifier(aligned.y, pred.probabilities!, { classes, ...(model.signature.positiveClass ? { positiveClass: model.signature.positiveClass } : {}) });
}

function change(a: Evaluation, b: Evaluation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(a)) {
    const w = (b as unknown as Record<string, unknown>)[k];
    if (typeof v === 'number' && typeof w === 'number' && k !== 'n_samples') out[k] = v - w;
  }
  return out;
}
