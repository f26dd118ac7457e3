/**
 * One analysis run's settings: the config file's values, overridden by flags, checked and normalised
 * once. Everything downstream works on `RunSettings` and never looks at raw flags again.
 */
import { resolve } from 'node:path';
import { DriftwatchError } from '../../core/errors.js';
import type { ColumnKind } from '../../data/index.js';
// Each module's own names, from light modules: parsing flags must not load the engine or the renderers.
import { CORRECTION_NAMES, METHOD_CHOICES, PRESET_NAMES } from '../../drift/names/index.js';
import type { AnalyzeOptions } from '../../drift/index.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../report/formats/index.js';
import type { DriftwatchConfig } from '../../runtime/config/index.js';
import type { NamedColumn } from '../../workflows/analyze/index.js';
import { dataFile, inputFileIn, STDIN_PATH, type DataFile } from '../../workflows/paths/index.js';
import { parseChoice, parseChoiceList, parseDelimiter, parseList, parseNumber } from '../parse-values.js';

/** Flags as commander hands them over (strings; repeatable list flags as arrays). */
export interface AnalyzeFlags {
  readonly reference?: string;
  readonly current?: string;
  readonly label?: string;
  readonly prediction?: readonly string[];
  readonly config?: string;
  readonly out?: string;
  readonly format?: readonly string[];
  readonly preset?: string;
  readonly stattest?: string;
  readonly threshold?: string;
  readonly driftShare?: string;
  readonly correction?: string;
  readonly psiBins?: string;
  readonly drop?: readonly string[];
  readonly categorical?: readonly string[];
  readonly numerical?: readonly string[];
  readonly id?: readonly string[];
  readonly timestamp?: string;
  readonly delimiter?: string;
  readonly failOnDrift?: boolean;
  readonly workers?: string;
}

export interface RunSettings {
  readonly reference: DataFile;
  readonly current: DataFile;
  readonly outDir: DataFile;
  /** Outputs in the order given; `terminal` means "print the summary". */
  readonly formats: readonly OutputFormat[];
  readonly failOnDrift: boolean;
  readonly delimiter?: string;
  readonly columnKinds: Readonly<Record<string, ColumnKind>>;
  readonly namedColumns: readonly NamedColumn[];
  readonly analyze: AnalyzeOptions;
  /** Threads for the column analyses (the calling thread included); undefined: one per core. */
  readonly workers?: number;
}

export const DEFAULT_OUT_DIR = 'reports';
export const DEFAULT_FORMATS: readonly OutputFormat[] = OUTPUT_FORMATS;

