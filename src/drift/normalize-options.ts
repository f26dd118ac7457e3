/** AnalyzeOptions checked and filled in once, at the edge: a bad value fails here naming the option. */
import { systemClock, type Clock } from '../core/index.js';
import { DriftwatchError } from '../core/index.js';
import type { ColumnKind, Table } from '../data/table/index.js';
import { DEFAULT_PSI_BINS } from './methods/shared-bins.js';
import { getMethod } from './methods/registry.js';
import type { AnalyzeOptions, MethodChoice } from './options.js';
import type { ReferencePreparation } from './prepare/reference-preparation.js';
import { CORRECTION_NAMES } from './names/index.js';
import { PRESETS, type Preset } from './presets/index.js';
import type { CorrectionName, MethodName, PresetName } from './types.js';
import { closestMatch } from '../core/index.js';

export interface NormalizedOptions {
  readonly preset: Preset;
  readonly target: string | null;
  readonly predictions: readonly string[];
  readonly drop: ReadonlySet<string>;
  readonly ids: ReadonlySet<string>;
  readonly timestamp: string | null;
  readonly columnKinds: Readonly<Record<string, ColumnKind>>;
  readonly stattest: MethodChoice | null;
  /** Threshold for the preset's main test when no method override applies. */
  readonly presetThreshold: number | null;
  /** Thresholds of the preset's methods by name (see AnalyzeOptions.presetThresholds). */
  readonly presetThresholds: Readonly<Partial<Record<MethodName, number>>>;
  readonly perKind: Readonly<{ numeric?: MethodChoice; categorical?: MethodChoice }>;
  readonly perColumn: Readonly<Record<string, MethodChoice>>;
  readonly effect: MethodChoice | null;
  readonly driftShare: number;
  readonly driftShareStrict: boolean;
  readonly severity: Readonly<{ medium: number; high: number }>;
  readonly correction: CorrectionName;
  readonly psiBins: number;
  readonly referencePath: string | null;
  readonly currentPath: string | null;
  readonly clock: Clock;
  /** Reference samples kept across analyses (AnalyzeOptions.referencePreparation); null: prepared afresh. */
  readonly referencePreparation: ReferencePreparation | null;
}

const CORRECTIONS: readonly CorrectionName[] = CORRECTION_NAMES;

/** Settings are named as the config file and the report spell them (snake_case), whatever the caller used. */
function usage(field: string, message: string): DriftwatchError {
  return new DriftwatchError('USAGE', message, { field });
}

function checkShare(field: string, v: number): number {
  if (!(v >= 0 && v <= 1)) throw usage(field, `invalid ${field}: ${v}; it must be a share between 0 and 1`);
  return v;
}

function checkChoice(field: string, c: MethodChoice): MethodChoice {
  const m = getMethod(c.method);
  if (c.threshold !== undefined) checkThreshold(field, c.threshold, m.scoreKind === 'p_value');
  return c;
}

function checkThreshold(field: string, t: number, isP: boolean): void {
  const ok = isP ? t > 0 && t < 1 : t > 0 && Number.isFinite(t);
  if (!ok) throw usage(field, `invalid ${field}: ${t}; ${isP ? 'a p-value threshold must be between 0 and 1 (exclusive)' : 'a distance threshold must be a positive number'}`);
}

/** DriftwatchError('COLUMN_NOT_FOUND') listing the columns and suggesting the closest name. */
export function columnNotFound(field: string, name: string, available: readonly string[], file?: string): DriftwatchError {
  const best = closestMatch(name, available);
  const hint = best !== undefined ? ` Did you mean "${best}"?` : '';
  return new DriftwatchError('COLUMN_NOT_FOUND', `${field} column "${name}" is not in the reference data.${hint} Columns are: ${available.join(', ')}`, {
    field,
    ...(file !== undefined ? { file } : {}),
  });
}

