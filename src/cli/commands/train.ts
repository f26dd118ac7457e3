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
import { isRegression } from '../../metrics/evaluation.js';
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
        'regression (logreg; ridge for a numeric label). Holds out a seeded validation split, prints the metrics ' +
        'of the model fitted on the other rows, then refits on every row and saves that model as Driftwatch JSON ' +
        '(and as ONNX with --onnx). Parameters and defaults: docs/models.md.',
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

      const [{ trainAndSave }, { fileIn }, { permutationScore }] = await Promise.all([import('../../workflows/train/index.js'), import('../../workflows/io/index.js'), import('../../models/index.js')]);
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
        const card = result.model.card;
        out.result(
          JSON.stringify(
            {
              model: flags.out,
              onnx: flags.onnx ?? null,
              algorithm: card.algorithm,
              train_rows: result.trainRows,
              valid_rows: result.validRows,
              model_rows: result.modelRows,
              seconds,
              parameters: card.parameters,
              validation: result.validation,
              feature_importances: card.feature_importances,
              feature_importance_definitions: card.feature_importance_definitions ?? {},
            },
            null,
            2,
          ) + '\n',
        );
      }
      const sig = result.model.signature;
      const rounds = result.rounds !== null ? ` with ${result.rounds} boosting rounds` : '';
      out.info(`Trained ${result.model.card.algorithm} on ${result.modelRows} rows of ${input.display}${rounds} in ${seconds.toFixed(2)} s (${sig.task}${sig.classes ? `: ${sig.classes.join(', ')}; positive class ${sig.positiveClass ?? '-'}` : ''}).`);
      out.info(`Inputs: ${sig.inputs.map((i) => i.name).join(', ')}`);
      for (const ex of result.excluded) out.info(`  left out ${ex.name}: ${ex.reason}`);
      if (result.validation) {
        const refit = result.modelRows > result.trainRows ? `; the saved model is then refit on all ${result.modelRows} rows` : '';
        out.info(`Validation (${result.validRows} rows held out, seed ${seed}; model fitted on the other ${result.trainRows}${refit}):`);
        for (const line of metricLines(result.validation)) out.info(line);
        if (!isRegression(result.validation)) for (const line of ['', ...classificationReportLines(result.validation)]) out.info(line);
      }
      for (const line of importanceLines(result.model.card.feature_importances, permutationScore(sig.classes))) out.info(line);
      out.info(`Model written to ${flags.out}${flags.onnx !== undefined ? `; ONNX written to ${flags.onnx}` : ''}`);
    });
}

/** The top inputs by each kind of importance, each line saying what its numbers are. */
function importanceLines(importances: Readonly<Record<string, Readonly<Record<string, number>>>>, score: string): string[] {
  const titles: Record<string, string> = {
    permutation: `Permutation importance (drop in validation ${score} when the column is shuffled; not a share)`,
    gain: 'Gain importance (share of the total split gain; sums to 1)',
    coefficient: 'Coefficient importance (share of the summed |coefficient| on standardised inputs; sums to 1)',
  };
  const lines: string[] = [];
  for (const [kind, title] of Object.entries(titles)) {
    const top = Object.entries(importances[kind] ?? {})
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    if (top.length > 0) lines.push(`${title}: ${top.map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}`);
  }
  return lines;
}