/** Merges config (may be empty) and flags; flags win. `configFile` names the config in messages. */
export function resolveSettings(flags: AnalyzeFlags, config: DriftwatchConfig, configFile: string | undefined, cwd: string): RunSettings {
  const fromConfig = (key: string): string => `${key} (${configFile ?? 'config'})`;
  const pick = <T>(flag: T | undefined, flagName: string, conf: T | undefined, key: string): { value: T | undefined; source: string } =>
    flag !== undefined ? { value: flag, source: flagName } : { value: conf, source: fromConfig(key) };

  const reference = requiredPath(flags.reference, config.reference, '--reference', 'reference', cwd);
  const current = requiredPath(flags.current, config.current, '--current', 'current', cwd);
  if (reference.absolute === STDIN_PATH && current.absolute === STDIN_PATH) {
    throw new DriftwatchError('USAGE', '--reference and --current cannot both read standard input (-); give one of them as a file', { field: '--current' });
  }
  const outAbs = flags.out !== undefined ? resolve(cwd, flags.out) : (config.output?.dir ?? resolve(cwd, DEFAULT_OUT_DIR));

  const formats = flags.format !== undefined ? parseChoiceList('--format', flags.format, OUTPUT_FORMATS) : (config.output?.formats ?? DEFAULT_FORMATS);

  const named: NamedColumn[] = [];
  const addNames = (names: readonly string[] | undefined, source: string, mustHaveValues = false): string[] => {
    for (const name of names ?? []) named.push({ source, name, ...(mustHaveValues ? { mustHaveValues } : {}) });
    return [...(names ?? [])];
  };
  const listFlag = (v: readonly string[] | undefined): string[] | undefined => (v === undefined ? undefined : parseList(v));

  const label = pick(flags.label?.trim(), '--label', config.label, 'label');
  if (label.value !== undefined) addNames([label.value], label.source, true);
  const prediction = pick(listFlag(flags.prediction), '--prediction', config.prediction, 'prediction');
  addNames(prediction.value, prediction.source, true);
  const drop = pick(listFlag(flags.drop), '--drop', config.columns?.drop, 'columns.drop');
  addNames(drop.value, drop.source);
  const id = pick(listFlag(flags.id), '--id', config.columns?.id, 'columns.id');
  addNames(id.value, id.source);
  const timestamp = pick(flags.timestamp?.trim(), '--timestamp', config.columns?.timestamp, 'columns.timestamp');
  if (timestamp.value !== undefined) addNames([timestamp.value], timestamp.source);
  const categorical = pick(listFlag(flags.categorical), '--categorical', config.columns?.categorical, 'columns.categorical');
  addNames(categorical.value, categorical.source);
  const numerical = pick(listFlag(flags.numerical), '--numerical', config.columns?.numerical, 'columns.numerical');
  addNames(numerical.value, numerical.source);
  for (const name of Object.keys(config.per_column ?? {})) named.push({ source: fromConfig(`per_column.${name}`), name });

  const columnKinds: Record<string, ColumnKind> = {};
  for (const c of categorical.value ?? []) columnKinds[c] = 'categorical';
  for (const c of numerical.value ?? []) {
    if (columnKinds[c] !== undefined) {
      throw new DriftwatchError('USAGE', `column "${c}" is listed as both categorical and numerical`, { field: c });
    }
    columnKinds[c] = 'numeric';
  }

  const preset = flags.preset !== undefined ? parseChoice('--preset', flags.preset, PRESET_NAMES) : config.preset;
  const stattest = flags.stattest !== undefined ? parseChoice('--stattest', flags.stattest, METHOD_CHOICES) : config.stattest;
  const correction = flags.correction !== undefined ? parseChoice('--correction', flags.correction, CORRECTION_NAMES) : config.correction;
  const threshold =
    flags.threshold !== undefined ? parseNumber('--threshold', flags.threshold, { min: 0, minExclusive: true, describe: 'a positive number' }) : config.threshold;
  const driftShare =
    flags.driftShare !== undefined
      ? parseNumber('--drift-share', flags.driftShare, { min: 0, minExclusive: true, max: 1, describe: 'a number above 0 and at most 1' })
      : config.drift_share;
  const psiBins =
    flags.psiBins !== undefined ? parseNumber('--psi-bins', flags.psiBins, { min: 2, integer: true, describe: 'a whole number of at least 2' }) : config.psi_bins;
  const workers =
    flags.workers !== undefined ? parseNumber('--workers', flags.workers, { min: 1, max: 256, integer: true, describe: 'a whole number from 1 to 256' }) : config.workers;
  const delimiter = flags.delimiter !== undefined ? parseDelimiter('--delimiter', flags.delimiter) : parseDelimiter(fromConfig('delimiter'), config.delimiter);

  const analyze: AnalyzeOptions = {
    ...(preset !== undefined ? { preset } : {}),
    ...(label.value !== undefined ? { target: label.value } : {}),
    ...(prediction.value !== undefined && prediction.value.length > 0 ? { prediction: prediction.value } : {}),
    ...(drop.value !== undefined ? { drop: drop.value } : {}),
    ...(id.value !== undefined ? { id: id.value } : {}),
    ...(timestamp.value !== undefined ? { timestamp: timestamp.value } : {}),
    ...(Object.keys(columnKinds).length > 0 ? { columnKinds } : {}),
    ...(stattest !== undefined ? { stattest } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(config.per_kind !== undefined ? { perKind: config.per_kind } : {}),
    ...(config.per_column !== undefined ? { perColumn: config.per_column } : {}),
    ...(driftShare !== undefined ? { driftShare } : {}),
    ...(config.severity !== undefined ? { severity: config.severity } : {}),
    ...(correction !== undefined ? { correction } : {}),
    ...(psiBins !== undefined ? { psiBins } : {}),
    referencePath: reference.display,
    currentPath: current.display,
  };

  return {
    reference,
    current,
    outDir: dataFile(outAbs, cwd),
    formats,
    failOnDrift: flags.failOnDrift === true || config.fail_on_drift === true,
    ...(delimiter !== undefined ? { delimiter } : {}),
    columnKinds,
    namedColumns: named,
    analyze,
    ...(workers !== undefined ? { workers } : {}),
  };
}

function requiredPath(flag: string | undefined, conf: string | undefined, flagName: string, key: string, cwd: string): DataFile {
  if (flag !== undefined && flag.trim() !== '') return inputFileIn(flag, cwd);
  if (conf !== undefined) return dataFile(conf, cwd);
  throw new DriftwatchError('USAGE', `missing ${flagName} <file> (or \`${key}:\` in the config file)`, { field: flagName });
}