/** Only the tables' column names are read, so a worker can normalise the same options from the names alone. */
export function normalizeOptions(o: AnalyzeOptions, reference: Pick<Table, 'names' | 'path'>, current: Pick<Table, 'names' | 'path'>): NormalizedOptions {
  const presetName: PresetName = o.preset ?? 'default';
  const preset = PRESETS[presetName];
  if (preset === undefined) throw usage('preset', `invalid preset: ${String(presetName)}; presets are ${Object.keys(PRESETS).join(', ')}`);
  const refNames = new Set(reference.names);
  const known = (field: string, name: string): string => {
    if (!refNames.has(name)) throw columnNotFound(field, name, reference.names, reference.path);
    return name;
  };
  const predictions = o.prediction === undefined ? [] : typeof o.prediction === 'string' ? [o.prediction] : [...o.prediction];
  const target = o.target === undefined ? null : known('target', o.target);
  predictions.forEach((p) => known('prediction', p));
  if (target !== null && predictions.includes(target)) throw usage('prediction', `column "${target}" is given as both target and prediction`);
  const ids = new Set(o.id ?? []);
  ids.forEach((n) => {
    if (!refNames.has(n) && !current.names.includes(n)) throw columnNotFound('id', n, reference.names, reference.path);
  });
  const timestamp = o.timestamp === undefined ? null : known('timestamp', o.timestamp);
  // A column to analyse as target or prediction cannot also be left out: one of the two settings is a mistake.
  const leftOut: [string, ReadonlySet<string>][] = [['drop', new Set(o.drop ?? [])], ['id', ids], ['timestamp', new Set(timestamp === null ? [] : [timestamp])]];
  for (const [role, name] of [...(target !== null ? [['target', target] as const] : []), ...predictions.map((p) => ['prediction', p] as const)]) {
    for (const [field, names] of leftOut) {
      if (names.has(name)) throw usage(field, `column "${name}" is the ${role} and is also given as ${field}; a column cannot be analysed and left out; remove it from one of them`);
    }
  }
  const columnKinds = o.columnKinds ?? {};
  for (const n of Object.keys(columnKinds)) known('column kinds', n);
  const perColumn = o.perColumn ?? {};
  for (const [n, c] of Object.entries(perColumn)) {
    known('per_column', n);
    checkChoice(`per_column.${n}`, c);
  }
  const perKind = o.perKind ?? {};
  if (perKind.numeric !== undefined) checkChoice('per_kind.numeric', perKind.numeric);
  if (perKind.categorical !== undefined) checkChoice('per_kind.categorical', perKind.categorical);
  const effect = o.effect === undefined ? null : checkChoice('effect', o.effect);
  const stattest = o.stattest === undefined ? null : checkChoice('stattest', { method: o.stattest, ...(o.threshold !== undefined ? { threshold: o.threshold } : {}) });
  if (stattest === null && o.threshold !== undefined && !(o.threshold > 0 && Number.isFinite(o.threshold))) {
    throw usage('threshold', `invalid threshold: ${o.threshold}; it must be a positive number`);
  }
  const presetThresholds = o.presetThresholds ?? {};
  for (const [name, t] of Object.entries(presetThresholds)) {
    checkChoice(`presetThresholds.${name}`, { method: name as MethodName, threshold: t });
  }
  const severity = o.severity ?? { medium: 0.25, high: 0.5 };
  checkShare('severity.medium', severity.medium);
  checkShare('severity.high', severity.high);
  if (severity.medium > severity.high) throw usage('severity', `invalid severity: medium ${severity.medium} is above high ${severity.high}`);
  const correction = o.correction ?? 'none';
  if (!CORRECTIONS.includes(correction)) throw usage('correction', `invalid correction: ${String(correction)}; use one of ${CORRECTIONS.join(', ')}`);
  const psiBins = o.psiBins ?? DEFAULT_PSI_BINS;
  if (!Number.isInteger(psiBins) || psiBins < 2) throw usage('psi_bins', `invalid psi_bins: ${psiBins}; it must be an integer of at least 2`);
  return {
    preset,
    target,
    predictions,
    drop: new Set(o.drop ?? []),
    ids,
    timestamp,
    columnKinds,
    stattest,
    presetThreshold: stattest === null && o.threshold !== undefined ? o.threshold : null,
    presetThresholds,
    perKind,
    perColumn,
    effect,
    driftShare: checkShare('drift_share', o.driftShare ?? preset.driftShare),
    driftShareStrict: preset.driftShareStrict,
    severity,
    correction,
    psiBins,
    // A table read from a file names it (readTable), so the report does too.
    referencePath: o.referencePath ?? reference.path ?? null,
    currentPath: o.currentPath ?? current.path ?? null,
    // The one clock read; callers that need reproducible reports pass their own.
    clock: o.clock ?? systemClock,
    referencePreparation: o.referencePreparation ?? null,
  };
}
