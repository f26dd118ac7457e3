/**
 * One analysis run's settings: the config file's values, overridden by flags, checked and normalised
 * once. Everything downstream works on `RunSettings` and never looks at raw flags again.
 */
import { resolve } from 'node:path';
import { DriftwatchError, isDriftwatchError } from '../../core/index.js';
import type { ColumnKind, DecimalMark } from '../../data/index.js';
// Each module's own names, from light modules: parsing flags must not load the engine or the renderers.
import { CORRECTION_NAMES, METHOD_CHOICES, PERFORMANCE_METRICS, PRESET_NAMES } from '../../drift/names/index.js';
import type { AnalyzeOptions, PerformanceMetric } from '../../drift/index.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../report/formats/index.js';
import type { DriftwatchConfig } from '../../runtime/config/index.js';
import type { NamedColumn } from '../../workflows/analyze/index.js';
import { dataFile, fileIn, inputFileIn, STDIN_PATH, type DataFile } from '../../workflows/paths/index.js';
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
  readonly decimal?: string;
  readonly missingValues?: readonly string[];
  readonly failOnDrift?: boolean;
  readonly workers?: string;
  readonly model?: string;
  readonly performanceMetric?: string;
  readonly maxDrop?: string;
  readonly lowConfidence?: string;
  readonly failOnPerformance?: boolean;
}

/** `--model`: the model run on both inputs, and its performance alert. */
export interface ModelRunSettings {
  readonly file: DataFile;
  readonly metric?: PerformanceMetric;
  readonly maxDrop?: number;
  readonly lowConfidence?: number;
}

export interface RunSettings {
  readonly reference: DataFile;
  readonly current: DataFile;
  readonly outDir: DataFile;
  /** Outputs in the order given; `terminal` means "print the summary". */
  readonly formats: readonly OutputFormat[];
  readonly failOnDrift: boolean;
  readonly delimiter?: string;
  /** How decimal commas are read (absent: detected). */
  readonly decimal?: DecimalMark;
  /** Missing-value markers replacing the defaults (the empty field always included). */
  readonly missingValues?: readonly string[];
  readonly columnKinds: Readonly<Record<string, ColumnKind>>;
  readonly namedColumns: readonly NamedColumn[];
  readonly analyze: AnalyzeOptions;
  /** Threads for the column analyses (the calling thread included); undefined: one per core. */
  readonly workers?: number;
  /** Where the config file's settings that flags did not override are: to point errors about them at a line. */
  readonly configKeys?: { readonly file: string; readonly lines: Readonly<Record<string, number>> };
  /** Model-aware analysis (`--model` or `model:`). */
  readonly model?: ModelRunSettings;
  /** Exit 1 when the model's performance alert fires. */
  readonly failOnPerformance: boolean;
}

/** Config keys a flag replaces: their lines no longer locate the setting in use. */
const FLAG_OF_KEY: Readonly<Record<string, keyof AnalyzeFlags>> = {
  reference: 'reference',
  current: 'current',
  label: 'label',
  prediction: 'prediction',
  stattest: 'stattest',
  threshold: 'threshold',
  drift_share: 'driftShare',
  correction: 'correction',
  psi_bins: 'psiBins',
  workers: 'workers',
  delimiter: 'delimiter',
  decimal: 'decimal',
  missing_values: 'missingValues',
  'columns.drop': 'drop',
  'columns.categorical': 'categorical',
  'columns.numerical': 'numerical',
  'columns.id': 'id',
  'columns.timestamp': 'timestamp',
};

export const DEFAULT_OUT_DIR = 'reports';
export const DEFAULT_FORMATS: readonly OutputFormat[] = OUTPUT_FORMATS;

/**
 * Merges config (may be empty) and flags; flags win. `configFile` names the config in messages, and
 * `keyLines` (LoadedConfig.keyLines) the line of each of its keys.
 */
