/** `driftwatch demo`: a drift analysis of a real dataset with known drift injected, from scratch. */
import { join } from 'node:path';
import { Command } from 'commander';
import { OUTPUT_FORMATS } from '../../report/formats/index.js';
import { createRng } from '../../core/index.js';
import type { RunSettings } from '../analyze/index.js';
import { collect, type CommandContext } from '../command-context.js';
import type { DriftReport } from '../../drift/index.js';
import type { DriftTransform } from '../../data/simulate/index.js';
import { DEMO_SCENARIO_NAMES, DEMO_SCENARIOS } from '../demo/scenarios.js';
import { wantsColor } from '../io.js';
import { createOutput } from '../output.js';
import { examplesDataDir } from '../package-paths.js';
import { parseChoice, parseChoiceList, parseSeed } from '../parse-values.js';

interface DemoFlags {
  readonly out: string;
  readonly dataset: string;
  readonly seed: string;
  readonly format?: readonly string[];
  readonly quiet?: boolean;
  readonly verbose?: boolean;
  readonly color?: boolean;
}

export function createDemoCommand(ctx: CommandContext): Command {
  return new Command('demo')
    .summary('analyse a real dataset with injected drift (no files needed)')
    .description(
      'Split an example dataset (shipped in examples/data) into a random reference half and a current half with ' +
        'drift injected, write both as CSV, run `driftwatch analyze` on them and write every report.',
    )
    .option('-o, --out <dir>', 'folder for the demo data and reports', 'demo')
    .option('--dataset <name>', `example dataset: ${DEMO_SCENARIO_NAMES.join(', ')}`, 'telco')
    .option('--seed <n>', 'random seed for the split and the drift', '42')
    .option('-f, --format <list>', 'outputs: terminal,json,csv,html,png (default: all)', collect)
    .option('-q, --quiet', 'print only the drift alert line and errors')
    .option('-v, --verbose', 'print timings on stderr')
    .option('--no-color', 'no colours in the terminal summary')
    .action(async (flags: DemoFlags) => {
      const { io } = ctx;
      const scenario = DEMO_SCENARIOS[parseChoice('--dataset', flags.dataset, DEMO_SCENARIO_NAMES)];
      const seed = parseSeed('--seed', flags.seed);
      const formats = flags.format !== undefined ? parseChoiceList('--format', flags.format, OUTPUT_FORMATS) : OUTPUT_FORMATS;
      const out = createOutput(io, {
        quiet: flags.quiet === true,
        verbose: flags.verbose === true,
        json: false,
        color: flags.color !== false && wantsColor(io),
      });

      const [{ runAnalysis }, { buildDemoPair }, { writeCsv }, { dataFile, fileIn, readData, writeOutputFile }] = await Promise.all([
        import('../run-analysis.js'),
        import('../demo/build-demo-data.js'),
        import('../../data/index.js'),
        import('../../workflows/io/index.js'),
      ]);
      const source = dataFile(join(examplesDataDir(), scenario.file), io.cwd);
      const table = await readData(source);
      const pair = buildDemoPair(table, scenario, createRng(seed));

      const dir = fileIn(flags.out, io.cwd);
      const reference = dataFile(join(dir.absolute, 'reference.csv'), io.cwd);
      const current = dataFile(join(dir.absolute, 'current.csv'), io.cwd);
      const reports = dataFile(join(dir.absolute, 'reports'), io.cwd);
      await writeOutputFile({ file: reference, option: '--out' }, 'the reference CSV file', (path) => writeCsv(pair.reference, path));
      await writeOutputFile({ file: current, option: '--out' }, 'the current CSV file', (path) => writeCsv(pair.current, path));

      out.info(out.colors.bold(`Driftwatch demo: ${scenario.title} (${scenario.file}, ${table.rowCount} rows)`));
      out.info(`  reference: ${reference.display}  a random half (${pair.reference.rowCount} rows, seed ${seed})`);
      out.info(`  current:   ${current.display}  the other half (${pair.current.rowCount} rows) with drift injected:`);
      for (const t of scenario.transforms) out.info(`    ${t.source}`);
      out.info(`  the same analysis by hand: driftwatch analyze -r ${quote(reference.display)} -c ${quote(current.display)} --label ${scenario.label} -o ${quote(reports.display)}`);
      out.info('');

      const settings: RunSettings = {
        reference,
        current,
        outDir: reports,
        formats,
        failOnDrift: false,
        failOnPerformance: false,
        columnKinds: {},
        namedColumns: [{ source: 'demo', name: scenario.label }],
        analyze: { target: scenario.label, referencePath: reference.display, currentPath: current.display },
      };
      const outcome = await runAnalysis(settings, io, out);
      out.info('');
      out.info(groundTruthLine(scenario.transforms, outcome.report));
      ctx.exitCode = outcome.exitCode;
    });
}

/** Injected vs found: the point of the demo is that the analysis finds what was injected. */
export function groundTruthLine(transforms: readonly DriftTransform[], report: DriftReport): string {
  const injected = [...new Set(transforms.map((t) => t.column))];
  const resampled = [...new Set(transforms.filter((t) => t.kind === 'resample').map((t) => t.column))];
  const all = [...report.columns, ...(report.target_drift !== null ? [report.target_drift] : [])];
  const flagged = all.filter((c) => c.drifted).map((c) => c.name);
  const found = injected.filter((n) => flagged.includes(n));
  const missed = injected.filter((n) => !flagged.includes(n));
  const others = flagged.filter((n) => !injected.includes(n));
  const shown = others.length > 4 ? `${others.slice(0, 4).join(', ')}, …` : others.join(', ');
  let line = `Ground truth: drift was injected into ${injected.length} columns; the analysis flagged ${found.length} of them`;
  if (missed.length > 0) line += ` (not ${missed.join(', ')})`;
  if (others.length === 0) return `${line} and no other column.`;
  line += ` and ${others.length} other${others.length === 1 ? '' : 's'} (${shown})`;
  // Resampling rows on a column changes every column that depends on it: those flags are real drift too.
  return resampled.length > 0 ? `${line}, moved by resampling on ${resampled.join(', ')}.` : `${line}.`;
}

function quote(p: string): string {
  return /^[\w./-]+$/.test(p) ? p : `'${p.replaceAll("'", "'\\''")}'`;
}
