/** `driftwatch analyze`: compare a reference and a current data file and write drift reports. */
import { Command, Option } from 'commander';
import type { DriftwatchConfig } from '../../runtime/config/index.js';
import { resolveSettings, type AnalyzeFlags } from '../analyze/settings.js';
import { collect, type CommandContext } from '../command-context.js';
import { wantsColor } from '../io.js';
import { createOutput } from '../output.js';

interface AnalyzeCliFlags extends AnalyzeFlags {
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly color?: boolean;
}

export function createAnalyzeCommand(ctx: CommandContext): Command {
  return new Command('analyze')
    .summary('compare a reference and a current data file for drift')
    .description(
      'Compare a reference (baseline) and a current data file column by column and over the whole dataset, ' +
        'print a summary and write the reports. Files: CSV, JSON Lines or Parquet. Flags override the config file.',
    )
    .option('-r, --reference <file>', 'reference (baseline) data file')
    .option('-c, --current <file>', 'current data file to compare with the reference')
    .option('--label <column>', 'label (target) column: analysed as target drift')
    .option('--prediction <columns>', 'prediction / probability column(s), comma-separated', collect)
    .option('--config <file>', 'YAML config file (see docs/config.md)')
    .option('-o, --out <dir>', 'folder for report files (default: reports)')
    .option('-f, --format <list>', 'outputs: terminal,json,csv,html,png (default: all)', collect)
    .option('--preset <name>', 'method-selection preset: default, evidently, classic (default: default)')
    .option('--stattest <method>', 'one drift method for every column, e.g. ks, psi, wasserstein, chi2')
    .option('--threshold <number>', 'threshold for --stattest (or for the preset\'s main test)')
    .option('--drift-share <number>', 'share of drifted columns that makes dataset drift (default: 0.5)')
    .option('--correction <name>', 'multiple-testing correction: none, bonferroni, benjamini-hochberg (default: none)')
    .option('--psi-bins <n>', 'reference-quantile bins for PSI (default: 10)')
    .option('--drop <columns>', 'columns to leave out, comma-separated', collect)
    .option('--categorical <columns>', 'treat these columns as categorical', collect)
    .option('--numerical <columns>', 'treat these columns as numerical', collect)
    .option('--id <columns>', 'identifier columns (excluded from analysis)', collect)
    .option('--timestamp <column>', 'timestamp column (excluded from analysis)')
    .option('--delimiter <char>', 'CSV delimiter (default: detected; "tab" for tabs)')
    .option('--decimal <mark>', 'decimal mark of numbers: auto, "." or "," (default: auto, detects 1,5 in ;-separated files)')
    .option('--missing-values <list>', 'markers read as missing, ignoring case (default: na,n/a,nan,null,none,#n/a; empty always)', collect)
    .option('--workers <n>', 'threads for the analysis, this one included (default: one per core)')
    .option('--fail-on-drift', 'exit with code 1 when dataset drift is found')
    .option('--model <file>', 'model to run on both files (native JSON, ONNX, XGBoost JSON): prediction drift, confidence, performance')
    .option('--performance-metric <name>', 'metric the performance alert watches: f1, accuracy, balanced_accuracy, roc_auc; mae, rmse, r2 (default: f1, or r2 for regression)')
    .option('--max-drop <number>', 'performance alert when the metric drops by more than this (default: 0.05)')
    .option('--low-confidence <p>', 'top-class probability below which a row is low confidence (default: 0.6)')
    .option('--fail-on-performance', 'exit with code 1 when the performance alert fires (needs --model and the label in both files)')
    .option('-q, --quiet', 'print only the alert lines (drift, performance) and errors')
    .option('--json', 'print the JSON report on stdout (and nothing else on stdout)')
    .option('-v, --verbose', 'print timings and details on stderr')
    .addOption(new Option('--no-color', 'no colours in the terminal summary'))
    .addHelpText(
      'after',
      '\nExit codes: 0 analysed, 1 drift found with --fail-on-drift or a performance alert with --fail-on-performance, ' +
        '2 bad usage or input, 70 internal error.\n\n' +
        'Examples:\n  driftwatch analyze -r reference.csv -c current.csv --label churn --fail-on-drift\n' +
        '  driftwatch analyze -r reference.csv -c current.csv --label churn --model model.json --fail-on-performance',
    )
    .action(async (flags: AnalyzeCliFlags) => {
      const { io } = ctx;
      let config: DriftwatchConfig = {};
      let configFile: string | undefined;
      let keyLines: Readonly<Record<string, number>> = {};
      let configNotes: readonly string[] = [];
      if (flags.config !== undefined) {
        const { loadConfig } = await import('../../runtime/config/index.js');
        const loaded = await loadConfig(flags.config, io.cwd);
        config = loaded.config;
        configFile = loaded.file;
        keyLines = loaded.keyLines;
        configNotes = loaded.notes;
      }
      const settings = resolveSettings(flags, config, configFile, io.cwd, keyLines);
      const out = createOutput(io, {
        quiet: flags.quiet === true,
        verbose: flags.verbose === true,
        json: flags.json === true,
        color: flags.color !== false && flags.json !== true && wantsColor(io),
      });
      for (const note of configNotes) out.info(`note: ${note}`);
      // Loaded on use: --help and --version should not pay for the engine and the renderers.
      const { runAnalysis } = await import('../run-analysis.js');
      const outcome = await runAnalysis(settings, io, out);
      ctx.exitCode = outcome.exitCode;
    });
}