export function resolveSettings(flags: AnalyzeFlags, config: DriftwatchConfig, configFile: string | undefined, cwd: string, keyLines: Readonly<Record<string, number>> = {}): RunSettings {
  const fromConfig = (key: string): string => {
    const line = keyLines[key];
    return `${key} (${configFile ?? 'config'}${line !== undefined ? `:${line}` : ''})`;
  };
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

  // The label or a prediction column left out by another setting: say which two settings disagree.
  for (const role of [label, prediction]) {
    for (const name of role.value === undefined ? [] : typeof role.value === 'string' ? [role.value] : role.value) {
      for (const other of [drop, id, timestamp]) {
        const names = other.value === undefined ? [] : typeof other.value === 'string' ? [other.value] : other.value;
        if (names.includes(name)) {
          throw new DriftwatchError('USAGE', `column "${name}" is given to ${role.source} and to ${other.source}; a column cannot be analysed and left out: remove it from one of them`, { field: name });
        }
      }
    }
  }

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
  const decimal = flags.decimal !== undefined ? parseDecimalMark(flags.decimal) : config.decimal;
  const markers = flags.missingValues !== undefined ? parseList(flags.missingValues) : config.missing_values;
  const missingValues = markers === undefined ? undefined : ['', ...markers];

  const modelPath = flags.model !== undefined && flags.model.trim() !== '' ? fileIn(flags.model, cwd) : config.model !== undefined ? dataFile(config.model, cwd) : undefined;
  const metric = flags.performanceMetric !== undefined ? parseChoice('--performance-metric', flags.performanceMetric, PERFORMANCE_METRICS) : config.performance?.metric;
  const maxDrop =
    flags.maxDrop !== undefined ? parseNumber('--max-drop', flags.maxDrop, { min: 0, describe: 'a non-negative number' }) : config.performance?.max_drop;
  const lowConfidence =
    flags.lowConfidence !== undefined
      ? parseNumber('--low-confidence', flags.lowConfidence, { min: 0, max: 1, describe: 'a number between 0 and 1' })
      : config.low_confidence;
  const failOnPerformance = flags.failOnPerformance === true || config.fail_on_performance === true;
  if (modelPath === undefined) {
    const needsModel = flags.failOnPerformance === true ? '--fail-on-performance' : flags.performanceMetric !== undefined ? '--performance-metric' : flags.maxDrop !== undefined ? '--max-drop' : undefined;
    if (needsModel !== undefined) throw new DriftwatchError('USAGE', `${needsModel} needs a model: add --model <file> (or \`model:\` in the config file)`, { field: needsModel });
  }

  const analyze: AnalyzeOptions = {
    ...(preset !== undefined ? { preset } : {}),
    ...(config.preset_thresholds !== undefined ? { presetThresholds: config.preset_thresholds } : {}),
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
    ...(config.effect !== undefined ? { effect: config.effect } : {}),
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
    ...(decimal !== undefined ? { decimal } : {}),
    ...(missingValues !== undefined ? { missingValues } : {}),
    columnKinds,
    namedColumns: named,
    analyze,
    ...(workers !== undefined ? { workers } : {}),
    ...(configFile !== undefined ? { configKeys: { file: configFile, lines: linesInUse(keyLines, flags) } } : {}),
    ...(modelPath !== undefined
      ? {
          model: {
            file: modelPath,
            ...(metric !== undefined ? { metric } : {}),
            ...(maxDrop !== undefined ? { maxDrop } : {}),
            ...(lowConfidence !== undefined ? { lowConfidence } : {}),
          },
        }
      : {}),
    failOnPerformance,
  };
}

function linesInUse(keyLines: Readonly<Record<string, number>>, flags: AnalyzeFlags): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, line] of Object.entries(keyLines)) {
    const flag = FLAG_OF_KEY[key.split('.').slice(0, key.startsWith('columns.') ? 2 : 1).join('.')];
    if (flag === undefined || flags[flag] === undefined) out[key] = line;
  }
  return out;
}

/**
 * An analysis error about a setting that came from the config file (its `field` is the key, such as
 * `per_column.income`), located at the key's line in that file.
 */
export function atConfigKey(e: unknown, settings: RunSettings): unknown {
  if (!isDriftwatchError(e) || e.file !== undefined || e.field === undefined || settings.configKeys === undefined) return e;
  const line = settings.configKeys.lines[e.field];
  if (line === undefined) return e;
  return new DriftwatchError(e.code, e.message, { file: settings.configKeys.file, line, field: e.field }, { cause: e });
}

function requiredPath(flag: string | undefined, conf: string | undefined, flagName: string, key: string, cwd: string): DataFile {
  if (flag !== undefined && flag.trim() !== '') return inputFileIn(flag, cwd);
  if (conf !== undefined) return dataFile(conf, cwd);
  throw new DriftwatchError('USAGE', `missing ${flagName} <file> (or \`${key}:\` in the config file)`, { field: flagName });
}

/** `--decimal`: auto, "." or "," (the data layer's DecimalMark; checked here so flag parsing loads no reader). */
function parseDecimalMark(raw: string): DecimalMark {
  const v = raw.trim();
  if (v === 'auto' || v === '.' || v === ',') return v;
  throw new DriftwatchError('USAGE', `--decimal must be "auto", "." or "," (got "${raw}")`, { field: '--decimal' });
}
